"""FilterSets of the engine's rows, shared by the UI lists and the API.

`distribution` filters by the engine's own key; `drive` (the owner, kept for the API's
existing clients) by the drive that owns the distribution. An event or a camp adds its own
owner filter the same way (docs/decisions/0030)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from backend.common.filters import IdFilter

from .models import Allocation, Enrolment, HandOver, PickupSlot


class EnrolmentFilterSet(django_filters.FilterSet):
    distribution = IdFilter(label=_("distribution"), field_name="distribution")
    drive = IdFilter(label=_("Drive"), field_name="distribution__drive")
    pickup_code = django_filters.CharFilter(label=_("Pickup code"))

    class Meta:
        model = Enrolment
        fields = ["distribution", "drive", "status", "slot", "pickup_code"]


class AllocationFilterSet(django_filters.FilterSet):
    distribution = IdFilter(label=_("distribution"), field_name="enrolment__distribution")
    drive = IdFilter(label=_("Drive"), field_name="enrolment__distribution__drive")

    class Meta:
        model = Allocation
        fields = ["drive", "enrolment", "item", "status"]


class PickupSlotFilterSet(django_filters.FilterSet):
    distribution = IdFilter(label=_("distribution"), field_name="distribution")
    drive = IdFilter(label=_("Drive"), field_name="distribution__drive")

    class Meta:
        model = PickupSlot
        fields = ["distribution", "drive", "site", "date"]


class HandOverFilterSet(django_filters.FilterSet):
    distribution = IdFilter(label=_("distribution"), field_name="enrolment__distribution")
    drive = IdFilter(label=_("Drive"), field_name="enrolment__distribution__drive")

    class Meta:
        model = HandOver
        fields = ["drive", "enrolment", "delivered", "partial"]
