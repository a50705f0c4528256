"""Correcting a pickup slot (the engine's services, split by concern).

Households already booked into a slot were told its day, hours and place by SMS: those stay
as they are while anyone is booked (move the households first, or add another slot). The
capacity may change at any time, but never below the places already taken."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from backend.accounts import audit
from backend.common.errors import ServiceError

from .models import PickupSlot
from .services import slot_counts

FIELDS = ["site", "date", "start", "end", "capacity"]
FIXED_WHEN_BOOKED = ("site", "date", "start", "end")


class SlotError(ServiceError):
    pass


def booked(slot: PickupSlot) -> int:
    return slot_counts([slot.pk]).get(slot.pk, 0)


@transaction.atomic
def update_slot(actor, slot: PickupSlot, data: dict) -> PickupSlot:
    slot = PickupSlot.objects.select_for_update().select_related("distribution").get(pk=slot.pk)
    drive = getattr(slot.distribution, "drive", None)  # events and camps have no drive
    if drive is not None and drive.is_closed:
        raise SlotError(_("This drive is closed: it can no longer be changed."), "drive_closed")
    taken = booked(slot)
    if taken and any(key in data and data[key] != getattr(slot, key)
                     for key in FIXED_WHEN_BOOKED):
        raise SlotError(_("Households booked into this slot were told its day, hours and "
                          "place by SMS: move them to another slot first."), "slot_booked")
    if data.get("capacity", slot.capacity) < taken:
        raise SlotError(_("The capacity cannot be below the %(n)s places already taken.")
                        % {"n": taken}, "capacity_below_booked")
    if data.get("end", slot.end) <= data.get("start", slot.start):
        raise SlotError(_("The end time must be after the start time."), "bad_hours")
    before = audit.snapshot(slot, FIELDS)
    for key in FIELDS:
        if key in data:
            setattr(slot, key, data[key])
    slot.save()
    slot.refresh_from_db()
    changes = audit.diff(before, audit.snapshot(slot, FIELDS))
    if changes:
        audit.record(actor, "update", slot, changes, root=slot.distribution)
    return slot
