"""Event writes: create and advance events, sessions and gift bands; register people
(per person, on the engine's participants), gifts by age, waiting-list offers,
check-in at the door, after the event. Invitations: invitations.py; pledges: pledges.py.

Public API::

    create_event(actor, *, coordinators=(), flags=(), **fields) -> Event
    update_event(actor, event, form) -> Event
    advance(actor, event) -> Event                      planned → … → archived
    add_session(actor, event, session) -> Session
    register_people(actor, event, session, persons, *, household=None, contact=None,
                    walk_in=False, details=None) -> list[Participant]
    walk_in(actor, event, session, *, first_name, age=None, person=None) -> Participant
    cancel(actor, participant) -> Participant           (frees the place, offers it on)
    offer_places(actor, event, session=None) -> int     (SMS with a reply deadline)
    expire_offers(actor, event, now=None) -> int        (scheduled: events_offers)
    on_offer_reply(participant, outcome) -> None        (TAK/NIE to an offer)
    check_in(actor, event, participant, *, nonce, device_time=None) -> CheckInOutcome
    close(actor, event) -> int                          (no-shows; gifts back to stock)
"""

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.accounts import audit
from backend.common.errors import ServiceError
from backend.distribution import participants as engine
from backend.distribution.models import Distribution, Participant
from backend.inventory.services import StockError
from backend.notifications import services as sms
from backend.people.models import age_on
from backend.people.validators import pesel_sex

from .models import Event, GiftBand, Session, Wish

P = Participant.Status
DEFAULT_BANDS = [(0, 3, "zabawka sensoryczna"), (4, 6, "klocki"), (7, 10, "zestaw plastyczny"),
                 (11, 14, "gra planszowa")]


class EventError(ServiceError):
    default_code = "event_error"


def registration_open(event: Event, now: dt.datetime | None = None) -> bool:
    """SMS replies register only while registration is open (status and window)."""
    now = now or timezone.now()
    return (event.status == Event.Status.REGISTRATION
            and (event.registration_opens is None or event.registration_opens <= now)
            and (event.registration_closes is None or now < event.registration_closes))


def writable(event: Event) -> None:
    if event.status in (Event.Status.HELD, Event.Status.ARCHIVED):
        raise EventError(_("The event is over: it can no longer be changed."), "event_over")


@transaction.atomic
def create_event(actor, *, coordinators: Iterable = (), flags: Iterable = (),
                 bands: bool = True, **fields) -> Event:
    distribution = Distribution.objects.create(name=fields["name"])
    event = Event.objects.create(distribution=distribution, **fields)
    event.coordinators.set(coordinators)
    event.flags.set(flags)
    if bands and event.kind in (Event.Kind.MIKOLAJKI, Event.Kind.CHILDRENS_DAY):
        GiftBand.objects.bulk_create(GiftBand(event=event, min_age=a, max_age=b, gift=gift)
                                     for a, b, gift in DEFAULT_BANDS)
    audit.record(actor, "create", event, audit.snapshot(event, ["name", "kind", "date"]))
    return event


@transaction.atomic
def update_event(actor, event: Event, form) -> Event:
    changed = {name: [str(form.initial.get(name)), str(form.cleaned_data.get(name))]
               for name in form.changed_data}
    event = form.save()
    Distribution.objects.filter(pk=event.distribution_id).update(name=event.name)
    audit.record(actor, "update", event, changed)
    return event


@transaction.atomic
def advance(actor, event: Event) -> Event:
    event = Event.objects.select_for_update().get(pk=event.pk)
    flow = Event.FLOW
    index = flow.index(event.status)
    if index + 1 >= len(flow):
        raise EventError(_("The event is already archived."), "archived")
    before, event.status = event.status, flow[index + 1]
    event.save(update_fields=["status"])
    audit.record(actor, "update", event, {"status": [before, event.status]})
    if event.status == Event.Status.HELD:
        close(actor, event)
    return event


@transaction.atomic
def add_session(actor, event: Event, session: Session) -> Session:
    writable(event)
    session.event = event
    session.save()
    audit.record(actor, "create", session, audit.snapshot(session, ["name", "capacity"]),
                 root=event)
    return session


@transaction.atomic
def add_band(actor, event: Event, band: GiftBand) -> GiftBand:
    writable(event)
    band.event = event
    band.save()
    audit.record(actor, "create", band, audit.snapshot(band, ["min_age", "max_age", "gift"]),
                 root=event)
    return band


def age_at(event: Event, birth_date: dt.date | None) -> int | None:
    return age_on(birth_date, event.date)


def band_for(event: Event, age: int | None, bands: list[GiftBand] | None = None):
    if age is None:
        return None
    for band in bands if bands is not None else event.bands.all():
        if band.min_age <= age <= band.max_age:
            return band
    return None


def wish_label(participant: Participant, age: int) -> str:
    """'dziewczynka, 7 lat' from PESEL (the only place the registry keeps sex), else
    'dziecko': no name, nothing that identifies the child."""
    pesel = participant.person.pesel if participant.person_id else ""
    sex = pesel_sex(pesel) if len(pesel) == 11 and pesel.isdigit() else ""
    who = {"F": "dziewczynka", "M": "chłopiec"}.get(sex, "dziecko")
    years = "rok" if age == 1 else "lata" if age % 10 in (2, 3, 4) and age % 100 not in (
        12, 13, 14) else "lat"
    return f"{who}, {age} {years}"


def _give_gift(actor, event: Event, participant: Participant, bands) -> None:
    age = age_at(event, participant.birth_date)
    band = band_for(event, age, bands)
    if band is None or age is None or age > event.child_max_age:
        return
    if band.source == GiftBand.Source.PLEDGE:
        Wish.objects.get_or_create(participant=participant, defaults={
            "event": event, "label": wish_label(participant, age), "gift": band.gift})
        participant.details = {**participant.details, "wish": True}  # check-in reads it
        participant.save(update_fields=["details"])
        return
    if band.item_id is None:
        return
    try:
        with transaction.atomic():
            engine.reserve_gift(actor, participant, band.item, reason=event.name)
    except StockError:
        participant.details = {**participant.details, "gift_missing": band.gift}
        participant.save(update_fields=["details"])


def _context(event: Event, session: Session, rows: list[Participant]) -> dict:
    return {"event": event.name, "date": event.date,
            "time": f"{session.start:%H:%M}", "place": event.address,
            "names": ", ".join(p.first_name for p in rows),
            "codes": ", ".join(p.code for p in rows if p.code)}


def notify(event: Event, session: Session, rows: list[Participant], purpose: str, *,
           expects_reply: bool = False, extra: dict | None = None) -> None:
    """One SMS per contact phone (a household), never per child, in the contact's
    language (notifications' texts `event_<purpose>`)."""
    by_contact: dict[int, list[Participant]] = {}
    for participant in rows:
        if participant.contact_id:
            by_contact.setdefault(participant.contact_id, []).append(participant)
    for group in by_contact.values():
        first = group[0]
        context = {**_context(event, session, group), **(extra or {})}
        sms.enqueue(purpose=f"event_{purpose}", phone=first.contact.phone,
                    body=sms.notice_text(f"event_{purpose}", context,
                                         first.contact.preferred_language or "pl"),
                    person=first.contact, obj=first, version=first.notice_version + 1,
                    expects_reply=expects_reply,
                    expires_at=first.offer_expires_at if expects_reply else None)


@transaction.atomic
def register_people(actor, event: Event, session: Session, persons: Iterable, *,
                    household=None, contact=None, walk_in: bool = False,
                    details: dict | None = None, send: bool = True) -> list[Participant]:
    writable(event)
    rows = engine.register(actor, event.distribution, session, list(persons),
                           household=household, contact=contact, waitlist=not walk_in,
                           walk_in=walk_in, details=details)
    bands = list(event.bands.all())
    new = [p for p in rows if p.status == P.REGISTERED and not p.gifts.exists()
           and not hasattr(p, "wish")]
    for participant in new:
        _give_gift(actor, event, participant, bands)
    if send:
        registered = [p for p in rows if p.status == P.REGISTERED]
        waiting = [p for p in rows if p.status == P.WAITING]
        if registered:
            notify(event, session, registered, "registered")
        if waiting:
            notify(event, session, waiting, "waiting")
    return rows


def walk_in(actor, event: Event, session: Session, *, first_name: str, age: int | None = None,
            person=None) -> Participant:
    """At the door: registered on the spot if a place is free (SessionFull otherwise)."""
    if person is not None:
        people = [person]
    else:
        birth = dt.date(event.date.year - age, 1, 1) if age is not None else None
        people = [{"first_name": first_name.strip()[:60], "birth_date": birth}]
    return register_people(actor, event, session, people, walk_in=True, send=False,
                           household=getattr(person, "household", None))[0]


@transaction.atomic
def offer_places(actor, event: Event, session: Session | None = None) -> int:
    sessions = [session] if session else list(event.sessions.all())
    count = 0
    for row in sessions:
        offered = engine.offer_free_places(actor, event.distribution, row,
                                           hours=event.offer_hours)
        for participant in offered:
            deadline = timezone.localtime(participant.offer_expires_at)
            notify(event, row, [participant], "offer", expects_reply=True,
                   extra={"deadline": deadline.strftime("%d.%m %H:%M")})
        count += len(offered)
    return count


@transaction.atomic
def cancel(actor, participant: Participant, status: str = P.CANCELLED) -> Participant:
    event = Event.objects.get(distribution_id=participant.distribution_id)
    participant = engine.cancel(actor, participant, status)
    Wish.objects.filter(participant=participant, status=Wish.Status.OPEN).update(
        status=Wish.Status.CANCELLED)
    if event.status in (Event.Status.REGISTRATION, Event.Status.CLOSED):
        offer_places(actor, event, Session.objects.get(pk=participant.group))
    return participant


@transaction.atomic
def expire_offers(actor, event: Event, now: dt.datetime | None = None) -> int:
    expired = engine.expire_offers(actor, event.distribution, now)
    if expired:
        offer_places(actor, event)
    return len(expired)


@transaction.atomic
def on_offer_reply(participant: Participant, outcome: str) -> None:
    event = Event.objects.get(distribution_id=participant.distribution_id)
    if outcome == "confirm":
        try:
            participant = engine.accept_offer(None, participant)
        except engine.ParticipantError:
            return  # expired meanwhile: the place has passed on
        if participant.status == P.REGISTERED and not participant.gifts.exists():
            _give_gift(None, event, participant, list(event.bands.all()))
            notify(event, Session.objects.get(pk=participant.group), [participant],
                   "registered")
    elif outcome == "decline" and participant.status == P.OFFERED:
        cancel(None, participant, P.DECLINED)


def check_in(actor, event: Event | int, participant: Participant | None = None, *,
             nonce: str, code: str = "",
             device_time: dt.datetime | None = None) -> engine.CheckInOutcome:
    """At the door: by participant or by code; a received pledged gift is marked handed.
    `event` may be an id: the door's scan then costs no query for the event."""
    with transaction.atomic(savepoint=False):
        distribution = event.distribution_id if isinstance(event, Event) else \
            Event.objects.filter(pk=event).values("distribution_id")
        outcome = engine.check_in(actor, participant, nonce=nonce, device_time=device_time,
                                  distribution=distribution, code=code)
        if outcome.ok and outcome.lines and not outcome.retry and \
                outcome.participant.details.get("wish"):
            Wish.objects.filter(participant_id=outcome.participant.pk,
                                status=Wish.Status.RECEIVED).update(
                status=Wish.Status.HANDED_OVER)
    return outcome


@transaction.atomic
def close(actor, event: Event) -> int:
    """After the event: no-shows released (their gifts back to free stock)."""
    groups = list(event.sessions.values_list("pk", flat=True))
    count = engine.mark_no_shows(actor, event.distribution, groups)
    audit.record(actor, "update", event, {"no_shows": [None, count]})
    return count


@transaction.atomic
def set_details(actor, participant: Participant, data: dict) -> Participant:
    """Wigilia: dietary needs, transport, take-away package, table (audited)."""
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    before = dict(participant.details)
    participant.details = {**before, **{k: v for k, v in data.items() if v not in (None, "")}}
    for key in ("transport", "takeaway"):
        participant.details[key] = bool(data.get(key))
    participant.save(update_fields=["details"])
    audit.record(actor, "update", participant, {"details": [before, participant.details]},
                 root=participant.household)
    return participant
