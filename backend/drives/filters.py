"""FilterSets shared by the UI lists and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from backend.people.filters import HouseholdFilterSet

from .models import Drive, Target


class DriveFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), field_name="name", lookup_expr="icontains")

    class Meta:
        model = Drive
        fields = ["q", "kind", "status"]


class TargetFilterSet(django_filters.FilterSet):
    class Meta:
        model = Target
        fields = ["drive", "item"]


class EnrolCandidateFilterSet(HouseholdFilterSet):
    """The registry with the filters enrolment needs (size, heating, flags, referral)."""

    referral_number = django_filters.CharFilter(label=_("Referral no."),
                                                lookup_expr="icontains")
