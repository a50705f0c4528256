"""FilterSets shared by the UI lists and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from backend.common.filters import IdFilter
from backend.distribution.models import Allocation, Enrolment, HandOver, PickupSlot
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


class EnrolmentFilterSet(django_filters.FilterSet):
    drive = IdFilter(label=_("Drive"), field_name="distribution__drive")
    pickup_code = django_filters.CharFilter(label=_("Pickup code"))

    class Meta:
        model = Enrolment
        fields = ["drive", "status", "slot", "pickup_code"]


class AllocationFilterSet(django_filters.FilterSet):
    drive = IdFilter(label=_("Drive"),
                                        field_name="enrolment__distribution__drive")

    class Meta:
        model = Allocation
        fields = ["drive", "enrolment", "item", "status"]


class PickupSlotFilterSet(django_filters.FilterSet):
    drive = IdFilter(label=_("Drive"), field_name="distribution__drive")

    class Meta:
        model = PickupSlot
        fields = ["drive", "site", "date"]


class HandOverFilterSet(django_filters.FilterSet):
    drive = IdFilter(label=_("Drive"),
                                        field_name="enrolment__distribution__drive")

    class Meta:
        model = HandOver
        fields = ["drive", "enrolment", "delivered", "partial"]


class EnrolCandidateFilterSet(HouseholdFilterSet):
    """The registry with the filters enrolment needs (size, heating, flags, referral)."""

    referral_number = django_filters.CharFilter(label=_("Referral no."),
                                                lookup_expr="icontains")
