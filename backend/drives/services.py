"""Drive writes: create, status, targets, enrolment with warnings, allocation.

Allocation: need per household from the target's policy (in whole units), the fair
split when stock is short (backend.distribution.fair), a preview, then a commit that
reserves stock through the distribution engine (ref = the allocation).
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.accounts import audit
from backend.common.errors import ServiceError
from backend.distribution import fair
from backend.distribution import services as engine
from backend.distribution.models import Allocation, Distribution, Enrolment
from backend.inventory.selectors import available, too_short_lived

from . import selectors
from .models import Drive, Target

S = Drive.Status
NEXT = {S.PLANNED: S.COLLECTING, S.COLLECTING: S.DISTRIBUTING, S.DISTRIBUTING: S.CLOSED}
W_ALREADY, W_OTHER, W_NO_MOBILE = "already_enrolled", "other_drive", "no_mobile"
W_DUPLICATE = "possible_duplicate"


class TargetError(ServiceError):
    default_code = "target_error"


def writable(drive: Drive) -> None:
    """The drive's own rows (status, targets); its distribution guards itself."""
    if drive.is_closed:
        raise engine.DistributionClosed(_("This drive is closed: it can no longer be changed."))


DRIVE_FIELDS = ["name", "kind", "collection_start", "collection_end", "distribution_start",
                "distribution_end", "sites", "coordinators", "method", "public_progress"]
TARGET_FIELDS = ["item", "quantity", "policy", "amount", "cap", "minimum", "min_age", "max_age",
                 "heating_amounts"]


class DriveError(ServiceError):
    pass


def edit_refusal(drive: Drive) -> str | None:
    """Why the drive (and its targets) can no longer be edited, or None."""
    if drive.is_closed:
        return _("This drive is closed: it can no longer be changed.")
    return None


def _check_dates(fields: dict) -> None:
    for start, end in (("collection_start", "collection_end"),
                       ("distribution_start", "distribution_end")):
        if fields.get(start) and fields.get(end) and fields[end] < fields[start]:
            raise DriveError(_("The end date is before the start date."), "dates_out_of_order")


@transaction.atomic
def create_drive(actor, *, name: str, kind: str, sites=(), coordinators=(), **fields) -> Drive:
    _check_dates(fields)
    drive = Drive.objects.create(distribution=Distribution.objects.create(name=name),
                                 name=name, kind=kind, **fields)
    drive.sites.set(sites)
    drive.coordinators.set(coordinators)
    audit.record(actor, "create", drive, audit.snapshot(drive, ["name", "kind", "status"]))
    return drive


@transaction.atomic
def update_drive(actor, drive: Drive, data: dict) -> Drive:
    """Correct a drive's name, dates, sites...; refused once it is closed. One audit entry
    with what changed (labels and display values come from audit.readable)."""
    drive = Drive.objects.select_for_update().get(pk=drive.pk)
    if refusal := edit_refusal(drive):
        raise DriveError(refusal, "drive_closed")
    _check_dates({k: data.get(k, getattr(drive, k)) for k in DRIVE_FIELDS[2:6]})
    before = audit.snapshot(drive, DRIVE_FIELDS)
    for key, value in data.items():
        if key in ("sites", "coordinators"):
            getattr(drive, key).set(value)
        elif key in DRIVE_FIELDS:
            setattr(drive, key, value)
    drive.save()
    if drive.distribution.name != drive.name:
        drive.distribution.name = drive.name
        drive.distribution.save(update_fields=["name"])
    drive.refresh_from_db()
    changes = audit.diff(before, audit.snapshot(drive, DRIVE_FIELDS))
    if changes:
        audit.record(actor, "update", drive, changes)
    return drive


@transaction.atomic
def update_target(actor, target: Target, data: dict) -> Target:
    target = Target.objects.select_for_update().select_related("drive").get(pk=target.pk)
    if refusal := edit_refusal(target.drive):
        raise DriveError(refusal, "drive_closed")
    if "item" in data and data["item"] != target.item and Target.objects.filter(
            drive=target.drive, item=data["item"]).exclude(pk=target.pk).exists():
        raise DriveError(_("This drive already has a target for this item."), "target_exists")
    before = audit.snapshot(target, TARGET_FIELDS)
    for key, value in data.items():
        if key in TARGET_FIELDS:
            setattr(target, key, value)
    check_age_range(target)
    target.save()
    target.refresh_from_db()  # "1" typed and "1.000" stored are the same: no phantom change
    changes = audit.diff(before, audit.snapshot(target, TARGET_FIELDS))
    if changes:
        audit.record(actor, "update", target, changes, root=target.drive)
    return target


@transaction.atomic
def delete_target(actor, target: Target) -> None:
    """Remove a target; refused once the drive is closed or goods were allocated for it
    (the allocation keeps the reason why a household got what it got)."""
    if refusal := edit_refusal(target.drive):
        raise DriveError(refusal, "drive_closed")
    if Allocation.objects.filter(enrolment__distribution=target.drive.distribution,
                                 item=target.item).exists():
        raise DriveError(_("Goods were already allocated for this item: correct the "
                           "allocations instead of removing the target."), "target_allocated")
    audit.record(actor, "delete", target, audit.snapshot(target, ["item", "quantity"]),
                 root=target.drive)
    target.delete()


@transaction.atomic
def advance(actor, drive: Drive) -> Drive:
    drive = Drive.objects.select_for_update().get(pk=drive.pk)
    writable(drive)
    before = drive.status
    drive.status = NEXT[before]
    drive.save(update_fields=["status"])
    audit.record(actor, "update", drive, {"status": [before, drive.status]})
    if drive.is_closed:
        engine.close(actor, drive.distribution)
    return drive


def check_age_range(target: Target) -> None:
    """The policy per child needs its age range (save_target and update_target)."""
    if target.policy == Target.Policy.PER_CHILD:
        if target.min_age is None or target.max_age is None:
            raise TargetError(_("Give the children's age range for the policy per child."),
                             "age_range_missing")
        if target.min_age > target.max_age:
            raise TargetError(_("The lower age cannot be above the upper age."),
                             "age_range_reversed")


@transaction.atomic
def save_target(actor, drive: Drive, target: Target) -> Target:
    writable(drive)
    check_age_range(target)
    target.drive = drive
    created = target.pk is None
    target.save()
    audit.record(actor, "create" if created else "update", target,
                 audit.snapshot(target, ["item", "quantity", "policy", "amount", "cap",
                                         "minimum", "min_age", "max_age"]), root=drive)
    return target


def warnings_for(drive: Drive, household) -> list[str]:
    found = []
    mine = Enrolment.objects.filter(household=household)
    if mine.filter(distribution=drive.distribution).exists():
        found.append(W_ALREADY)
    if mine.filter(distribution__drive__kind=drive.kind,
                   distribution__drive__status__in=[S.PLANNED, S.COLLECTING, S.DISTRIBUTING]
                   ).exclude(distribution=drive.distribution).exclude(
            status=Enrolment.Status.WITHDRAWN).exists():
        found.append(W_OTHER)
    if not any(p.phone and p.phone_is_mobile for p in household.members.all()):
        found.append(W_NO_MOBILE)
    return found


def enrol_households(actor, drive: Drive, households, *, duplicates: Iterable[int] = ()
                     ) -> tuple[int, dict[int, list[str]]]:
    """Enrol each household not yet enrolled; returns (count, warnings by household).
    `duplicates`: households the coordinator confirmed despite a likely duplicate."""
    writable(drive)
    count, warned = 0, {}
    duplicates = set(duplicates)
    for household in households:
        warnings = warnings_for(drive, household)
        if household.pk in duplicates:
            warnings.append(W_DUPLICATE)
        if warnings:
            warned[household.pk] = warnings
        if W_ALREADY in warnings:
            continue
        engine.enrol(actor, drive.distribution, household, warnings=warnings)
        count += 1
    return count, warned


def need(target: Target, persons: int, heating: str, children: int = 0) -> int:
    """Whole units a household needs under the target's policy (`children`: how many of
    its members are in the target's age range, for the policy per child)."""
    P = Target.Policy
    if target.policy == P.FIXED:
        value = target.amount
    elif target.policy == P.PER_CHILD:
        value = target.amount * children
    elif target.policy == P.HEATING:
        value = Decimal(str(target.heating_amounts.get(heating or "", 0)))
    else:
        value = target.amount * persons
        if target.policy == P.PER_PERSON_CAP and target.cap is not None:
            value = min(value, target.cap)
    return int(value.to_integral_value(rounding=ROUND_FLOOR))


@dataclass
class Left:
    """Free stock the allocation does not use, and why (it expires too early)."""

    lot_id: int
    expiry: dt.date
    quantity: Decimal


@dataclass
class Plan:
    target: Target
    stock: int  # free whole units the split may use (lots that keep long enough)
    total_need: int
    rows: list  # (enrolment, need, quantity after the commit)
    already: dict = field(default_factory=dict)  # enrolment id -> units reserved before
    cutoff: dt.date | None = None  # only lots expiring after this day
    excluded: list[Left] = field(default_factory=list)
    minimums_fit: bool = True
    tie_break: list = field(default_factory=list)
    children: dict = field(default_factory=dict)  # household id -> children in the age range

    @property
    def total(self) -> int:
        """Units this commit adds."""
        return sum(q for _e, _n, q in self.rows) - sum(self.already.values())

    @property
    def allocated(self) -> int:
        return sum(q for _e, _n, q in self.rows)

    @property
    def short(self) -> bool:
        return self.total_need > self.stock + sum(self.already.values())

    @property
    def short_by(self) -> int:
        return max(self.total_need - self.allocated, 0)

    @property
    def stays(self) -> int:
        """Units left in stock after the commit."""
        return self.stock - self.total

    @property
    def excluded_total(self) -> Decimal:
        return sum((x.quantity for x in self.excluded), Decimal("0"))

    @property
    def minimum_total(self) -> int:
        minimum = int(self.target.minimum)
        return sum(min(n, minimum) for _e, n, _q in self.rows)


def _enrolments(drive: Drive):
    """Active enrolments: new ones get a fresh share, ones holding an allocation are topped
    up by the same rule when new stock arrives (fair.allocate(already=...))."""
    return list(Enrolment.objects.filter(
        distribution=drive.distribution,
        status__in=[Enrolment.Status.ENROLLED, Enrolment.Status.CONFIRMED])
        .select_related("household").order_by("id"))


def expiry_cutoff(drive: Drive) -> dt.date:
    """Reserve only lots expiring after this day: the last distribution day (today at the
    earliest) plus FOOD_EXPIRY_MARGIN_DAYS."""
    last = max(d for d in (drive.last_distribution_day(), timezone.localdate()) if d)
    return last + dt.timedelta(days=settings.FOOD_EXPIRY_MARGIN_DAYS)


def preview(drive: Drive, when_short: str = fair.EQUAL) -> list[Plan]:
    """What commit would do now; nothing is written. Independent of list order: the
    tie-break is priority, household size, then the distribution's recorded lottery seed."""
    plans = []
    enrolments = _enrolments(drive)
    cutoff = expiry_cutoff(drive)
    held: dict = {}
    active = {e.pk for e in enrolments}
    for item_id, enrolment_id, quantity in Allocation.objects.filter(
            enrolment__distribution=drive.distribution,
            status__in=[Allocation.Status.RESERVED, Allocation.Status.PARTIAL]).values_list(
            "item_id", "enrolment_id", "quantity"):
        if enrolment_id not in active:
            continue
        held.setdefault(item_id, {})[enrolment_id] = int(quantity.to_integral_value(
            rounding=ROUND_FLOOR))
    for target in drive.targets.select_related("item"):
        already = held.get(target.item_id, {})
        free = int(available(target.item, expires_after=cutoff).to_integral_value(
            rounding=ROUND_FLOOR))
        children = selectors.children_in_range(drive, target, enrolments)
        claims = [fair.Claim(e.pk, need(target, e.persons, e.household.heating_type,
                                        children.get(e.household_id, 0)),
                             e.priority, e.persons) for e in enrolments]
        result = fair.allocate(claims, free, minimum=int(target.minimum), method=drive.method,
                               when_short=when_short, seed=drive.distribution.lottery_seed,
                               already=already)
        rows = [(e, c.need, max(result.given[e.pk], already.get(e.pk, 0)))
                for e, c in zip(enrolments, claims, strict=True)]
        excluded = [Left(b.lot_id, b.lot.expiry, b.quantity - b.reserved)
                    for b in too_short_lived(target.item, cutoff)]
        plans.append(Plan(target, free, sum(c.need for c in claims), rows,
                          {k: v for k, v in already.items()}, cutoff, excluded,
                          result.minimums_fit, result.tie_break, children))
    return plans


@transaction.atomic
def commit(actor, drive: Drive, when_short: str = fair.EQUAL) -> int:
    """Allocate and reserve (or top up). Recomputed under the lock of the drive row, so two
    coordinators pressing at once allocate once. Each item's split is recorded with its
    seed and tie-break (distribution.AllocationRun, audited)."""
    drive = Drive.objects.select_for_update().select_related("distribution").get(pk=drive.pk)
    writable(drive)
    if when_short not in (fair.EQUAL, fair.PRIORITY_ONLY):
        raise ServiceError(_("Unknown choice."), "invalid")
    rows, plans = [], preview(drive, when_short)
    cutoff = plans[0].cutoff if plans else None
    for plan in plans:
        for enrolment, wanted, quantity in plan.rows:
            more = quantity - plan.already.get(enrolment.pk, 0)
            rows.append((enrolment, plan.target.item, Decimal(wanted), Decimal(more)))
    count = engine.save_allocations(actor, drive.distribution, rows, reason=drive.name,
                                    expires_after=cutoff)
    for plan in plans:
        if plan.total > 0:
            engine.record_run(
                actor, drive.distribution, plan.target.item, method=drive.method,
                when_short=when_short, minimum=plan.target.minimum, stock=plan.stock,
                allocated=plan.total, households=sum(1 for _e, _n, q in plan.rows if q),
                minimums_fit=plan.minimums_fit, tie_break=plan.tie_break,
                excluded=[{"lot": x.lot_id, "expiry": x.expiry.isoformat(),
                           "quantity": str(x.quantity)} for x in plan.excluded])
    return count


def correct(actor, allocation: Allocation, quantity: Decimal, reason: str) -> Allocation:
    drive = allocation.enrolment.distribution.drive
    writable(drive)
    return engine.correct_allocation(actor, allocation, quantity, reason)
