"""Person-level participants: registration with capacity, waiting list, offers,
per-person gifts and check-in at the door (docs/decisions/0033).

Public API (events now; camps later). `row` is the owner's capacity row (an event
session, a camp session): any saved model with a `capacity` field; the engine locks it.

    register(actor, distribution, row, people, *, household=None, contact=None,
             waitlist=True, walk_in=False, details=None, wait=False) -> list[Participant]
        people: Person rows or dicts {first_name, birth_date}; holders counted under the
        row lock (registered + offered + checked in); the rest join the waiting list
        (wait=True: all of them, e.g. siblings that must stay together).
    offer_free_places(actor, distribution, row, *, hours, pick=None) -> list[Participant]
    accept_offer(actor, participant, row=None) -> Participant   (TAK to an offer)
        with row: locked, and refused (SessionFull) when those confirmed already fill it
    cancel(actor, participant, status="cancelled") -> Participant   (frees the place)
    expire_offers(actor, distribution, rows_by_id, now=None) -> list[Participant]
    reserve_gift(actor, participant, item, quantity=1, lot=None, location=None)
        -> ParticipantGift                       (ledger reservation, ref = participant)
    release_gifts(actor, participant, reason) -> int
    find(distribution, code) -> Participant | None
    check_in(actor, participant, *, nonce, device_time=None) -> CheckInOutcome
        issues every reserved gift in the same transaction; idempotent by nonce.

Freeing a place needs no lock (pretix); taking one always locks the row first.
"""

import datetime as dt
import secrets
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.accounts import audit
from backend.common.errors import ServiceError
from backend.inventory import services as stock
from backend.inventory.models import Item, Location, Lot
from backend.inventory.reservations import issue_all_reserved
from backend.inventory.selectors import fefo, num, reservations

from .guards import ensure_open
from .participant_models import CheckIn, Participant, ParticipantGift

P = Participant.Status
ZERO = Decimal("0")


class SessionFull(ServiceError):
    default_code = "session_full"


class ParticipantError(ServiceError):
    default_code = "participant_error"


def _who(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def lock_rows(rows: Iterable) -> dict[int, object]:
    """Lock capacity rows in a fixed order (model label, id): no deadlocks."""
    locked = {}
    for row in sorted(rows, key=lambda r: (r._meta.label_lower, r.pk)):
        locked[row.pk] = type(row).objects.select_for_update().get(pk=row.pk)
    return locked


def holders(distribution, group: int) -> int:
    return Participant.objects.filter(distribution=distribution, group=group,
                                      status__in=Participant.HOLDING).count()


def _new_code() -> str:
    return f"{secrets.randbelow(10**6):06d}"


def _save_with_code(participant: Participant) -> Participant:
    """The DB unique constraint decides; a collision (1 in 10^6 per row) tries again."""
    for _attempt in range(20):
        participant.code = _new_code()
        try:
            with transaction.atomic():
                participant.save()
            return participant
        except IntegrityError:
            participant.pk = None
            if participant.person_id and Participant.objects.filter(
                    distribution=participant.distribution, person=participant.person,
                    status__in=Participant.ACTIVE).exists():
                raise
            continue
    raise RuntimeError("could not make a unique check-in code")


@transaction.atomic
def register(actor, distribution, row, people: Iterable, *, household=None, contact=None,
             waitlist: bool = True, walk_in: bool = False,
             details: dict | None = None, wait: bool = False) -> list[Participant]:
    """Register people for one capacity row; over capacity they wait (or SessionFull)."""
    ensure_open(distribution)
    row = lock_rows([row])[row.pk]
    taken = holders(distribution, row.pk)
    existing = {p.person_id: p for p in Participant.objects.filter(
        distribution=distribution, status__in=Participant.ACTIVE,
        person__in=[p for p in people if not isinstance(p, dict)])}
    made = []
    for person in people:
        if not isinstance(person, dict) and person.pk in existing:
            made.append(existing[person.pk])  # a repeated TAK: the same registration
            continue
        data = person if isinstance(person, dict) else {
            "person": person, "first_name": person.first_name,
            "birth_date": person.birth_date}
        participant = Participant(
            distribution=distribution, group=row.pk, household=household
            or getattr(data.get("person"), "household", None), contact=contact,
            details=dict(details or {}), walk_in=walk_in, registered_by=_who(actor), **data)
        if taken < row.capacity and not wait:
            participant.status = P.REGISTERED
            taken += 1
            _save_with_code(participant)
        elif waitlist:
            last = Participant.objects.filter(distribution=distribution, group=row.pk,
                                              status=P.WAITING).aggregate(m=Max("position"))
            participant.status = P.WAITING
            participant.position = (last["m"] or 0) + 1
            participant.save()
        else:
            raise SessionFull(_("No free places left."), free=0)
        made.append(participant)
        audit.record(actor, "create", participant, {"status": [None, participant.status],
                                                    "group": [None, row.pk]},
                     root=participant.household)
    return made


@transaction.atomic
def offer_free_places(actor, distribution, row, *, hours: int,
                      pick: Callable | None = None) -> list[Participant]:
    """While anyone waits, a freed place goes to the first waiting, as a time-limited
    offer (it still holds the place). The owner sends the SMS.

    pick(row, waiting, free) -> the waiting to offer to: for an owner with more rules
    than the total (a camp session's places by sex); `row` is the locked row, `waiting`
    every waiting person in order, locked."""
    ensure_open(distribution)
    row = lock_rows([row])[row.pk]
    free = row.capacity - holders(distribution, row.pk)
    if free <= 0:
        return []
    waiting = Participant.objects.select_for_update().filter(
        distribution=distribution, group=row.pk, status=P.WAITING).order_by("position", "id")
    offered = list(waiting[:free]) if pick is None else pick(row, list(waiting), free)[:free]
    deadline = timezone.now() + dt.timedelta(hours=hours)
    for participant in offered:
        participant.status = P.OFFERED
        participant.offer_expires_at = deadline
        participant.notice_version += 1
        participant.save(update_fields=["status", "offer_expires_at", "notice_version"])
        audit.record(actor, "update", participant, {"status": [P.WAITING, P.OFFERED]},
                     root=participant.household)
    return offered


@transaction.atomic
def accept_offer(actor, participant: Participant, row=None) -> Participant:
    """TAK to an offer. With the capacity row: it is locked first (the same order as
    register) and the offer is refused when registered + checked-in people already fill
    it — two offers for one place (places cut after offering) cannot both be taken."""
    if row is not None:
        row = lock_rows([row])[row.pk]
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    ensure_open(participant.distribution_id)
    if participant.status != P.OFFERED:
        return participant
    if participant.offer_expires_at and participant.offer_expires_at < timezone.now():
        raise ParticipantError(_("The offer has expired."), "offer_expired")
    if row is not None and Participant.objects.filter(
            distribution_id=participant.distribution_id, group=row.pk,
            status__in=[P.REGISTERED, P.CHECKED_IN]).count() >= row.capacity:
        raise SessionFull(_("No free places left."), free=0)
    participant.status = P.REGISTERED
    participant.position = None
    if not participant.code:
        _save_with_code(participant)
    participant.save(update_fields=["status", "position"])
    audit.record(actor, "update", participant, {"status": [P.OFFERED, P.REGISTERED]},
                 root=participant.household)
    return participant


@transaction.atomic
def cancel(actor, participant: Participant, status: str = P.CANCELLED,
           reason: str = "") -> Participant:
    """Frees the place and releases the gifts; the owner then offers it on."""
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    ensure_open(participant.distribution_id)
    if participant.status not in Participant.ACTIVE:
        return participant
    before = participant.status
    release_gifts(actor, participant, reason or str(status))
    participant.status = status
    participant.save(update_fields=["status"])
    audit.record(actor, "update", participant, {"status": [before, status]},
                 root=participant.household)
    return participant


def expire_offers(actor, distribution, now: dt.datetime | None = None) -> list[Participant]:
    """Offers not answered in time pass on: EXPIRED (the owner offers the place again)."""
    now = now or timezone.now()
    expired = []
    for participant in Participant.objects.filter(distribution=distribution, status=P.OFFERED,
                                                  offer_expires_at__lt=now):
        expired.append(cancel(actor, participant, P.EXPIRED, _("offer expired")))
    return expired


@transaction.atomic
def reserve_gift(actor, participant: Participant, item: Item, quantity=Decimal("1"), *,
                 lot: Lot | None = None, location: Location | None = None,
                 reason: str = "") -> ParticipantGift:
    """Reserve in the ledger (ref = the participant): a named lot, or FEFO of the item."""
    ensure_open(participant.distribution_id)
    quantity = Decimal(str(quantity))
    reason = reason or str(participant.distribution)
    if lot is not None:
        stock.reserve(actor, lot, location, quantity, ref=participant, reason=reason)
    else:
        left = quantity
        for balance in fefo(item).select_related("lot", "location"):
            part = min(balance.quantity - balance.reserved, left)
            if part <= 0:
                continue
            stock.reserve(actor, balance.lot, balance.location, part, ref=participant,
                          reason=reason)
            left -= part
            if left <= 0:
                break
        if left > 0:
            raise stock.StockError(_("Not enough %(item)s in stock.") % {"item": item.name},
                                   "not_enough")
    return ParticipantGift.objects.create(participant=participant, item=item,
                                          quantity=quantity, lot=lot)


def _reserved(participant: Participant) -> dict[int, list[tuple[Lot, int, Decimal]]]:
    """Still reserved for the participant, by item: [(lot, location_id, quantity)]."""
    out: dict[int, list] = defaultdict(list)
    for lot, loc_id, qty in reservations(participant):  # the ledger's read, not ours
        out[lot.item_id].append((lot, loc_id, qty))
    return out


def release_gifts(actor, participant: Participant, reason: str = "") -> int:
    """Give the reserved gifts back to free stock (cancelled, no-show, left over)."""
    count = 0
    for rows in _reserved(participant).values():
        for lot, loc_id, qty in rows:
            stock.release(actor, lot, Location(pk=loc_id), qty, ref=participant,
                          reason=reason)
            count += 1
    participant.gifts.filter(status=ParticipantGift.Status.RESERVED).update(
        status=ParticipantGift.Status.RELEASED)
    return count


def find(distribution, code: str) -> Participant | None:
    code = "".join(ch for ch in (code or "") if ch.isdigit())
    if not code:
        return None
    return Participant.objects.filter(distribution=distribution, code=code).first()


@dataclass
class CheckInOutcome:
    code: str
    participant: Participant | None = None
    checkin: CheckIn | None = None
    lines: list = field(default_factory=list)
    retry: bool = False

    @property
    def ok(self) -> bool:
        return self.code == "ok"

    @property
    def message(self) -> str:
        return {
            "ok": _("Checked in."),
            "already_checked_in": _("Already checked in. Do not hand the gift over again."),
            "unknown_code": _("Unknown code."),
            "waiting": _("On the waiting list: no place yet."),
            "not_registered": _("Not registered (cancelled, declined or expired)."),
            "session_full": _("No free places left."),
            "invalid": _("Give the first name and the session."),
            "closed": _("This drive is closed: it can no longer be changed."),
        }.get(self.code, self.code)


def check_in(actor, participant: Participant | None = None, *, nonce: str,
             device_time: dt.datetime | None = None, distribution=None,
             code: str = "") -> CheckInOutcome:
    """Mark the person present and issue their reserved gifts, in one transaction.

    Pass the participant, or distribution (an instance, an id or a subquery of ids) +
    code: found and locked in one query. A
    retry (same nonce) finds the person checked in with that nonce: the first answer."""
    nonce = (nonce or secrets.token_hex(16))[:64]
    with transaction.atomic(savepoint=False):  # no savepoint when the caller has one open
        rows = Participant.objects.select_for_update(of=("self",)).select_related("distribution")
        if participant is not None:
            participant = rows.get(pk=participant.pk)
        else:
            digits = "".join(ch for ch in (code or "") if ch.isdigit())
            participant = rows.filter(distribution__in=distribution if hasattr(
                distribution, "query") else [distribution], code=digits).first() \
                if digits else None
            if participant is None:
                return CheckInOutcome("unknown_code")
        if participant.distribution.is_closed:
            return CheckInOutcome("closed", participant)
        if participant.status == P.CHECKED_IN:
            done = CheckIn.objects.filter(participant=participant, nonce=nonce).first()
            if done is not None:
                return CheckInOutcome("ok", participant, done, done.lines, retry=True)
            return CheckInOutcome("already_checked_in", participant)
        if participant.status == P.WAITING:
            return CheckInOutcome("waiting", participant)
        if participant.status not in (P.REGISTERED, P.OFFERED):
            return CheckInOutcome("not_registered", participant)
        by_item: dict[int, list] = defaultdict(list)  # one ledger step for all the gifts
        for lot, qty in issue_all_reserved(actor, participant, reason=_("check-in")):
            by_item[lot.item_id].append((lot.item, qty))
        lines = [{"item": rows_[0][0].name, "quantity": num(sum(q for _i, q in rows_)),
                  "unit": rows_[0][0].get_unit_display(), "item_id": item_id}
                 for item_id, rows_ in sorted(by_item.items())]
        if lines:
            participant.gifts.filter(status=ParticipantGift.Status.RESERVED).update(
                status=ParticipantGift.Status.HANDED_OVER)
        checkin = CheckIn.objects.create(participant=participant, nonce=nonce, lines=lines,
                                         device_time=device_time, actor=_who(actor))
        participant.status = P.CHECKED_IN
        participant.checked_in_at = timezone.now()
        participant.save(update_fields=["status", "checked_in_at"])
    return CheckInOutcome("ok", participant, checkin, lines)


@transaction.atomic
def mark_no_shows(actor, distribution, groups: Iterable[int]) -> int:
    """After the event: those registered but not checked in; their gifts go back."""
    count = 0
    for participant in Participant.objects.filter(distribution=distribution,
                                                  group__in=list(groups),
                                                  status__in=[P.REGISTERED, P.OFFERED]):
        cancel(actor, participant, P.NO_SHOW, _("did not come"))
        count += 1
    return count
