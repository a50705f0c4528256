"""Camp writes: camps and sessions, applications (staff and public form), withdrawal
with automatic promotion (timed SMS offers, TAK/NIE), documents checklist and its one
reminder, departure check-in and the parents' SMS. Qualification: qualification.py.

Public API::

    create_camp(actor, *, coordinators=(), **fields) -> Camp
    add_session(actor, camp, session) -> CampSession
    file_application(actor, camp, *, child, preferences, **fields) -> Application
    submit_public(camp, **fields) -> Application                  (status "to verify")
    verify(actor, application, child) -> Application
    withdraw(actor, application) -> Application    (frees the place, offers it on)
    offer_places(actor, camp, session=None) -> int (SMS offers with a reply deadline)
    on_offer_reply(participant, outcome) -> None   (TAK / NIE)
    expire_offers(actor, camp, now=None) -> int    (scheduled: camps_offers)
    set_documents(actor, application, **flags) -> Application
    save_health(actor, card, form) -> HealthCard   (the audit names fields, never values)
    remind_documents(actor, camp, *, dry_run=False) -> list[str]  (one SMS per child)
    check_in(actor, session, *, code, nonce, device_time=None) -> CheckInOutcome
    check_in_return(actor, session, *, code, nonce, device_time=None) -> ReturnOutcome
    notify_bus(actor, session, which, *, eta="", dry_run=False) -> list[str]

Places by sex (a session's places_girls / places_boys, docs/decisions/0140): the child's
sex is on the application (from the PESEL, else as given); qualification, offers and TAK
all ask `split_refusal`, so a split session never holds more girls or boys than it has
places for. A child whose sex is not known waits for a split session (sex_unknown).
"""

import datetime as dt
import secrets
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.accounts import audit
from backend.common.errors import ServiceError
from backend.distribution import participants as engine
from backend.distribution.models import Distribution, Participant
from backend.notifications import services as sms
from backend.notifications.texts import site_phone
from backend.people.selectors import sms_contact
from backend.people.validators import pesel_sex

from .models import Application, Camp, CampSession, HealthCard, ReturnBoarding

P = Participant.Status
A = Application.Status


class CampError(ServiceError):
    default_code = "camp_error"


@transaction.atomic
def create_camp(actor, *, coordinators: Iterable = (), **fields) -> Camp:
    distribution = Distribution.objects.create(name=fields["name"])
    camp = Camp.objects.create(distribution=distribution, **fields)
    camp.coordinators.set(coordinators)
    audit.record(actor, "create", camp, audit.snapshot(camp, ["name", "year"]))
    return camp


@transaction.atomic
def add_session(actor, camp: Camp, session: CampSession) -> CampSession:
    session.camp = camp
    session.save()
    audit.record(actor, "create", session, audit.snapshot(session, ["name", "capacity"]),
                 root=camp)
    return session


@transaction.atomic
def update_session(actor, session: CampSession, form) -> CampSession:
    changed = {name: [str(form.initial.get(name)), str(form.cleaned_data.get(name))]
               for name in form.changed_data}
    session = form.save()
    audit.record(actor, "update", session, changed, root=session.camp)
    if {"capacity", "places_girls", "places_boys"} & set(changed):
        offer_places(actor, session.camp, session)
    return session


def sex_of(child) -> str:
    """F or M from the child's PESEL; "" when it has none."""
    pesel = getattr(child, "pesel", "") or ""
    return pesel_sex(pesel) if len(pesel) == 11 and pesel.isdigit() else ""


def places_by_sex(session: CampSession, statuses=Participant.HOLDING,
                  exclude: Participant | None = None) -> Counter:
    """How many girls ("F") and boys ("M") hold a place in the session."""
    rows = Application.objects.filter(camp_id=session.camp_id, participant__group=session.pk,
                                      participant__status__in=statuses)
    if exclude is not None:
        rows = rows.exclude(participant=exclude)
    return Counter(rows.values_list("sex", flat=True))


def split_refusal(session: CampSession, need: Counter, taken: Counter) -> str | None:
    """None when the children of `need` (sex -> count) fit the session's places by sex
    beside those `taken`; else why not: girls_full, boys_full or sex_unknown."""
    limits = session.split
    if limits is None:
        return None
    if need.get("", 0):
        return "sex_unknown"
    for sex, limit in limits.items():
        if limit is not None and taken[sex] + need.get(sex, 0) > limit:
            return "girls_full" if sex == Application.Sex.GIRL else "boys_full"
    return None


def _pick_by_sex(row: CampSession, waiting: list[Participant], free: int) -> list:
    """The offers for a split session: the first waiting whose side still has room."""
    if row.split is None:
        return waiting[:free]
    sexes = dict(Application.objects.filter(participant__in=waiting)
                 .values_list("participant_id", "sex"))
    taken, chosen = places_by_sex(row), []
    for participant in waiting:
        if len(chosen) >= free:
            break
        sex = sexes.get(participant.pk, "")
        if split_refusal(row, Counter({sex: 1}), taken) is None:
            chosen.append(participant)
            taken[sex] += 1
    return chosen


def _preferences(camp: Camp, preferences: Iterable) -> list[int]:
    ids = [int(p) for p in preferences if str(p).isdigit()]
    known = set(camp.sessions.filter(pk__in=ids).values_list("pk", flat=True))
    ordered = list(dict.fromkeys(i for i in ids if i in known))
    if not ordered:
        raise CampError(_("Choose at least one session of this camp."), "no_session")
    return ordered


@transaction.atomic
def file_application(actor, camp: Camp, *, child, preferences: Iterable,
                     contact=None, **fields) -> Application:
    """A social worker's application for a child of a household she serves."""
    if Application.objects.filter(camp=camp, child=child).exclude(
            status__in=[A.WITHDRAWN, A.REJECTED]).exists():
        raise CampError(_("This child has already applied to this camp."), "duplicate")
    fields["sex"] = fields.get("sex") or sex_of(child)
    application = Application.objects.create(
        camp=camp, child=child, household=child.household,
        contact=contact or _parent(child), preferences=_preferences(camp, preferences),
        filed_by=actor if getattr(actor, "is_authenticated", False) else None,
        status=A.VERIFIED, source=Application.Source.STAFF, **fields)
    HealthCard.objects.create(application=application)
    audit.record(actor, "create", application, {"status": [None, application.status]},
                 root=child.household)
    return application


def _parent(child):
    from backend.distribution.services import contact_for

    return contact_for(child.household) if child.household_id else None


@transaction.atomic
def submit_public(camp: Camp, *, preferences: Iterable, **fields) -> Application:
    """A parent's short form: kept as typed until a social worker verifies it."""
    application = Application.objects.create(
        camp=camp, preferences=_preferences(camp, preferences), status=A.SUBMITTED,
        source=Application.Source.PUBLIC, **fields)
    HealthCard.objects.create(application=application)
    audit.record(None, "create", application, {"status": [None, A.SUBMITTED]})
    return application


@transaction.atomic
def verify(actor, application: Application, child) -> Application:
    """Link the registry's child (and household): the application may now qualify."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != A.SUBMITTED:
        raise CampError(_("Only applications waiting for verification."), "not_submitted")
    if Application.objects.filter(camp=application.camp, child=child).exclude(
            status__in=[A.WITHDRAWN, A.REJECTED]).exists():
        raise CampError(_("This child has already applied to this camp."), "duplicate")
    application.child, application.household = child, child.household
    application.contact = application.contact or _parent(child)
    application.sex = sex_of(child) or application.sex
    application.status = A.VERIFIED
    application.save()
    audit.record(actor, "update", application, {"status": [A.SUBMITTED, A.VERIFIED]},
                 root=child.household)
    return application


def _context(camp: Camp, session: CampSession, rows: list[Participant]) -> dict:
    return {"camp": camp.name, "dates": f"{session.start:%d.%m}-{session.end:%d.%m}",
            "meeting": session.meeting_point or session.place,
            "names": ", ".join(p.first_name for p in rows),
            "codes": ", ".join(p.code for p in rows if p.code), **site_phone(camp.site)}


def _texts(camp, session, rows, code: str, extra: dict | None = None) -> list[dict]:
    """One SMS per parent (a household), never per child; who cannot be texted is
    skipped (consent, mobile number, STOP)."""
    by_contact: dict[int, list[Participant]] = {}
    for participant in rows:
        if participant.contact_id:
            by_contact.setdefault(participant.contact_id, []).append(participant)
    out = []
    for group in by_contact.values():
        first = group[0]
        contact = sms_contact(first.contact)
        if contact is None:
            continue
        body = sms.notice_text(code, {**_context(camp, session, group), **(extra or {})},
                               contact.language)
        out.append({"purpose": code, "phone": contact.phone, "body": body,
                    "person": first.contact, "obj": first})
    return out


def notify(camp, session, rows, code: str, *, expects_reply: bool = False,
           extra: dict | None = None, version: int | None = None) -> int:
    count = 0
    for item in _texts(camp, session, rows, code, extra):
        first = item["obj"]
        sms.enqueue(**item, version=version or first.notice_version + 1,
                    expects_reply=expects_reply,
                    expires_at=first.offer_expires_at if expects_reply else None)
        count += 1
    return count


def session_of(participant: Participant) -> CampSession:
    return CampSession.objects.select_related("camp").get(pk=participant.group)


def _sync(application: Application | None, participant: Participant) -> None:
    """The application's status follows its place (qualified / waiting / withdrawn)."""
    if application is None:
        return
    status = {P.REGISTERED: A.PLACED, P.OFFERED: A.WAITING, P.WAITING: A.WAITING,
              P.CHECKED_IN: A.PLACED}.get(participant.status)
    if participant.status in (P.CANCELLED,):
        status = A.WITHDRAWN
    if status and application.status != status:
        Application.objects.filter(pk=application.pk).update(status=status)


@transaction.atomic
def withdraw(actor, application: Application) -> Application:
    """The family withdraws: the place is freed and offered to the next child."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    before = application.status
    application.status = A.WITHDRAWN
    application.save(update_fields=["status"])
    audit.record(actor, "update", application, {"status": [before, A.WITHDRAWN]},
                 root=application.household)
    if application.participant_id:
        participant = engine.cancel(actor, application.participant)
        offer_places(actor, application.camp, session_of(participant))
    return application


@transaction.atomic
def offer_places(actor, camp: Camp, session: CampSession | None = None) -> int:
    """Free places go to the first waiting children as SMS offers with a deadline."""
    count = 0
    for row in [session] if session else list(camp.sessions.all()):
        for participant in engine.offer_free_places(actor, camp.distribution, row,
                                                    hours=camp.offer_hours,
                                                    pick=_pick_by_sex):
            deadline = timezone.localtime(participant.offer_expires_at)
            notify(camp, row, [participant], "camp_offer", expects_reply=True,
                   extra={"deadline": deadline.strftime("%d.%m %H:%M")})
            count += 1
    return count


@transaction.atomic
def accept(actor, participant: Participant) -> Participant:
    """TAK: the session row is locked and counted (engine.accept_offer with the row);
    when the place is gone the child keeps its turn on the waiting list and is told."""
    session = session_of(participant)
    try:
        with transaction.atomic():
            _check_sex_place(session, participant)
            participant = engine.accept_offer(actor, participant, row=session)
    except engine.SessionFull:
        participant = _back_to_waiting(actor, participant)
        notify(session.camp, session, [participant], "camp_gone",
               version=participant.notice_version + 100)
        return participant
    application = Application.objects.filter(participant=participant).first()
    _sync(application, participant)
    if participant.status == P.REGISTERED:
        notify(session.camp, session, [participant], "camp_registered")
    return participant


def _check_sex_place(session: CampSession, participant: Participant) -> None:
    """A split session: the row locked (as the engine will, the same order), the girls or
    boys confirmed counted; SessionFull when the child's side is full."""
    if session.split is None:
        return
    row = engine.lock_rows([session])[session.pk]
    if not Participant.objects.filter(pk=participant.pk, status=P.OFFERED).exists():
        return  # a repeated TAK or an expired offer: the engine answers
    sex = Application.objects.filter(participant=participant).values_list(
        "sex", flat=True).first() or ""
    taken = places_by_sex(row, [P.REGISTERED, P.CHECKED_IN], exclude=participant)
    if split_refusal(row, Counter({sex: 1}), taken):
        raise engine.SessionFull(_("No free places left."), free=0)


def _back_to_waiting(actor, participant: Participant) -> Participant:
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if participant.status == P.OFFERED:
        participant.status = P.WAITING
        participant.offer_expires_at = None
        participant.save(update_fields=["status", "offer_expires_at"])
        audit.record(actor, "update", participant, {"status": [P.OFFERED, P.WAITING]},
                     root=participant.household)
    return participant


@transaction.atomic
def on_offer_reply(participant: Participant, outcome: str) -> None:
    if outcome == "confirm":
        try:
            accept(None, participant)
        except engine.ParticipantError:
            return  # expired meanwhile: the place has passed on
    elif outcome == "decline" and participant.status == P.OFFERED:
        participant = engine.cancel(None, participant, P.DECLINED)
        session = session_of(participant)
        offer_places(None, session.camp, session)


@transaction.atomic
def expire_offers(actor, camp: Camp, now: dt.datetime | None = None) -> int:
    """Silence passes the place on; an expired child is never offered it again (the
    engine offers only to those still waiting)."""
    expired = engine.expire_offers(actor, camp.distribution, now)
    if expired:
        offer_places(actor, camp)
    return len(expired)


@transaction.atomic
def set_documents(actor, application: Application, **flags: bool) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    changed = {}
    for name in Application.DOCUMENTS:
        if name in flags and bool(flags[name]) != getattr(application, name):
            changed[name] = [getattr(application, name), bool(flags[name])]
            setattr(application, name, bool(flags[name]))
    if changed:
        application.save(update_fields=list(changed))
        audit.record(actor, "update", application, changed, root=application.household)
    return application


def _missing_words(application: Application) -> str:
    fields = {f.name: f.verbose_name for f in Application._meta.fields}
    return ", ".join(str(fields[name]) for name in application.missing())


def documents_due(camp: Camp):
    """Qualified children missing a document whose parent was not reminded yet."""
    rows = Application.objects.filter(camp=camp, status=A.PLACED, reminded_at__isnull=True,
                                      participant__isnull=False).select_related(
        "participant__contact", "child")
    return [a for a in rows if a.missing()]


@transaction.atomic
def remind_documents(actor, camp: Camp, *, dry_run: bool = False) -> list[str]:
    """ONE SMS per child missing something (reminded_at set: never twice)."""
    texts = []
    sessions = {s.pk: s for s in camp.sessions.all()}
    for application in documents_due(camp):
        participant = application.participant
        items = _texts(camp, sessions[participant.group], [participant], "camp_documents",
                       {"missing": _missing_words(application)})
        texts += [i["body"] for i in items]
        if dry_run:
            continue
        for item in items:
            sms.enqueue(**item, version=1)
        application.reminded_at = timezone.now()
        application.save(update_fields=["reminded_at"])
        audit.record(actor, "update", application, {"reminded_at": [None, "sms"]},
                     root=application.household)
    return texts


def _on_bus_list(rows, session_id: int, code: str) -> Participant | None:
    """The child of this session named by a typed or scanned code (its digits); a code of
    another session is nobody here."""
    digits = "".join(ch for ch in (code or "") if ch.isdigit())
    return rows.filter(distribution__camp__sessions=session_id, group=session_id,
                       code=digits).first() if digits else None


def check_in(actor, session: CampSession | int, *, code: str, nonce: str,
             device_time: dt.datetime | None = None) -> engine.CheckInOutcome:
    """At the meeting point: the child boards (the QR of the bus list or the SMS code).
    A code of another session answers unknown_code: the coordinator sees the right bus."""
    session_id = getattr(session, "pk", session)
    with transaction.atomic(savepoint=False):
        participant = _on_bus_list(Participant.objects, session_id, code)
        if participant is None:
            return engine.CheckInOutcome("unknown_code")
        return engine.check_in(actor, participant, nonce=nonce, device_time=device_time)


@dataclass
class ReturnOutcome:
    """The return leg's answer: ok, already_checked_in, unknown_code, not_departed."""

    code: str
    participant: Participant | None = None
    retry: bool = False

    @property
    def ok(self) -> bool:
        return self.code == "ok"

    @property
    def message(self) -> str:
        return {"ok": _("On the bus home."),
                "already_checked_in": _("Already on the bus home."),
                "unknown_code": _("Unknown code."),
                "not_departed": _("Did not leave with this session's bus.")}[self.code]


def check_in_return(actor, session: CampSession | int, *, code: str, nonce: str,
                    device_time: dt.datetime | None = None) -> ReturnOutcome:
    """The return leg, apart from the departure: a child who left on this session's bus
    boards the bus home. Once per child; a retry (the same nonce) answers ok again."""
    session_id = getattr(session, "pk", session)
    nonce = (nonce or secrets.token_hex(16))[:64]
    with transaction.atomic():
        participant = _on_bus_list(Participant.objects.select_for_update(), session_id, code)
        if participant is None:
            return ReturnOutcome("unknown_code")
        if participant.status != P.CHECKED_IN:
            return ReturnOutcome("not_departed", participant)
        done = ReturnBoarding.objects.filter(participant=participant).first()
        if done is not None:
            return ReturnOutcome("ok" if done.nonce == nonce else "already_checked_in",
                                 participant, retry=done.nonce == nonce)
        ReturnBoarding.objects.create(
            participant=participant, session_id=session_id, nonce=nonce,
            device_time=device_time, actor=actor if getattr(
                actor, "is_authenticated", False) else None)
        audit.record(actor, "update", participant, {"return": [None, "on board"]},
                     root=participant.household)
    return ReturnOutcome("ok", participant)


@transaction.atomic
def notify_bus(actor, session: CampSession, which: str, *, eta: str = "",
               dry_run: bool = False) -> list[str]:
    """Departure: the parents of the children on board. Return ("Autobus wraca, przyjazd
    ok. 17:30"): the parents of the children on the bus home once the return leg has been
    checked in, else of every child who left on the departure bus — never of a child who
    did not go."""
    camp = session.camp
    rows = Participant.objects.filter(distribution_id=camp.distribution_id,
                                      group=session.pk, status=P.CHECKED_IN)
    if which == "return" and ReturnBoarding.objects.filter(session=session).exists():
        rows = rows.filter(return_boarding__isnull=False)
    rows = list(rows.select_related("contact"))
    extra = {"eta": eta, "return_at": timezone.localtime(session.return_at).strftime(
        "%d.%m %H:%M") if session.return_at else ""}
    items = _texts(camp, session, rows, f"camp_{which}", extra)
    if dry_run:
        return [i["body"] for i in items]
    for item in items:
        sms.enqueue(**item, version=1)
    field = "departure_sent_at" if which == "departure" else "return_sent_at"
    setattr(session, field, timezone.now())
    session.save(update_fields=[field])
    audit.record(actor, "update", session, {field: [None, len(items)]}, root=camp)
    return [i["body"] for i in items]


@transaction.atomic
def save_health(actor, card: HealthCard, form) -> HealthCard:
    """Health data: the audit says which fields changed, never their values; a new signed
    scan ticks 'card signed' on the checklist."""
    card = form.save(commit=False)
    if "signed_scan" in form.changed_data and card.signed_scan:
        card.signed_at = timezone.now()
        Application.objects.filter(pk=card.application_id).update(card_signed=True)
    card.save()
    audit.record(actor, "update", card, {name: ["***", "***"] for name in form.changed_data},
                 root=card.application.household)
    return card
