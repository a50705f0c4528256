"""Reservations held for a business object (an allocation, a participant, an exchange
match): reserve many at once, release, consume on hand-over or check-in. The ledger's
own verbs and private helpers (inventory.services) do the locking and the writing, so
every stock change still goes through one module's rules (DESIGN §3).

    reserve_many(actor, item, [(ref, quantity)], reason="", *, expires_after=None)
                                         # bulk FEFO reservation, one lock (decision 0031)
    release_for(actor, ref, limit=None, reason="") -> Decimal   # what is reserved for ref
    issue_reserved(actor, ref, quantity, reason="")             # consume ref's reservation
    issue_reserved_all(actor, [(ref, quantity)], reason="")     # several refs, one step
    issue_reserved_many(actor, [(lot id, location id, quantity, ref)], *, reason="")
                                         # many reservations consumed in 3 statements
    issue_all_reserved(actor, ref, *, reason="") -> [(lot, quantity)]  # all that ref holds
    reserved_for(ref) -> Decimal          # what is still reserved for a business object
"""

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Balance, Item, Location, Lot, Movement
from .selectors import fresh, num, reservations
from .services import ZERO, K, StockError, _not_enough, _qty, _ref_fields, issue, release


@transaction.atomic(savepoint=False)  # every check before the first write
def issue_reserved_many(actor, parts: list[tuple[int, int, Decimal, models.Model]], *,
                        reason: str = "") -> None:
    """Consume reservations in one step: `parts` are (lot id, location id, quantity, ref).
    One lock of all the balance rows (id order), one UPDATE, one INSERT of the
    release + issue movement pairs — a hand-over of n items costs 3 statements, not 3n
    (docs/decisions/0120). Same checks and ledger rows as issue(from_reserved=True)."""
    parts = [(lot, loc, _qty(q), ref) for lot, loc, q, ref in parts]
    if not parts:
        return
    match = models.Q()
    for lot_id, loc_id, _q, _r in parts:
        match |= models.Q(lot_id=lot_id, location_id=loc_id)
    rows = {(b.lot_id, b.location_id): b for b in Balance.objects.select_for_update()
            .filter(match).order_by("id")}
    who = actor if getattr(actor, "is_authenticated", False) else None
    now, moves = timezone.now(), []
    for lot_id, loc_id, quantity, ref in parts:
        balance = rows.get((lot_id, loc_id))
        if balance is None or balance.reserved < quantity or balance.quantity < quantity:
            raise StockError(_("Only %(reserved)s is reserved here.") % {
                "reserved": num(balance.reserved if balance else ZERO)}, "not_reserved",
                balance.reserved if balance else ZERO)
        balance.reserved -= quantity
        balance.quantity -= quantity
        balance.updated_at = now
        moves += [Movement(kind=kind, lot_id=lot_id, quantity=quantity, from_location_id=loc_id,
                           actor=who, reason=reason[:200], **_ref_fields(ref))
                  for kind in (K.RELEASE, K.ISSUE)]
    Balance.objects.bulk_update(list(rows.values()), ["quantity", "reserved", "updated_at"])
    Movement.objects.bulk_create(moves)


@transaction.atomic(savepoint=False)  # every check before the first write
def issue_all_reserved(actor, ref: models.Model, *, reason: str = "") -> list[tuple[Lot,
                                                                                   Decimal]]:
    """Issue everything still reserved for `ref` (a check-in): [(lot, quantity)].

    One locked read — the balance rows `ref` holds a reservation on, each with what it
    holds there summed from its movements in the same statement (the caller holds the
    ref's row lock, so that sum cannot change meanwhile) — then one UPDATE and one
    INSERT of the release + issue pairs (docs/decisions/0120)."""
    ref_fields = _ref_fields(ref)
    moves = Movement.objects.filter(**ref_fields, kind__in=Movement.RESERVATION_KINDS)
    held = moves.filter(lot=models.OuterRef("lot"), from_location=models.OuterRef("location")) \
        .values("lot").annotate(held=Sum(models.Case(
            models.When(kind=K.RESERVE, then=models.F("quantity")),
            default=-models.F("quantity")))).values("held")
    rows = list(Balance.objects.select_for_update(of=("self",)).select_related("lot__item")
                .filter(lot_id__in=moves.values("lot_id"))
                .annotate(held=models.Subquery(held)).filter(held__gt=0).order_by("id"))
    who = actor if getattr(actor, "is_authenticated", False) else None
    now, out, pairs = timezone.now(), [], []
    for balance in rows:
        quantity = balance.held
        if balance.reserved < quantity or balance.quantity < quantity:
            raise _not_enough(balance.lot, balance.location, balance.quantity - balance.reserved)
        balance.reserved -= quantity
        balance.quantity -= quantity
        balance.updated_at = now
        pairs += [Movement(kind=kind, lot_id=balance.lot_id, quantity=quantity,
                           from_location_id=balance.location_id, actor=who,
                           reason=reason[:200], **ref_fields) for kind in (K.RELEASE, K.ISSUE)]
        out.append((balance.lot, quantity))
    if rows:
        Balance.objects.bulk_update(rows, ["quantity", "reserved", "updated_at"])
        Movement.objects.bulk_create(pairs)
    return out


@transaction.atomic
def reserve_many(actor, item: Item, wanted: list[tuple[models.Model, Decimal]],
                 reason: str = "", *, expires_after: dt.date | None = None) -> None:
    """The bulk form of `reserve` (docs/decisions/0031): reserve each ref's quantity from the
    item's lots, earliest expiry first, only from lots that keep past `expires_after`.
    One lock of the item's balance rows, one Movement per (ref, lot) written with
    bulk_create, balances updated under the same lock: the ledger invariants hold at the
    cost of a few queries instead of 10,000 transactions."""
    need = sum((q for _r, q in wanted), ZERO)
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
    who = actor if getattr(actor, "is_authenticated", False) else None
    moves, taken = [], defaultdict(lambda: ZERO)
    index = 0
    for ref, quantity in wanted:
        left, fields = quantity, _ref_fields(ref)
        while left > 0:
            balance = rows[index]
            room = balance.quantity - balance.reserved - taken[balance.pk]
            if room <= 0:
                index += 1
                continue
            part = min(room, left)
            taken[balance.pk] += part
            left -= part
            moves.append(Movement(kind=K.RESERVE, lot_id=balance.lot_id, quantity=part,
                                  from_location_id=balance.location_id, actor=who,
                                  reason=reason[:200], **fields))
    Movement.objects.bulk_create(moves, batch_size=2000)
    for balance in rows:
        if taken[balance.pk]:
            Balance.objects.filter(pk=balance.pk).update(reserved=F("reserved")
                                                         + taken[balance.pk])


def release_for(actor, ref: models.Model, limit: Decimal | None = None,
                reason: str = "") -> Decimal:
    """Release what is reserved for `ref` (up to `limit`); returns the amount released."""
    done = ZERO
    for lot, loc_id, qty in reservations(ref):
        part = qty if limit is None else min(qty, limit - done)
        if part <= 0:
            break
        release(actor, lot, Location(pk=loc_id), part, ref=ref, reason=reason)
        done += part
    return done


def issue_reserved(actor, ref: models.Model, quantity: Decimal, reason: str = "") -> None:
    """Hand over `quantity` of what is reserved for `ref` (release + issue per lot)."""
    left = quantity
    for lot, loc_id, qty in reservations(ref):
        part = min(qty, left)
        if part <= 0:
            break
        issue(actor, lot, Location(pk=loc_id), part, ref=ref, reason=reason,
              from_reserved=True)
        left -= part
    if left > 0:
        raise StockError(_("Not enough reserved for this allocation."), "not_reserved", left)


def issue_reserved_all(actor, wanted: list[tuple[models.Model, Decimal]],
                       reason: str = "") -> None:
    """issue_reserved for several refs of one model at once (a hand-over's allocations):
    one read of their reservations, then one ledger step (issue_reserved_many)."""
    wanted = [(ref, q) for ref, q in wanted if q > 0]
    if not wanted:
        return
    ct = ContentType.objects.get_for_model(wanted[0][0])
    sums: dict[tuple[str, int, int], Decimal] = {}
    for kind, ref_id, lot_id, loc_id, qty in Movement.objects.filter(
            ref_type=ct, ref_id__in=[str(r.pk) for r, _q in wanted],
            kind__in=Movement.RESERVATION_KINDS
    ).values_list("kind", "ref_id", "lot_id", "from_location_id", "quantity"):
        key = (ref_id, lot_id, loc_id)
        sums[key] = sums.get(key, ZERO) + (qty if kind == K.RESERVE else -qty)
    parts = []
    for ref, quantity in wanted:
        left = quantity
        for (ref_id, lot_id, loc_id), qty in sorted(sums.items()):
            if ref_id != str(ref.pk) or qty <= 0 or left <= 0:
                continue
            part = min(qty, left)
            parts.append((lot_id, loc_id, part, ref))
            left -= part
        if left > 0:
            raise StockError(_("Not enough reserved for this allocation."), "not_reserved", left)
    issue_reserved_many(actor, parts, reason=reason)


def reserved_for(ref: models.Model) -> Decimal:
    moves = Movement.objects.filter(**_ref_fields(ref), kind__in=Movement.RESERVATION_KINDS)
    totals = dict(moves.values_list("kind").annotate(total=Sum("quantity")))
    return totals.get(K.RESERVE, ZERO) - totals.get(K.RELEASE, ZERO)
