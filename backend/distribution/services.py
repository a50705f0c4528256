"""Distribution engine writes: enrol, allocate, slots and codes, notices, hand-over.

Public API (drives now; events and camps later)::

    enrol(actor, distribution, household, *, warnings=(), priority=0) -> Enrolment
    save_allocations(actor, distribution, rows, reason) -> list[Allocation]
        rows: [(enrolment, item, need, quantity)]; reserves stock (bulk, ref=allocation)
    correct_allocation(actor, allocation, quantity, reason) -> Allocation   (audited)
    add_slot(actor, distribution, slot) -> PickupSlot            (audited)
    assign_slots(actor, distribution, what=callable) -> int      (locks the slot rows)
    reschedule(actor, enrolment, slot) -> Enrolment              (locks both slots)
    send_reminders(day) -> int                                   (the day before)
    hand_over(actor, code_or_enrolment, *, nonce, quantities=None, delivered=False)
        -> Outcome(code: "ok" | "already_handed_over" | "not_allocated" | ...)
    release_no_shows(actor, distribution, now=None) -> int
"""

import datetime as dt
import heapq
import secrets
from collections.abc import Iterable
from decimal import Decimal

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.accounts import audit
from backend.common.errors import ServiceError
from backend.common.phones import Phone
from backend.inventory import reservations
from backend.inventory.selectors import num
from backend.notifications import encoding
from backend.notifications import services as sms
from backend.notifications.texts import site_phone
from backend.people.selectors import SmsContact, sms_contacts

from .guards import DistributionClosed, close, ensure_open, owner_of  # noqa: F401
from .handover import (  # noqa: F401  (the engine's public API stays services.*)
    HandOverRefused,
    Outcome,
    find,
    hand_over,
    named_by_code,
    refusal,
)
from .models import Allocation, AllocationRun, Distribution, Enrolment, PickupSlot
from .selectors import ACTIVE, no_shows, slot_counts  # reads live in selectors (issue 10)

E = Enrolment.Status
ZERO = Decimal("0")
# SMS texts by code (backend/notifications/defaults.py; coordinators edit them as templates)
NOTICE, REMINDER, MISSED, DELIVERY = (
    "pickup_notice", "pickup_reminder", "pickup_missed", "delivery_notice")


class AllocationRefused(ServiceError):
    default_code = "allocation_refused"


class SlotFull(ServiceError):
    default_code = "slot_full"


def contact_for(household):
    """Who gets the SMS: the head if they have a phone, else anyone with one."""
    members = sorted(household.members.all(), key=lambda p: (p.relation != "head", p.pk))
    with_phone = [p for p in members if p.phone]
    return (with_phone or members or [None])[0]


@transaction.atomic
def enrol(actor, distribution: Distribution, household, *, warnings: Iterable[str] = (),
          priority: int = 0) -> Enrolment:
    ensure_open(distribution)
    contact = contact_for(household)
    enrolment = Enrolment.objects.create(
        distribution=distribution, household=household, contact=contact,
        persons=max(household.member_count, 1), priority=priority, warnings=list(warnings),
        enrolled_by=actor if getattr(actor, "is_authenticated", False) else None)
    audit.record(actor, "create", enrolment, {"household": household.pk,
                                              "warnings": list(warnings)}, root=household)
    return enrolment


@transaction.atomic
def save_allocations(actor, distribution: Distribution, rows, reason: str = "", *,
                     expires_after: dt.date | None = None) -> int:
    """Create allocations (or top up existing ones) and reserve their stock, one bulk
    reservation per item, only from lots that keep past `expires_after`.
    rows: [(enrolment, item, need, quantity to add)]."""
    ensure_open(distribution)
    rows = [r for r in rows if r[3] > 0]
    existing = {(a.enrolment_id, a.item_id): a for a in Allocation.objects.select_for_update(
        of=("self",)).filter(enrolment__distribution=distribution,
                             item__in={r[1].pk for r in rows})} if rows else {}
    made: list[Allocation] = []
    wanted: list[tuple[Allocation, Decimal]] = []
    for enrolment, item, need, quantity in rows:
        current = existing.get((enrolment.pk, item.pk))
        if current is None:
            made.append(Allocation(enrolment=enrolment, item=item, need=need, quantity=quantity))
            continue
        Allocation.objects.filter(pk=current.pk).update(quantity=F("quantity") + quantity,
                                                        need=need)
        current.item = item
        wanted.append((current, quantity))
    Allocation.objects.bulk_create(made, batch_size=2000)
    if made and made[0].pk is None:  # backends without RETURNING ids
        by_key = {(a.enrolment_id, a.item_id): a.pk for a in Allocation.objects.filter(
            enrolment__distribution=distribution)}
        for allocation in made:
            allocation.pk = by_key[(allocation.enrolment_id, allocation.item_id)]
    wanted += [(a, a.quantity) for a in made]
    by_item: dict = {}
    for allocation, quantity in wanted:
        by_item.setdefault(allocation.item, []).append((allocation, quantity))
    for item, pairs in sorted(by_item.items(), key=lambda kv: kv[0].pk):
        reservations.reserve_many(actor, item, pairs, reason=reason or distribution.name,
                           expires_after=expires_after)
    audit.record(actor, "create", distribution, {"allocations": [None, len(made)],
                                                 "topped_up": [None, len(wanted) - len(made)]})
    return len(wanted)


@transaction.atomic
def record_run(actor, distribution: Distribution, item, **fields) -> AllocationRun:
    """Write down one committed fair split (rule, seed, tie-break, lots left out); audited."""
    run = AllocationRun.objects.create(
        distribution=distribution, item=item, seed=distribution.lottery_seed,
        actor=actor if getattr(actor, "is_authenticated", False) else None, **fields)
    audit.record(actor, "create", run, {
        "item": [None, item.pk], "seed": [None, run.seed], "method": [None, run.method],
        "when_short": [None, run.when_short], "tie_break": [None, run.tie_break],
        "excluded": [None, run.excluded]}, root=distribution)
    return run


@transaction.atomic
def correct_allocation(actor, allocation: Allocation, quantity: Decimal,
                       reason: str) -> Allocation:
    """A manual correction: reserve more or release the difference; audited."""
    ensure_open(allocation.enrolment.distribution_id)
    if not reason.strip():
        raise AllocationRefused(_("Give the reason for the correction."), "reason_required")
    allocation = Allocation.objects.select_for_update().get(pk=allocation.pk)
    if quantity < allocation.handed_over:
        raise AllocationRefused(_("More than that has already been handed over."))
    before = allocation.quantity
    if quantity > before:
        reservations.reserve_many(actor, allocation.item, [(allocation, quantity - before)])
    elif quantity < before:
        reservations.release_for(actor, allocation, before - quantity, reason=reason)
    allocation.quantity = quantity
    allocation.save(update_fields=["quantity"])
    audit.record(actor, "update", allocation, {"quantity": [str(before), str(quantity)],
                                               "reason": [None, reason]},
                 root=allocation.enrolment.household)
    return allocation


def new_code(taken: set[str]) -> str:
    while True:
        code = f"{secrets.randbelow(10**6):06d}"
        if code not in taken:
            taken.add(code)
            return code


def describe(allocations: Iterable[Allocation], units: dict | None = None) -> str:
    units = {} if units is None else units
    parts = []
    for a in allocations:
        if a.item_id not in units:  # translated once per item, not per household
            units[a.item_id] = (a.item.name, a.item.get_unit_display())
        name, unit = units[a.item_id]
        parts.append(f"{name} {num(a.quantity)} {unit}")
    return ", ".join(parts)


def notice_context(enrolment: Enrolment, what: str) -> dict:
    slot = enrolment.slot
    # "Call us": the site that hands it over (a home delivery: the household's office).
    site = slot.site if slot else enrolment.household.site if enrolment.delivery else None
    return {"first_name": enrolment.contact.first_name if enrolment.contact else "",
            "what": what,
            "place": f"{slot.site.name}, {slot.site.street}" if slot else "",
            "date": f"{slot.date:%d.%m}" if slot else "",
            "time_window": slot.window if slot else "", "pickup_code": enrolment.pickup_code,
            **site_phone(site)}


def summary_code(distribution: Distribution) -> str:
    """Which short form a long item list takes: "opal (2 poz.)" for a fuel drive, else
    "paczka zywnosciowa (7 poz.)"."""
    owner = getattr(distribution, "drive", None)
    return "fuel_summary" if getattr(owner, "kind", "") == "fuel" else "items_summary"


def _cached(templates: dict, code: str, language: str):
    """One template lookup per code and language for a whole bulk of notices."""
    if (code, language) not in templates:
        templates[(code, language)] = sms.template_text(code, language)
    return templates[(code, language)]


def fit_notice(code: str, context: dict, count: int, templates: dict,
               short_code: str = "items_summary") -> str:
    """Render the notice; when the item list pushes it past one segment, say
    "paczka żywnościowa (6 poz.)" instead of listing every item."""
    language = context.get("language", "pl")
    template = _cached(templates, code, language)
    text = sms.notice_text(code, context, template=template)
    if count > 1 and encoding.analyse(text).segments > 1:
        summary = _cached(templates, short_code, language)
        short = sms.notice_text(short_code, {"count": count}, template=summary)
        text = sms.notice_text(code, {**context, "what": short}, template=template)
    return text


def _notice(enrolment: Enrolment, to: SmsContact, code: str, lines: list, units: dict,
            templates: dict, extra: dict) -> dict:
    context = {**notice_context(enrolment, describe(lines, units)),
               "first_name": to.person.first_name, "language": to.language, **extra}
    return {"purpose": code, "phone": to.phone,
            "text": fit_notice(code, context, len(lines), templates, templates["short"]),
            "person": to.person, "checked": Phone(to.phone, to.person.phone_is_mobile),
            "obj": enrolment, "version": enrolment.notice_version,
            "expects_reply": code == NOTICE}


@transaction.atomic
def add_slot(actor, distribution: Distribution, slot: PickupSlot) -> PickupSlot:
    ensure_open(distribution)
    slot.distribution = distribution
    slot.save()
    audit.record(actor, "create", slot, audit.snapshot(slot, ["site", "date", "capacity"]),
                 root=distribution)
    return slot


def lock_slots(distribution: Distribution) -> list[PickupSlot]:
    return list(PickupSlot.objects.select_for_update(of=("self",)).filter(distribution=distribution)
                .select_related("site").order_by("id"))


@transaction.atomic
def assign_slots(actor, distribution: Distribution) -> int:
    """Give every active, unassigned enrolment with an allocation a slot, a code and an
    SMS notice; spread evenly (fewest booked first), never over capacity."""
    ensure_open(distribution)
    slots = lock_slots(distribution)
    counts = slot_counts([s.pk for s in slots])
    waiting = list(Enrolment.objects.filter(
        distribution=distribution, status__in=ACTIVE, slot__isnull=True, delivery=False,
        allocations__status=Allocation.Status.RESERVED).distinct()
        .select_related("household", "contact").order_by("id"))
    by_site: dict[int, list[PickupSlot]] = {}
    for slot in slots:
        by_site.setdefault(slot.site_id, []).append(slot)
    taken = set(Enrolment.objects.filter(distribution=distribution).exclude(pickup_code="")
                .values_list("pickup_code", flat=True))
    assigned = []
    emptiest = _Emptiest(counts)
    for enrolment in waiting:
        site = enrolment.household.site_id
        slot = (emptiest.pick(site, by_site[site]) if site in by_site else None) \
            or emptiest.pick(None, slots)
        if slot is None:
            break
        counts[slot.pk] = counts.get(slot.pk, 0) + 1
        enrolment.slot = slot
        enrolment.pickup_code = enrolment.pickup_code or new_code(taken)
        enrolment.notice_version += 1
        assigned.append(enrolment)
    _write_assignments(assigned)
    _notify(assigned, NOTICE)
    audit.record(actor, "update", distribution, {"slots_assigned": [None, len(assigned)]})
    return len(assigned)


class _Emptiest:
    """The open slot with the lowest share booked (then the lowest id) of a group, in
    O(log n) per pick: a heap per group whose entries may be stale, since counts only grow
    a stale entry is too low and is re-pushed when it reaches the top."""

    def __init__(self, counts: dict[int, int]):
        self.counts, self.heaps = counts, {}

    def pick(self, key, members: list[PickupSlot]) -> PickupSlot | None:
        heap = self.heaps.get(key)
        if heap is None:
            heap = self.heaps[key] = [(self._share(s), s.pk, s) for s in members]
            heapq.heapify(heap)
        while heap:
            share, pk, slot = heap[0]
            if self.counts.get(pk, 0) >= slot.capacity:
                heapq.heappop(heap)
            elif share != self._share(slot):
                heapq.heapreplace(heap, (self._share(slot), pk, slot))
            else:
                return slot
        return None

    def _share(self, slot: PickupSlot) -> float:
        return self.counts.get(slot.pk, 0) / slot.capacity if slot.capacity else 1.0


def _write_assignments(rows: list[Enrolment]) -> None:
    """One parameterised UPDATE per row through executemany: Django's bulk_update builds
    CASE expressions that cost seconds for 10,000 rows (docs/decisions/0031)."""
    table = connection.ops.quote_name(Enrolment._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET slot_id = %s, pickup_code = %s, notice_version = %s "  # noqa: S608
            "WHERE id = %s",
            [(e.slot_id, e.pickup_code, e.notice_version, e.pk) for e in rows])


def notices(enrolments: list[Enrolment], code: str, extra=None) -> list[dict]:
    """The outbox rows for `enrolments` (nothing written): one per household that may
    be texted (people.selectors.sms_contacts: consent, mobile, no STOP, language)."""
    if not enrolments:
        return []
    contacts = sms_contacts({e.household_id for e in enrolments})
    lines: dict[int, list[Allocation]] = {}
    for allocation in Allocation.objects.filter(
            enrolment__in=[e.pk for e in enrolments]).select_related("item"):
        lines.setdefault(allocation.enrolment_id, []).append(allocation)
    units: dict = {}
    templates: dict = {"short": summary_code(enrolments[0].distribution)}
    return [_notice(e, contacts[e.household_id], code, lines.get(e.pk, []), units, templates,
                    extra(e) if extra else {})
            for e in enrolments if e.household_id in contacts]


def _notify(enrolments: list[Enrolment], code: str) -> int:
    items = notices(enrolments, code)
    return sms.enqueue_many(items) if items else 0


@transaction.atomic
def reschedule(actor, enrolment: Enrolment, slot: PickupSlot) -> Enrolment:
    ensure_open(enrolment.distribution_id)
    ids = sorted({slot.pk, *([enrolment.slot_id] if enrolment.slot_id else [])})
    list(PickupSlot.objects.select_for_update().filter(pk__in=ids).order_by("id"))
    enrolment = Enrolment.objects.select_for_update(of=("self",)).select_related("contact").get(
        pk=enrolment.pk)
    if enrolment.slot_id == slot.pk:
        return enrolment
    if slot_counts([slot.pk]).get(slot.pk, 0) >= slot.capacity:
        raise SlotFull(_("This pickup slot is full."))
    before = enrolment.slot_id
    enrolment.slot = PickupSlot.objects.select_related("site").get(pk=slot.pk)
    if not enrolment.pickup_code:
        _give_code(enrolment)
    enrolment.notice_version += 1
    enrolment.save(update_fields=["slot", "notice_version"])
    audit.record(actor, "update", enrolment, {"slot": [before, slot.pk]},
                 root=enrolment.household)
    _notify([enrolment], NOTICE)
    return enrolment


def ensure_code(enrolment: Enrolment) -> str:
    """Give the enrolment a pickup code if it has none (home deliveries need one too)."""
    if not enrolment.pickup_code:
        _give_code(enrolment)
    return enrolment.pickup_code


def _give_code(enrolment: Enrolment) -> None:
    """A unique code: the DB constraint decides; on a collision, try another."""
    for _attempt in range(20):
        enrolment.pickup_code = new_code(set())
        try:
            with transaction.atomic():
                enrolment.save(update_fields=["pickup_code"])
            return
        except IntegrityError:
            continue
    raise RuntimeError("could not make a unique pickup code")


def send_reminders(day: dt.date | None = None) -> int:
    """Reminders for tomorrow's slots (run daily: manage.py pickup_reminders)."""
    tomorrow = (day or timezone.localdate()) + dt.timedelta(days=1)
    enrolments = list(Enrolment.objects.filter(slot__date=tomorrow, status__in=ACTIVE)
                      .select_related("contact", "slot__site"))
    with transaction.atomic():
        return _notify(enrolments, REMINDER)


@transaction.atomic
def on_reply(enrolment: Enrolment, outcome: str) -> None:
    enrolment = Enrolment.objects.select_for_update().select_related("distribution").get(
        pk=enrolment.pk)
    if enrolment.status not in ACTIVE or enrolment.distribution.is_closed:
        return  # a late reply to a closed distribution changes nothing
    if outcome == "confirm":
        enrolment.status = E.CONFIRMED
        enrolment.save(update_fields=["status"])
    elif outcome == "decline":
        _release(None, enrolment, E.DECLINED, "NIE")
    audit.record(None, "update", enrolment, {"reply": [None, outcome]},
                 root=enrolment.household)


def _release(actor, enrolment: Enrolment, status: str, reason: str) -> None:
    for allocation in enrolment.allocations.select_for_update().filter(
            status__in=[Allocation.Status.RESERVED, Allocation.Status.PARTIAL]):
        reservations.release_for(actor, allocation, reason=reason)
        allocation.status = Allocation.Status.RELEASED
        allocation.save(update_fields=["status"])
    enrolment.status = status
    enrolment.save(update_fields=["status"])


@transaction.atomic
def remind_no_shows(distribution: Distribution, now: dt.datetime | None = None) -> int:
    ensure_open(distribution)
    return _notify(list(no_shows(distribution, now)), MISSED)


@transaction.atomic
def release_no_shows(actor, distribution: Distribution, now: dt.datetime | None = None) -> int:
    ensure_open(distribution)
    rows = list(no_shows(distribution, now))
    for enrolment in rows:
        _release(actor, enrolment, E.NO_SHOW, _("did not come"))
    if rows:
        audit.record(actor, "update", distribution, {"no_shows_released": [None, len(rows)]})
    return len(rows)


@transaction.atomic
def set_delivery(actor, enrolment: Enrolment, delivery: bool) -> Enrolment:
    """Delivered to the home (fuel): no pickup slot; the hand-over records `delivered`."""
    ensure_open(enrolment.distribution_id)
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    before = enrolment.delivery
    enrolment.delivery = delivery
    if delivery:
        enrolment.slot = None
    enrolment.save(update_fields=["delivery", "slot"])
    audit.record(actor, "update", enrolment, {"delivery": [before, delivery]},
                 root=enrolment.household)
    return enrolment


@transaction.atomic
def withdraw(actor, enrolment: Enrolment) -> None:
    ensure_open(enrolment.distribution_id)
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    _release(actor, enrolment, E.WITHDRAWN, _("withdrawn"))
    audit.record(actor, "update", enrolment, {"status": [None, E.WITHDRAWN]},
                 root=enrolment.household)


