"""FilterSets shared by the UI lists and the API (`?site=3` means the same in both)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import Site
from backend.common.collation import PolishOrderingFilter
from backend.common.filters import CountFilter, IdFilter

from . import selectors
from .models import Donor, Household, HouseholdFlag, Person


class HouseholdFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    site = django_filters.ModelChoiceFilter(label=_("Site"), queryset=Site.objects.all())
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Household.Status.choices)
    heating_type = django_filters.ChoiceFilter(label=_("Heating"),
                                               choices=Household.Heating.choices)
    flags = django_filters.ModelChoiceFilter(label=_("Flag"),
                                             queryset=HouseholdFlag.objects.all())
    min_members = CountFilter(label=_("Members from"), field_name="member_count",
                                              lookup_expr="gte")
    max_members = CountFilter(label=_("Members to"), field_name="member_count",
                                              lookup_expr="lte")
    ordering = PolishOrderingFilter(
        label=_("Sort"), collated=["display_name", "city"],
        fields=(("display_name", "name"), ("city", "city"), ("member_count", "members"),
                ("created_at", "created")),
        field_labels={"display_name": _("name"), "city": _("city"),
                      "member_count": _("members"), "created_at": _("created")},
    )

    class Meta:
        model = Household
        fields = ["q", "site", "status", "heating_type", "flags"]

    def filter_q(self, queryset, name, value):
        return selectors.search_households(queryset, value)


class PersonFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    household = IdFilter(field_name="household_id")
    site = django_filters.ModelChoiceFilter(field_name="household__site",
                                            queryset=Site.objects.all())
    relation = django_filters.ChoiceFilter(choices=Person.Relation.choices)
    phone_is_mobile = django_filters.BooleanFilter()
    sms_consent = django_filters.BooleanFilter()

    class Meta:
        model = Person
        fields = ["q", "household", "site", "relation", "phone_is_mobile", "sms_consent"]

    def filter_q(self, queryset, name, value):
        return selectors.search_persons(queryset, value)


class DonorFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Donor.Kind.choices)

    class Meta:
        model = Donor
        fields = ["q", "kind"]

    def filter_q(self, queryset, name, value):
        return selectors.search_donors(queryset, value)
