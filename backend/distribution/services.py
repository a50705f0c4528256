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
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ObjectDoesNotExist
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.accounts import audit
from backend.common.errors import ServiceError
from backend.common.idempotency import Undo, once
from backend.inventory.selectors import num
from backend.notifications import encoding
from backend.notifications import services as sms
from backend.people.selectors import SmsContact, sms_contacts

from . import stock
from .models import Allocation, AllocationRun, Distribution, Enrolment, HandOver, PickupSlot
from .signals import handed_over

E = Enrolment.Status
ACTIVE = [E.ENROLLED, E.CONFIRMED]  # hold a place in a slot
ZERO = Decimal("0")
# SMS texts by code (backend/notifications/defaults.py; coordinators edit them as templates)
NOTICE, REMINDER, MISSED, DELIVERY = (
    "pickup_notice", "pickup_reminder", "pickup_missed", "delivery_notice")


class SlotFull(ServiceError):
    default_code = "slot_full"


class HandOverRefused(ServiceError):
    """Codes: not_distributing, wrong_day, wrong_site, override_not_allowed.
    A coordinator may override the first three with a reason (audited)."""

    default_code = "handover_refused"


def owner_of(distribution: Distribution):
    """The drive (later the event, the camp) that owns the distribution, if any."""
    for name in ("drive", "event", "camp"):
        try:
            return getattr(distribution, name)
        except (ObjectDoesNotExist, AttributeError):
            continue
    return None


def refusal(enrolment: Enrolment, *, site=None, at: dt.datetime | None = None
            ) -> HandOverRefused | None:
    """Why this hand-over must not happen now/here, or None. The owner says whether its
    stage hands over (`handover_open`); the booked slot gives the day and the site."""
    owner = owner_of(enrolment.distribution)
    if owner is not None and not getattr(owner, "handover_open", True):
        stage = getattr(owner, "get_status_display", lambda: "")()
        return HandOverRefused(
            _("Hand-overs have not started: the drive is at the stage “%(stage)s”.")
            % {"stage": stage}, "not_distributing", stage=stage)
    slot = enrolment.slot
    if slot is None:
        return None
    today = timezone.localtime(at or timezone.now()).date()
    if slot.date != today:
        return HandOverRefused(
            _("Booked for %(date)s %(window)s at %(site)s, not today.") % {
                "date": slot.date.strftime("%d.%m.%Y"), "window": slot.window,
                "site": slot.site.name}, "wrong_day", date=slot.date.isoformat())
    if site is not None and slot.site_id != site.pk:
        return HandOverRefused(
            _("Booked at %(site)s (%(street)s), not here.") % {
                "site": slot.site.name, "street": slot.site.street}, "wrong_site",
            site=slot.site.name)
    return None


def contact_for(household):
    """Who gets the SMS: the head if they have a phone, else anyone with one."""
    members = sorted(household.members.all(), key=lambda p: (p.relation != "head", p.pk))
    with_phone = [p for p in members if p.phone]
    return (with_phone or members or [None])[0]


@transaction.atomic
def enrol(actor, distribution: Distribution, household, *, warnings: Iterable[str] = (),
          priority: int = 0) -> Enrolment:
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
        stock.reserve_many(actor, item, pairs, reason=reason or distribution.name,
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
    if not reason.strip():
        raise ValueError(_("Give the reason for the correction."))
    allocation = Allocation.objects.select_for_update().get(pk=allocation.pk)
    if quantity < allocation.handed_over:
        raise ValueError(_("More than that has already been handed over."))
    before = allocation.quantity
    if quantity > before:
        stock.reserve_one(actor, allocation, quantity - before)
    elif quantity < before:
        stock.release_all(actor, allocation, before - quantity, reason=reason)
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
    return {"first_name": enrolment.contact.first_name if enrolment.contact else "",
            "what": what,
            "place": f"{slot.site.name}, {slot.site.street}" if slot else "",
            "date": f"{slot.date:%d.%m}" if slot else "",
            "time_window": slot.window if slot else "", "pickup_code": enrolment.pickup_code}


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
            "person": to.person,
            "obj": enrolment, "version": enrolment.notice_version,
            "expects_reply": code == NOTICE}


@transaction.atomic
def add_slot(actor, distribution: Distribution, slot: PickupSlot) -> PickupSlot:
    slot.distribution = distribution
    slot.save()
    audit.record(actor, "create", slot, audit.snapshot(slot, ["site", "date", "capacity"]),
                 root=distribution)
    return slot


def lock_slots(distribution: Distribution) -> list[PickupSlot]:
    return list(PickupSlot.objects.select_for_update(of=("self",)).filter(distribution=distribution)
                .select_related("site").order_by("id"))


def slot_counts(slot_ids: list[int]) -> dict[int, int]:
    rows = Enrolment.objects.filter(slot_id__in=slot_ids, status__in=ACTIVE).values(
        "slot_id").annotate(n=Count("id"))
    return {row["slot_id"]: row["n"] for row in rows}


@transaction.atomic
def assign_slots(actor, distribution: Distribution) -> int:
    """Give every active, unassigned enrolment with an allocation a slot, a code and an
    SMS notice; spread evenly (fewest booked first), never over capacity."""
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
    for enrolment in waiting:
        candidates = by_site.get(enrolment.household.site_id) or slots
        open_slots = [s for s in candidates if counts.get(s.pk, 0) < s.capacity]
        if not open_slots:
            open_slots = [s for s in slots if counts.get(s.pk, 0) < s.capacity]
        if not open_slots:
            break
        slot = min(open_slots, key=lambda s: (counts.get(s.pk, 0) / s.capacity, s.pk))
        counts[slot.pk] = counts.get(slot.pk, 0) + 1
        enrolment.slot = slot
        enrolment.pickup_code = enrolment.pickup_code or new_code(taken)
        enrolment.notice_version += 1
        assigned.append(enrolment)
    _write_assignments(assigned)
    _notify(assigned, NOTICE)
    audit.record(actor, "update", distribution, {"slots_assigned": [None, len(assigned)]})
    return len(assigned)


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
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status not in ACTIVE:
        return
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
        stock.release_all(actor, allocation, reason=reason)
        allocation.status = Allocation.Status.RELEASED
        allocation.save(update_fields=["status"])
    enrolment.status = status
    enrolment.save(update_fields=["status"])


@dataclass
class Outcome:
    code: str
    enrolment: Enrolment | None = None
    handover: HandOver | None = None
    lines: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.code == "ok"

    @property
    def message(self) -> str:
        return {
            "ok": _("Handed over."),
            "already_handed_over": _("Already handed over. Do not hand it over again."),
            "unknown_code": _("Unknown pickup code."),
            "not_allocated": _("Nothing to hand over for this code."),
            "released": _("The reservation was released (declined or did not come)."),
            "code_required": _("Scan the package QR or type the pickup code to hand over."),
            "code_mismatch": _("This code belongs to another household."),
        }.get(self.code, self.code)


def find(distribution: Distribution | None, code: str) -> Enrolment | None:
    """A pickup code (within the distribution) or a package QR reserved for someone."""
    code = (code or "").strip()
    qs = Enrolment.objects.select_related("contact", "slot__site")
    if code.isdigit():
        rows = qs.filter(pickup_code=code)
        if distribution is not None:
            rows = rows.filter(distribution=distribution)
        return rows.first()
    from backend.inventory.scanning import resolve

    resolved = resolve(code)
    if resolved.lot is None or resolved.lot.received_quantity != 1:
        return None  # only a package (a lot of one) names one household; bulk lots do not
    from django.contrib.contenttypes.models import ContentType

    from backend.inventory.models import Movement

    ref = Movement.objects.filter(
        lot=resolved.lot, kind=Movement.Kind.RESERVE,
        ref_type=ContentType.objects.get_for_model(Allocation)).order_by("-id").first()
    if ref is None:
        return None
    return qs.filter(allocations__pk=int(ref.ref_id)).first()


def named_by_code(enrolment: Enrolment, code: str) -> str:
    """"ok" when `code` (a pickup code or a package QR) names this household, else the
    refusal code. A hand-over must name the household by what the recipient brings: an
    enrolment id alone would let anyone hand over anybody's parcel (decision 0023)."""
    if not (code or "").strip():
        return "code_required"
    found = find(enrolment.distribution, code)
    return "ok" if found is not None and found.pk == enrolment.pk else "code_mismatch"


def hand_over(actor, enrolment: Enrolment, *, nonce: str,
              quantities: dict[int, Decimal] | None = None, delivered: bool = False,
              device_time: dt.datetime | None = None, site=None, override: str = "",
              at: dt.datetime | None = None) -> Outcome:
    """Issue what is reserved for the household (all, or `quantities` per allocation).

    Once per nonce (common/idempotency.once): the hand-over row, whose nonce is unique,
    is inserted first in the transaction; a retry answers with the first result.
    Refused (HandOverRefused) before the owner's hand-over stage, on another day than the
    booked slot, or at another `site` than booked — unless `override` gives a coordinator's
    reason (needs distribution.change_handover; audited)."""
    nonce = (nonce or secrets.token_hex(16))[:64]
    override = (override or "").strip()
    with transaction.atomic():
        enrolment = Enrolment.objects.select_for_update(of=("self",)).select_related(
            "slot__site", "distribution").get(pk=enrolment.pk)

        def claim() -> HandOver:
            return HandOver.objects.create(
                enrolment=enrolment, nonce=nonce, delivered=delivered, device_time=device_time,
                actor=actor if getattr(actor, "is_authenticated", False) else None)

        def work(handover: HandOver) -> Outcome:
            outcome = _issue(actor, enrolment, handover, quantities,
                             guard={"site": None if delivered else site, "at": at,
                                    "override": override})
            if not outcome.ok:
                raise Undo(outcome)  # nothing handed over: the nonce is not spent
            return outcome

        def replay() -> Outcome | None:
            done = HandOver.objects.get(nonce=nonce)
            if done.enrolment_id != enrolment.pk:
                return None  # a nonce reused for another household is not a retry
            return Outcome("ok", enrolment, done, done.lines)  # a retry: the same answer

        outcome = once(claim, work, replay)
        if outcome is None:
            outcome = hand_over(actor, enrolment, nonce=secrets.token_hex(16),
                                quantities=quantities, delivered=delivered,
                                device_time=device_time, site=site, override=override, at=at)
    return outcome


def _guard(actor, enrolment: Enrolment, *, site, at, override: str) -> None:
    """Raise the refusal, or let a coordinator's reason override it (audited)."""
    refused = refusal(enrolment, site=site, at=at)
    if refused is None:
        return
    if not override:
        raise refused
    if not getattr(actor, "has_perm", lambda p: False)("distribution.change_handover"):
        raise HandOverRefused(_("Only a coordinator may override: %(why)s")
                              % {"why": refused.message}, "override_not_allowed")
    audit.record(actor, "update", enrolment, {"handover_override": [refused.code,
                                                                    override[:200]]},
                 root=enrolment.household)


def _issue(actor, enrolment: Enrolment, handover: HandOver,
           quantities: dict[int, Decimal] | None, guard: dict | None = None) -> Outcome:
    allocations = list(enrolment.allocations.select_for_update(of=("self",))
                       .select_related("item"))
    if enrolment.status in (E.DECLINED, E.NO_SHOW, E.WITHDRAWN):
        return Outcome("released", enrolment)
    if not allocations:
        return Outcome("not_allocated", enrolment)
    open_ = [a for a in allocations if a.status in (Allocation.Status.RESERVED,
                                                     Allocation.Status.PARTIAL)
             and a.remaining > 0]
    if not open_:
        return Outcome("already_handed_over", enrolment)
    _guard(actor, enrolment, **(guard or {"site": None, "at": None, "override": ""}))
    lines, partial, issued = [], False, []
    for allocation in open_:
        wanted = allocation.remaining if quantities is None else min(
            Decimal(str(quantities.get(allocation.pk, allocation.remaining))),
            allocation.remaining)
        if wanted > 0:
            stock.issue_reserved(actor, allocation, wanted, reason=_("hand-over"))
            allocation.handed_over += wanted
            issued.append((allocation, wanted))
            lines.append({"item": allocation.item.name, "quantity": str(wanted),
                          "unit": allocation.item.get_unit_display()})
        allocation.status = (Allocation.Status.HANDED_OVER if allocation.remaining == 0
                             else Allocation.Status.PARTIAL)
        partial = partial or allocation.remaining > 0
        allocation.save(update_fields=["handed_over", "status"])
    handover.lines, handover.partial = lines, partial
    handover.save(update_fields=["lines", "partial"])
    enrolment.status = E.PARTIAL if partial else E.HANDED_OVER
    enrolment.save(update_fields=["status"])
    handed_over.send(sender=Enrolment, enrolment=enrolment, handover=handover, issued=issued,
                     actor=actor)
    return Outcome("ok", enrolment, handover, lines)


def no_shows(distribution: Distribution, now: dt.datetime | None = None):
    now = timezone.localtime(now or timezone.now())
    return Enrolment.objects.filter(distribution=distribution, status__in=ACTIVE).filter(
        Q(slot__date__lt=now.date()) | Q(slot__date=now.date(), slot__end__lte=now.time())
    ).select_related("contact", "slot__site", "household")


@transaction.atomic
def remind_no_shows(distribution: Distribution, now: dt.datetime | None = None) -> int:
    return _notify(list(no_shows(distribution, now)), MISSED)


@transaction.atomic
def release_no_shows(actor, distribution: Distribution, now: dt.datetime | None = None) -> int:
    rows = list(no_shows(distribution, now))
    for enrolment in rows:
        _release(actor, enrolment, E.NO_SHOW, _("did not come"))
    if rows:
        audit.record(actor, "update", distribution, {"no_shows_released": [None, len(rows)]})
    return len(rows)


@transaction.atomic
def set_delivery(actor, enrolment: Enrolment, delivery: bool) -> Enrolment:
    """Delivered to the home (fuel): no pickup slot; the hand-over records `delivered`."""
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
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    _release(actor, enrolment, E.WITHDRAWN, _("withdrawn"))
    audit.record(actor, "update", enrolment, {"status": [None, E.WITHDRAWN]},
                 root=enrolment.household)


