"""FilterSets shared by the UI lists and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from backend.inventory.models import Category

from .models import EquipmentRequest, Match, Offer, TransportTask, Urgency


class OfferFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), field_name="title", lookup_expr="icontains")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Offer.Status.choices)
    category = django_filters.ModelChoiceFilter(label=_("Category"),
                                                queryset=Category.objects.filter(
                                                    purpose=Category.Purpose.EQUIPMENT))
    source = django_filters.ChoiceFilter(label=_("Source"), choices=Offer.Source.choices)

    class Meta:
        model = Offer
        fields = ["q", "status", "category", "source"]


class RequestFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"),
                                         choices=EquipmentRequest.Status.choices)
    category = django_filters.ModelChoiceFilter(label=_("Category"),
                                                queryset=Category.objects.filter(
                                                    purpose=Category.Purpose.EQUIPMENT))
    urgency = django_filters.ChoiceFilter(label=_("Urgency"), choices=Urgency.choices)
    to_reconfirm = django_filters.BooleanFilter(label=_("To re-confirm"),
                                                field_name="reconfirm_requested_at",
                                                lookup_expr="isnull", exclude=True)

    class Meta:
        model = EquipmentRequest
        fields = ["status", "category", "urgency", "household"]


class MatchFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Match.Status.choices)

    class Meta:
        model = Match
        fields = ["status", "offer", "request"]


class TransportTaskFilterSet(django_filters.FilterSet):
    date = django_filters.DateFilter(label=_("Date"))
    status = django_filters.ChoiceFilter(label=_("Status"),
                                         choices=TransportTask.Status.choices)
    kind = django_filters.ChoiceFilter(label=_("Route"), choices=TransportTask.Kind.choices)

    class Meta:
        model = TransportTask
        fields = ["date", "status", "kind", "driver"]
