"""Offline hand-overs (docs/decisions/0110): the day's list a phone keeps, and the sync of
what it handed over without the network.

The list is the minimum the DESIGN lets a volunteer see — pickup code, first name, what to
hand over, the package QR tokens — never PESEL, address or phone (a test checks the keys).
A synced hand-over goes through `services.hand_over` with the device's nonce (once per
nonce); when the server finds the code already handed over by another record, the second
one is not dropped: it becomes a HandOverConflict (unique nonce, so a re-sync is harmless)
that the coordinator resolves, booking a second package out of stock when one left."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.accounts import audit
from backend.common.errors import ServiceError
from backend.common.idempotency import once
from backend.inventory import services as stock
from backend.inventory.models import Balance, Movement, QRTag

from . import services as engine
from .models import Allocation, Distribution, Enrolment, HandOver, HandOverConflict

# The only keys a downloaded row may have (tests/distribution/test_offline.py checks them).
LIST_FIELDS = ("id", "code", "first_name", "lines", "packages", "done")
OPEN = (Allocation.Status.RESERVED, Allocation.Status.PARTIAL)


def day_list(distribution: Distribution, site, day: dt.date) -> list[dict]:
    """Who picks up at `site` on `day`: one small dict per enrolment (LIST_FIELDS)."""
    enrolments = list(Enrolment.objects.filter(
        distribution=distribution, slot__site=site, slot__date=day).exclude(pickup_code="")
        .select_related("contact").prefetch_related("allocations__item").order_by("pickup_code"))
    allocation_ids = [a.pk for e in enrolments for a in e.allocations.all()]
    packages = _package_tokens(allocation_ids)
    rows = []
    for enrolment in enrolments:
        allocations = [a for a in enrolment.allocations.all()
                       if a.status != Allocation.Status.RELEASED]
        open_ = [a for a in allocations if a.status in OPEN and a.remaining > 0]
        rows.append({
            "id": enrolment.pk, "code": enrolment.pickup_code,
            "first_name": enrolment.first_name,
            "lines": [{"item": a.item.name, "quantity": engine.num(a.remaining or a.quantity),
                       "unit": a.item.get_unit_display()} for a in allocations],
            "packages": sorted(t for a in allocations for t in packages.get(a.pk, ())),
            "done": bool(allocations) and not open_,
        })
    return rows


def _package_tokens(allocation_ids: list[int]) -> dict[int, list[str]]:
    """Active QR tokens of the package lots (a lot of one) reserved for these allocations."""
    ct = ContentType.objects.get_for_model(Allocation)
    reserved = Movement.objects.filter(
        kind=Movement.Kind.RESERVE, ref_type=ct, ref_id__in=[str(i) for i in allocation_ids],
        lot__received_quantity=1).values_list("ref_id", "lot_id")
    by_lot = defaultdict(list)
    for ref_id, lot_id in reserved:
        by_lot[lot_id].append(int(ref_id))
    tokens = defaultdict(list)
    for lot_id, token in QRTag.objects.filter(lot_id__in=by_lot, retired=False).values_list(
            "lot_id", "token"):
        for allocation_id in by_lot[lot_id]:
            tokens[allocation_id].append(token)
    return tokens


@dataclass
class Synced:
    result: str  # ok | conflict | a refusal code (unknown_code, released, not_allocated…)
    message: str
    conflict: HandOverConflict | None = None


def _guard_time(device_time: dt.datetime | None) -> dt.datetime | None:
    """The device's clock decides the day of an offline hand-over, unless it is implausible
    (in the future or more than a day old): then the server's."""
    now = timezone.now()
    if device_time is None or device_time > now + dt.timedelta(minutes=5) \
            or device_time < now - dt.timedelta(days=1):
        return None
    return device_time


def sync_handover(actor, distribution: Distribution, code: str, *, nonce: str,
                  device_time: dt.datetime | None = None, site=None) -> Synced:
    """Apply one queued offline hand-over; the same nonce twice acts once."""
    enrolment = engine.find(distribution, code)
    if enrolment is None or enrolment.distribution_id != distribution.pk:
        return Synced("unknown_code", engine.Outcome("unknown_code").message)
    nonce = (nonce or "").strip()[:64]
    if not nonce:
        raise ServiceError(_("A queued hand-over needs its nonce."), "nonce_required")
    at = _guard_time(device_time)
    reason = ""
    try:
        outcome = engine.hand_over(actor, enrolment, nonce=nonce, device_time=device_time,
                                   site=site, at=at)
    except engine.HandOverRefused as refused:
        reason = refused.code
    else:
        if outcome.ok:
            return Synced("ok", outcome.message)
        if outcome.code != "already_handed_over":
            return Synced(outcome.code, outcome.message)
        reason = outcome.code
    # It happened at the door but cannot be applied as it is: flag it, once per nonce.
    first = enrolment.handovers.exclude(nonce=nonce).order_by("at", "id").first()

    def claim() -> HandOverConflict:
        return HandOverConflict.objects.create(
            enrolment=enrolment, first=first, reason=reason, nonce=nonce, device_time=device_time,
            site=site, actor=actor if getattr(actor, "is_authenticated", False) else None)

    conflict = once(claim, lambda row: row, lambda: HandOverConflict.objects.get(nonce=nonce))
    return Synced("conflict", _("Saved, but this code was already handed over on another "
                                "device: the coordinator will check it."), conflict)


def open_conflicts(distribution: Distribution | None = None) -> QuerySet[HandOverConflict]:
    rows = HandOverConflict.objects.select_related(
        "enrolment__contact", "enrolment__distribution", "first__actor", "actor", "site",
        "resolved_by")
    return rows.filter(enrolment__distribution=distribution) if distribution else rows


@transaction.atomic
def resolve_conflict(actor, conflict: HandOverConflict, resolution: str,
                     note: str = "") -> HandOverConflict:
    """The coordinator says what happened. A second package that left is booked out of
    stock (an ISSUE movement with ref=the conflict), so the ledger matches the shelves."""
    conflict = HandOverConflict.objects.select_for_update().select_related("enrolment").get(
        pk=conflict.pk)
    if conflict.resolution:
        raise ServiceError(_("This conflict is already resolved."), "already_resolved")
    if resolution not in (HandOverConflict.Resolution.ONE_PACKAGE,
                          HandOverConflict.Resolution.SECOND_PACKAGE):
        raise ServiceError(_("Choose what happened."), "resolution_required")
    if resolution == HandOverConflict.Resolution.SECOND_PACKAGE:
        _book_second_package(actor, conflict)
    conflict.resolution, conflict.note = resolution, (note or "").strip()[:200]
    conflict.resolved_by = actor if getattr(actor, "is_authenticated", False) else None
    conflict.resolved_at = timezone.now()
    conflict.save(update_fields=["resolution", "note", "resolved_by", "resolved_at"])
    audit.record(actor, "update", conflict.enrolment,
                 {"handover_conflict": [conflict.pk, resolution]},
                 root=conflict.enrolment.household)
    return conflict


def _book_second_package(actor, conflict: HandOverConflict) -> None:
    """Issue again what the household's hand-overs issued: the same lots first, then other
    lots of the item (earliest expiry first), only from free (unreserved) stock."""
    ct = ContentType.objects.get_for_model(Allocation)
    ids = [str(i) for i in conflict.enrolment.allocations.values_list("pk", flat=True)]
    wanted: dict[int, Decimal] = defaultdict(Decimal)
    same_lots: dict[int, set[int]] = defaultdict(set)
    for move in Movement.objects.filter(kind=Movement.Kind.ISSUE, ref_type=ct, ref_id__in=ids,
                                        quantity__gt=0).select_related("lot"):
        wanted[move.lot.item_id] += move.quantity
        same_lots[move.lot.item_id].add(move.lot_id)
    if not wanted:
        raise ServiceError(_("The first hand-over issued nothing: nothing to book."),
                           "nothing_issued")
    reason = _("second package handed over offline (conflict %(id)s)") % {"id": conflict.pk}
    for item_id, need in wanted.items():
        balances = sorted(
            Balance.objects.filter(lot__item_id=item_id).select_related("lot", "location"),
            key=lambda b: (b.lot_id not in same_lots[item_id], b.lot.expiry is None,
                           b.lot.expiry or dt.date.min, b.pk))
        for balance in balances:
            free = balance.quantity - balance.reserved
            if need <= 0 or free <= 0:
                continue
            take = min(free, need)
            stock.issue(actor, balance.lot, balance.location, take, ref=conflict, reason=reason)
            need -= take
        if need > 0:
            raise ServiceError(_("Not enough free stock to book the second package: count the "
                                 "shelves (stock-take) first."), "not_enough")


def handed_over_twice(conflict: HandOverConflict) -> list[HandOver]:
    return list(conflict.enrolment.handovers.select_related("actor").order_by("at", "id"))
