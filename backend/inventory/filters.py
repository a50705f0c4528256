"""FilterSets shared by the UI lists and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from backend.common.filters import IdFilter

from .models import Balance, Category, Item, Location, Lot, Movement


class ItemFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), field_name="name", lookup_expr="icontains")
    category = django_filters.ModelChoiceFilter(label=_("Category"),
                                                queryset=Category.objects.all())
    perishable = django_filters.BooleanFilter(label=_("Perishable"))

    class Meta:
        model = Item
        fields = ["q", "category", "perishable", "unit"]


class CategoryFilterSet(django_filters.FilterSet):
    class Meta:
        model = Category
        fields = ["name"]


class LocationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), field_name="path", lookup_expr="icontains")

    class Meta:
        model = Location
        fields = ["q", "site", "parent", "kind"]


class LotFilterSet(django_filters.FilterSet):
    category = django_filters.ModelChoiceFilter(label=_("Category"), field_name="item__category",
                                                queryset=Category.objects.all())
    expiring_before = django_filters.DateFilter(label=_("Expiring before"), field_name="expiry",
                                                lookup_expr="lte")

    class Meta:
        model = Lot
        fields = ["item", "category", "kind", "expiring_before"]


def _visible_locations(request):
    """The location choices, by the user's site scope (accounts.scope)."""
    from backend.accounts import scope

    user = getattr(request, "user", None)
    return Location.objects.all() if user is None else scope.visible(Location.objects.all(),
                                                                     user)


class BalanceFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    item = django_filters.ModelChoiceFilter(label=_("Item"), field_name="lot__item",
                                            queryset=Item.objects.all())
    category = django_filters.ModelChoiceFilter(label=_("Category"),
                                                field_name="lot__item__category",
                                                queryset=Category.objects.all())
    location = django_filters.ModelChoiceFilter(label=_("Location"), method="filter_location",
                                                queryset=_visible_locations)
    expiring_before = django_filters.DateFilter(label=_("Expiring before"),
                                                field_name="lot__expiry", lookup_expr="lte")

    class Meta:
        model = Balance
        fields = ["q", "item", "category", "location", "expiring_before"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(lot__item__name__icontains=value)
                               | Q(location__path__icontains=value))

    def filter_location(self, queryset, name, value):
        # A location includes everything below it (the path is the materialised ancestry).
        return queryset.filter(Q(location=value) | Q(location__path__startswith=f"{value.path} / "))


class MovementFilterSet(django_filters.FilterSet):
    location = IdFilter(method="filter_location")

    class Meta:
        model = Movement
        fields = ["lot", "kind", "location", "ref_type", "ref_id"]

    def filter_location(self, queryset, name, value):
        return queryset.filter(Q(from_location_id=value) | Q(to_location_id=value))
