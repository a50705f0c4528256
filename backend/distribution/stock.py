"""Stock for allocations, on top of backend.inventory (never around it).

`reserve_many` is the bulk form of inventory.services.reserve (docs/decisions/0031):
one lock of the item's balance rows, one Movement per (allocation, lot) written with
bulk_create, balances updated under the same lock — the ledger invariants hold
(Σ movements = balance, reserved ≤ quantity by CHECK) at a cost of a few queries
instead of 10,000 transactions. Single changes use the inventory verbs directly.
"""

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F, Sum
from django.utils.translation import gettext as _

from backend.inventory import services as stock
from backend.inventory.models import Balance, Item, Location, Movement
from backend.inventory.selectors import fresh
from backend.inventory.services import StockError

from .models import Allocation

ZERO = Decimal("0")


def available(item: Item, *, expires_after: dt.date | None = None) -> Decimal:
    """Free stock of the item (only lots that keep past `expires_after`, when given)."""
    total = fresh(Balance.objects.filter(lot__item=item), expires_after).aggregate(
        q=Sum("quantity"), r=Sum("reserved"))
    return (total["q"] or ZERO) - (total["r"] or ZERO)


@transaction.atomic
def reserve_many(actor, item: Item, wanted: list[tuple[Allocation, Decimal]],
                 reason: str = "", *, expires_after: dt.date | None = None) -> None:
    """Reserve each allocation's quantity from the item's lots, earliest expiry first,
    only from lots that keep past `expires_after` (the last hand-over day + a margin)."""
    need = sum((q for _a, q in wanted), ZERO)
    if need <= 0:
        return
    # lock in id order (no deadlocks); lots that expire too early are not even locked
    rows = list(fresh(Balance.objects.select_for_update(of=("self",)).filter(lot__item=item),
                      expires_after).select_related("lot").order_by("id"))
    rows = [b for b in rows if b.quantity > b.reserved]
    rows.sort(key=lambda b: (b.lot.expiry is None, b.lot.expiry or 0, b.lot_id, b.location_id))
    free = sum((b.quantity - b.reserved for b in rows), ZERO)
    if free < need:
        raise StockError(_("Not enough %(item)s: %(available)s available.") % {
            "item": item.name, "available": free}, "not_enough", free)
    ct = ContentType.objects.get_for_model(Allocation)
    who = actor if getattr(actor, "is_authenticated", False) else None
    moves, taken = [], defaultdict(lambda: ZERO)
    index = 0
    for allocation, quantity in wanted:
        left = quantity
        while left > 0:
            balance = rows[index]
            room = balance.quantity - balance.reserved - taken[balance.pk]
            if room <= 0:
                index += 1
                continue
            part = min(room, left)
            taken[balance.pk] += part
            left -= part
            moves.append(Movement(kind=Movement.Kind.RESERVE, lot_id=balance.lot_id,
                                  quantity=part, from_location_id=balance.location_id,
                                  actor=who, reason=reason[:200], ref_type=ct,
                                  ref_id=str(allocation.pk)))
    Movement.objects.bulk_create(moves, batch_size=2000)
    for balance in rows:
        if taken[balance.pk]:
            Balance.objects.filter(pk=balance.pk).update(reserved=F("reserved")
                                                         + taken[balance.pk])


def reservations(allocation: Allocation) -> list[tuple[int, int, Decimal]]:
    """(lot_id, location_id, still reserved) for an allocation."""
    ct = ContentType.objects.get_for_model(Allocation)
    sums: dict[tuple[int, int], Decimal] = defaultdict(lambda: ZERO)
    for kind, lot_id, loc_id, qty in Movement.objects.filter(
            ref_type=ct, ref_id=str(allocation.pk), kind__in=Movement.RESERVATION_KINDS
    ).values_list("kind", "lot_id", "from_location_id", "quantity"):
        sums[(lot_id, loc_id)] += qty if kind == Movement.Kind.RESERVE else -qty
    return [(lot, loc, q) for (lot, loc), q in sorted(sums.items()) if q > 0]


def _lot(lot_id: int):
    from backend.inventory.models import Lot

    return Lot.objects.select_related("item").get(pk=lot_id)


def reserve_one(actor, allocation: Allocation, quantity: Decimal, *,
                expires_after: dt.date | None = None) -> None:
    reserve_many(actor, allocation.item, [(allocation, quantity)],
                 expires_after=expires_after)


def release_all(actor, allocation: Allocation, limit: Decimal | None = None,
                reason: str = "") -> Decimal:
    """Release what is reserved for the allocation (up to `limit`); returns the amount."""
    done = ZERO
    for lot_id, loc_id, qty in reservations(allocation):
        part = qty if limit is None else min(qty, limit - done)
        if part <= 0:
            break
        stock.release(actor, _lot(lot_id), Location.objects.get(pk=loc_id), part,
                      ref=allocation, reason=reason)
        done += part
    return done


def issue_reserved(actor, allocation: Allocation, quantity: Decimal, reason: str = "") -> None:
    left = quantity
    for lot_id, loc_id, qty in reservations(allocation):
        part = min(qty, left)
        if part <= 0:
            break
        stock.issue(actor, _lot(lot_id), Location.objects.get(pk=loc_id), part,
                    ref=allocation, reason=reason, from_reserved=True)
        left -= part
    if left > 0:
        raise StockError(_("Not enough reserved for this allocation."), "not_reserved", left)


def issue_reserved_all(actor, wanted: list[tuple[Allocation, Decimal]], reason: str = "") -> None:
    """issue_reserved for several allocations at once (a hand-over): one read of their
    reservations, then one inventory step (one lock, one update, one movement insert)."""
    wanted = [(a, q) for a, q in wanted if q > 0]
    if not wanted:
        return
    ct = ContentType.objects.get_for_model(Allocation)
    sums: dict[tuple[str, int, int], Decimal] = defaultdict(lambda: ZERO)
    for kind, ref_id, lot_id, loc_id, qty in Movement.objects.filter(
            ref_type=ct, ref_id__in=[str(a.pk) for a, _q in wanted],
            kind__in=Movement.RESERVATION_KINDS
    ).values_list("kind", "ref_id", "lot_id", "from_location_id", "quantity"):
        sums[(ref_id, lot_id, loc_id)] += qty if kind == Movement.Kind.RESERVE else -qty
    parts = []
    for allocation, quantity in wanted:
        left = quantity
        for (ref_id, lot_id, loc_id), qty in sorted(sums.items()):
            if ref_id != str(allocation.pk) or qty <= 0 or left <= 0:
                continue
            part = min(qty, left)
            parts.append((lot_id, loc_id, part, allocation))
            left -= part
        if left > 0:
            raise StockError(_("Not enough reserved for this allocation."), "not_reserved", left)
    stock.issue_reserved_many(actor, parts, reason=reason)
