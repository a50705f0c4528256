"""Drive writes: create, status, targets, enrolment with warnings, allocation.

Allocation: need per household from the target's policy (in whole units), the fair
split when stock is short (backend.distribution.fair), a preview, then a commit that
reserves stock through the distribution engine (ref = the allocation).
"""

from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from backend.accounts import audit
from backend.distribution import fair, stock
from backend.distribution import services as engine
from backend.distribution.models import Allocation, Distribution, Enrolment

from .models import Drive, Target

S = Drive.Status
NEXT = {S.PLANNED: S.COLLECTING, S.COLLECTING: S.DISTRIBUTING, S.DISTRIBUTING: S.CLOSED}
W_ALREADY, W_OTHER, W_NO_MOBILE = "already_enrolled", "other_drive", "no_mobile"


def writable(drive: Drive) -> None:
    if drive.is_closed:
        raise PermissionDenied(_("This drive is closed: it can no longer be changed."))


@transaction.atomic
def create_drive(actor, *, name: str, kind: str, sites=(), coordinators=(), **fields) -> Drive:
    drive = Drive.objects.create(distribution=Distribution.objects.create(name=name),
                                 name=name, kind=kind, **fields)
    drive.sites.set(sites)
    drive.coordinators.set(coordinators)
    audit.record(actor, "create", drive, audit.snapshot(drive, ["name", "kind", "status"]))
    return drive


@transaction.atomic
def advance(actor, drive: Drive) -> Drive:
    drive = Drive.objects.select_for_update().get(pk=drive.pk)
    writable(drive)
    before = drive.status
    drive.status = NEXT[before]
    drive.save(update_fields=["status"])
    audit.record(actor, "update", drive, {"status": [before, drive.status]})
    return drive


@transaction.atomic
def save_target(actor, drive: Drive, target: Target) -> Target:
    writable(drive)
    target.drive = drive
    created = target.pk is None
    target.save()
    audit.record(actor, "create" if created else "update", target,
                 audit.snapshot(target, ["item", "quantity", "policy", "amount", "cap",
                                         "minimum"]), root=drive)
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


def enrol_households(actor, drive: Drive, households) -> tuple[int, dict[int, list[str]]]:
    """Enrol each household not yet enrolled; returns (count, warnings by household)."""
    writable(drive)
    count, warned = 0, {}
    for household in households:
        warnings = warnings_for(drive, household)
        if warnings:
            warned[household.pk] = warnings
        if W_ALREADY in warnings:
            continue
        engine.enrol(actor, drive.distribution, household, warnings=warnings)
        count += 1
    return count, warned


def need(target: Target, persons: int, heating: str) -> int:
    """Whole units a household needs under the target's policy."""
    P = Target.Policy
    if target.policy == P.FIXED:
        value = target.amount
    elif target.policy == P.HEATING:
        value = Decimal(str(target.heating_amounts.get(heating or "", 0)))
    else:
        value = target.amount * persons
        if target.policy == P.PER_PERSON_CAP and target.cap is not None:
            value = min(value, target.cap)
    return int(value.to_integral_value(rounding=ROUND_FLOOR))


@dataclass
class Plan:
    target: Target
    stock: int
    total_need: int
    rows: list  # (enrolment, need, quantity)

    @property
    def total(self) -> int:
        return sum(q for _e, _n, q in self.rows)

    @property
    def short(self) -> bool:
        return self.total_need > self.stock


def _enrolments(drive: Drive, target: Target):
    """Active enrolments without an allocation of the target's item yet (a target added
    later, or stock that arrived later, is allocated on the next commit)."""
    return list(Enrolment.objects.filter(
        distribution=drive.distribution,
        status__in=[Enrolment.Status.ENROLLED, Enrolment.Status.CONFIRMED])
        .exclude(allocations__item=target.item_id).select_related("household").order_by("id"))


def preview(drive: Drive) -> list[Plan]:
    """What commit would do now; nothing is written."""
    plans = []
    for target in drive.targets.select_related("item"):
        enrolments = _enrolments(drive, target)
        free = int(stock.available(target.item).to_integral_value(rounding=ROUND_FLOOR))
        claims = [fair.Claim(e.pk, need(target, e.persons, e.household.heating_type),
                             e.priority) for e in enrolments]
        given = fair.allocate(claims, free, minimum=int(target.minimum), method=drive.method)
        rows = [(e, c.need, given[e.pk]) for e, c in zip(enrolments, claims, strict=True)]
        plans.append(Plan(target, free, sum(c.need for c in claims), rows))
    return plans


@transaction.atomic
def commit(actor, drive: Drive) -> int:
    """Allocate and reserve. Recomputed under the lock of the drive row, so two
    coordinators pressing at once allocate once."""
    drive = Drive.objects.select_for_update().get(pk=drive.pk)
    writable(drive)
    rows = []
    for plan in preview(drive):
        for enrolment, wanted, quantity in plan.rows:
            rows.append((enrolment, plan.target.item, Decimal(wanted), Decimal(quantity)))
    return engine.save_allocations(actor, drive.distribution, rows, reason=drive.name)


def correct(actor, allocation: Allocation, quantity: Decimal, reason: str) -> Allocation:
    drive = allocation.enrolment.distribution.drive
    writable(drive)
    try:
        return engine.correct_allocation(actor, allocation, quantity, reason)
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc
