"""FilterSets shared by the UI lists and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from backend.distribution.models import CheckIn, Participant
from backend.people.filters import HouseholdFilterSet

from .models import Event, Pledge, Session, Wish


class EventFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), field_name="name", lookup_expr="icontains")
    date_from = django_filters.DateFilter(label=_("from"), field_name="date", lookup_expr="gte")

    class Meta:
        model = Event
        fields = ["q", "kind", "status", "site", "date_from"]


class SessionFilterSet(django_filters.FilterSet):
    class Meta:
        model = Session
        fields = ["event"]


class ParticipantFilterSet(django_filters.FilterSet):
    event = django_filters.NumberFilter(label=_("Event"), field_name="distribution__event")
    session = django_filters.NumberFilter(label=_("Session"), field_name="group")
    q = django_filters.CharFilter(label=_("Search"), method="search")
    code = django_filters.CharFilter(label=_("Check-in code"))

    class Meta:
        model = Participant
        fields = ["event", "session", "status", "code", "walk_in", "q"]

    def search(self, queryset, name, value):
        return queryset.filter(first_name__icontains=value) | queryset.filter(
            person__last_name__icontains=value) | queryset.filter(code=value)


class WishFilterSet(django_filters.FilterSet):
    class Meta:
        model = Wish
        fields = ["event", "status", "pledge"]


class PledgeFilterSet(django_filters.FilterSet):
    class Meta:
        model = Pledge
        fields = ["event"]


class CheckInFilterSet(django_filters.FilterSet):
    event = django_filters.NumberFilter(label=_("Event"),
                                        field_name="participant__distribution__event")

    class Meta:
        model = CheckIn
        fields = ["event", "participant"]


class InviteFilterSet(HouseholdFilterSet):
    """Recipients from the registry: the household filters (site, flags, ...) plus who
    lives there (children 0–14, seniors living alone)."""

    children = django_filters.BooleanFilter(label=_("with children of the event's ages"),
                                            method="with_children")
    seniors_alone = django_filters.BooleanFilter(label=_("seniors living alone"),
                                                 method="with_seniors_alone")

    def __init__(self, *args, event=None, **kwargs):
        self.event = event
        super().__init__(*args, **kwargs)

    def with_children(self, queryset, name, value):
        if not value or self.event is None:
            return queryset
        from backend.people.models import years_before

        day = self.event.date
        return queryset.filter(
            members__birth_date__gt=years_before(day, self.event.child_max_age + 1),
            members__birth_date__lte=years_before(day, self.event.child_min_age)).distinct()

    def with_seniors_alone(self, queryset, name, value):
        if not value or self.event is None:
            return queryset
        from backend.people.models import SENIOR_MIN_AGE, years_before

        return queryset.filter(member_count=1, members__birth_date__lte=years_before(
            self.event.date, SENIOR_MIN_AGE)).distinct()
