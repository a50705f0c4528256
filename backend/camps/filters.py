"""FilterSets shared by the UI lists and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from backend.distribution.models import Participant, ParticipantGift

from .models import Application, Camp, CampDay, CampSession, DaySignup, Sponsorship


class CampFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), field_name="name", lookup_expr="icontains")

    class Meta:
        model = Camp
        fields = ["q", "year", "site"]


class CampSessionFilterSet(django_filters.FilterSet):
    class Meta:
        model = CampSession
        fields = ["camp", "kind"]


class ApplicationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    missing = django_filters.BooleanFilter(label=_("missing documents"), method="filter_missing")
    session = django_filters.NumberFilter(label=_("Session"), field_name="participant__group")

    class Meta:
        model = Application
        fields = ["camp", "status", "source", "session", "missing", "q"]

    def search(self, queryset, name, value):
        return queryset.filter(child__first_name__icontains=value) | queryset.filter(
            child__last_name__icontains=value) | queryset.filter(
            child_first_name__icontains=value)

    def filter_missing(self, queryset, name, value):
        none = {"card_signed": True, "medical_note": True, "contribution_paid": True,
                "consent_photos": True}
        return queryset.exclude(**none) if value else queryset.filter(**none)


class CampParticipantFilterSet(django_filters.FilterSet):
    camp = django_filters.NumberFilter(label=_("Camp"), field_name="distribution__camp")
    session = django_filters.NumberFilter(label=_("Session"), field_name="group")

    class Meta:
        model = Participant
        fields = ["camp", "session", "status"]


class SponsorshipFilterSet(django_filters.FilterSet):
    camp = django_filters.NumberFilter(label=_("Camp"), field_name="session__camp")

    class Meta:
        model = Sponsorship
        fields = ["camp", "session", "donor"]


class CampDayFilterSet(django_filters.FilterSet):
    camp = django_filters.NumberFilter(label=_("Camp"), field_name="session__camp")
    date_from = django_filters.DateFilter(label=_("from"), field_name="date",
                                          lookup_expr="gte")
    date_to = django_filters.DateFilter(label=_("to"), field_name="date", lookup_expr="lte")

    class Meta:
        model = CampDay
        fields = ["camp", "session", "date", "date_from", "date_to"]


class DaySignupFilterSet(django_filters.FilterSet):
    session = django_filters.NumberFilter(label=_("Session"), field_name="day__session")
    present = django_filters.BooleanFilter(label=_("present"), field_name="attended_at",
                                           lookup_expr="isnull", exclude=True)

    class Meta:
        model = DaySignup
        fields = ["day", "session", "application", "present"]


class OutfitFilterSet(django_filters.FilterSet):
    camp = django_filters.NumberFilter(label=_("Camp"),
                                       field_name="participant__distribution__camp")
    session = django_filters.NumberFilter(label=_("Session"), field_name="participant__group")
    application = django_filters.NumberFilter(label=_("child"),
                                              field_name="participant__application")

    class Meta:
        model = ParticipantGift
        fields = ["camp", "session", "application", "item", "status"]
