"""Wigilia take-away packages for people who cannot come, delivered home by the drive
engine's delivery runs (backend/drives/delivery.py) instead of a copy of them: the event
gets one linked delivery drive, the households of its take-away participants are enrolled
there with delivery=True and a package each (a fixed target). The coordinator then
allocates, plans runs for drivers, the SMS goes the day before and the driver confirms at
the door — exactly as for fuel."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from backend.distribution import services as engine
from backend.distribution.models import Enrolment, Participant
from backend.drives import services as drives
from backend.drives.models import Drive, Target
from backend.inventory.models import Item

from .models import Event
from .services import EventError

HOLDING = (Participant.Status.REGISTERED, Participant.Status.CHECKED_IN)


def takeaway_households(event: Event) -> dict[int, list[Participant]]:
    """Household id -> its registered participants who asked for a take-away package."""
    found: dict[int, list[Participant]] = {}
    for participant in (Participant.objects.filter(
            distribution=event.distribution, status__in=HOLDING, details__takeaway=True,
            household__isnull=False).select_related("household").order_by("id")):
        found.setdefault(participant.household_id, []).append(participant)
    return found


@transaction.atomic
def hand_to_delivery(actor, event: Event, item: Item, per_household: int = 1
                     ) -> tuple[Drive, int]:
    """Create (once) the event's delivery drive and enrol the take-away households not yet
    in it. Returns the drive and how many households were added; running it again adds
    only the new ones."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    households = takeaway_households(event)
    if not households:
        raise EventError(_("Nobody registered asked for a take-away package."),
                         "no_takeaway")
    drive = event.takeaway_drive
    if drive is None:
        drive = drives.create_drive(
            actor, name=_("%(event)s: take-away packages") % {"event": event.name},
            kind=Drive.Kind.FOOD, sites=[event.site], distribution_start=event.date,
            distribution_end=event.date)
        event.takeaway_drive = drive
        event.save(update_fields=["takeaway_drive"])
    target = drive.targets.filter(item=item).first() or Target(
        item=item, policy=Target.Policy.FIXED, amount=Decimal(per_household))
    target.quantity = Decimal(per_household * len(households))
    drives.save_target(actor, drive, target)
    enrolled = set(Enrolment.objects.filter(distribution=drive.distribution)
                   .values_list("household_id", flat=True))
    added = 0
    for household_id, rows in households.items():
        if household_id in enrolled:
            continue
        enrolment = engine.enrol(actor, drive.distribution, rows[0].household)
        engine.set_delivery(actor, enrolment, True)
        added += 1
    return drive, added
