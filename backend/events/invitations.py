"""Invitations by SMS: choose households with filters → preview (count, one rendered
SMS, segments, cost) → confirm → send through the outbox. Replies (receivers.py):
TAK registers every invited person, "TAK 3" the first three, NIE declines; a second
answer changes nothing (the invitation row is locked and answered once).
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from backend.accounts import audit
from backend.common.phones import Phone
from backend.notifications import encoding
from backend.notifications import services as sms
from backend.notifications.texts import site_phone
from backend.people.models import SENIOR_MIN_AGE, Household, Person, years_before
from backend.people.selectors import sms_contacts

from . import services
from .models import Event, Invitation, Session


def eligible_q(event: Event, prefix: str = "") -> Q:
    """Who may take part, as a filter on Person (prefix for lookups from Household)."""
    day, q = event.date, Q()
    if event.for_children:
        q |= Q(**{f"{prefix}birth_date__gt": years_before(day, event.child_max_age + 1),
                  f"{prefix}birth_date__lte": years_before(day, event.child_min_age)})
    if event.for_adults:
        q |= Q(**{f"{prefix}birth_date__lte": years_before(day, 18)})
    if event.for_seniors_alone:
        q |= Q(**{f"{prefix}birth_date__lte": years_before(day, SENIOR_MIN_AGE),
                  f"{prefix}household__member_count": 1})
    return q if q else Q(pk__in=[])


def candidates(event: Event, households=None):
    """Active households with someone eligible and a phone, not yet invited."""
    households = households if households is not None else Household.objects.all()
    eligible = Person.objects.filter(eligible_q(event), household=OuterRef("pk"))
    invited = Invitation.objects.filter(event=event, household=OuterRef("pk"))
    with_phone = Person.objects.filter(household=OuterRef("pk")).exclude(phone="")
    qs = households.filter(status=Household.Status.ACTIVE).filter(
        Exists(eligible), Exists(with_phone)).exclude(Exists(invited))
    flags = list(event.flags.all())
    if flags:
        qs = qs.filter(flags__in=flags).distinct()
    return qs


def eligible_persons(event: Event, household) -> list[Person]:
    q = eligible_q(event)
    return [p for p in household.members.filter(q).order_by("birth_date", "id")] if q else []


@dataclass
class Preview:
    count: int
    persons: int
    sample: str
    segments: int
    encoding: str
    cost: float


def _text(event: Event, session: Session, persons: list[Person], template) -> str:
    who = ", ".join(p.first_name for p in persons)
    return sms.notice_text("event_invitation", {
        "who": who, "event": event.name, "date": event.date,
        "time": f"{session.start:%H:%M}", "place": event.address}, template=template)


def preview(event: Event, session: Session, households) -> Preview:
    """What a send would do: only households someone in can be texted
    (people.selectors.sms_contacts, the one recipient rule)."""
    households = list(households.prefetch_related("members")[:5000])
    reachable = sms_contacts(households)
    households = [h for h in households if h.pk in reachable]
    body = sms.template_text("event_invitation")
    sample, persons, segments = "", 0, 0
    q = eligible_q(event)
    for household in households:
        people = list(household.members.filter(q)) if not sample else []
        if not sample and people:
            sample = _text(event, session, people, body)
    info = encoding.analyse(sample or body.body)
    persons = Person.objects.filter(q, household__in=[h.pk for h in households]).count()
    segments = info.segments * len(households)
    return Preview(len(households), persons, sample, info.segments, info.encoding,
                   round(segments * float(settings.SMS_PRICE_PER_SEGMENT), 2))


@transaction.atomic
def send(actor, event: Event, session: Session, households) -> int:
    """One invitation per household: an SMS that expects TAK/NIE. The event row is locked
    so two confirmations at once cannot invite a household twice; rows are read as
    tuples (5,000 households in one pass, docs/decisions/0031)."""
    if event.status != Event.Status.REGISTRATION:
        raise services.EventError(_("Open the registration first (next stage)."),
                                  "registration_not_open")
    Event.objects.select_for_update().filter(pk=event.pk).first()
    invited = set(Invitation.objects.filter(event=event).values_list("household_id", flat=True))
    ok = _eligible_test(event)
    members: dict[int, list[tuple]] = {}
    for row in Person.objects.filter(household__in=households).order_by(
            "household_id", "birth_date", "id").values_list(
            "household_id", "pk", "first_name", "birth_date", "household__member_count"):
        if row[0] not in invited:
            members.setdefault(row[0], []).append(row)
    templates: dict[str, object] = {}

    def text(language: str, names: list[str]) -> str:
        if language not in templates:
            templates[language] = sms.template_text("event_invitation", language)
        return sms.notice_text("event_invitation", {**context, "who": ", ".join(names)},
                               template=templates[language])

    # who gets the SMS: the one recipient rule (consent, a mobile number, no STOP, language)
    reachable = sms_contacts(list(members))
    rows, contacts = [], []
    for household_id, people in members.items():
        chosen = [p for p in people if ok(p[3], p[4])]
        contact = reachable.get(household_id)
        if not chosen or contact is None:
            continue
        rows.append(Invitation(event=event, session=session, household_id=household_id,
                               contact_id=contact.person.pk, persons=[p[1] for p in chosen]))
        contacts.append((contact, [p[2] for p in chosen]))
    # the date formatted once, not per household
    context = {"event": event.name, "date": sms.render("{d}", {"d": event.date}),
               "time": f"{session.start:%H:%M}", "place": event.address}
    Invitation.objects.bulk_create(rows, batch_size=2000)
    if rows and rows[0].pk is None:  # backends without RETURNING ids
        ids = dict(Invitation.objects.filter(event=event).values_list("household_id", "pk"))
        for invitation in rows:
            invitation.pk = ids[invitation.household_id]
    items = [{"purpose": "event_invitation", "phone": contact.phone, "obj": invitation,
              "text": text(contact.language, names), "person": contact.person,
              "checked": Phone(contact.phone, contact.person.phone_is_mobile),
              "expects_reply": True}
             for invitation, (contact, names) in zip(rows, contacts, strict=True)]
    count = sms.enqueue_many(items)
    audit.record(actor, "update", event, {"invitations": [None, count]})
    return count


def _eligible_test(event: Event):
    """eligible_q as a Python test on (birth_date, household size), for bulk sends."""
    day = event.date
    child_from = years_before(day, event.child_max_age + 1)
    child_to = years_before(day, event.child_min_age)
    adult_to, senior_to = years_before(day, 18), years_before(day, SENIOR_MIN_AGE)

    def ok(birth: dt.date | None, size: int) -> bool:
        if birth is None:
            return False
        return ((event.for_children and child_from < birth <= child_to)
                or (event.for_adults and birth <= adult_to)
                or (event.for_seniors_alone and birth <= senior_to and size == 1))

    return ok


@transaction.atomic
def on_reply(invitation: Invitation, outcome: str, inbound) -> None:
    invitation = Invitation.objects.select_for_update(of=("self",)).select_related(
        "event__distribution", "session", "contact").get(pk=invitation.pk)
    if invitation.status != Invitation.Status.SENT:
        return  # answered already: idempotent
    if outcome == "decline":
        invitation.status = Invitation.Status.DECLINED
        invitation.save(update_fields=["status"])
        return
    if not services.registration_open(invitation.event):
        contact = invitation.contact
        if contact is not None and contact.phone:
            sms.enqueue(purpose="event_closed", phone=contact.phone, person=contact,
                        obj=invitation, body=sms.notice_text(
                            "event_closed", {"event": invitation.event.name,
                                             **site_phone(invitation.event.site)},
                            contact.preferred_language or "pl"))
        return  # the invitation stays open: the coordinator sees it unanswered
    count = sms.reply_count(inbound) if inbound is not None else None
    persons = {p.pk: p for p in Person.objects.filter(pk__in=invitation.persons)}
    chosen = [persons[pk] for pk in invitation.persons if pk in persons][:count]
    invitation.status = Invitation.Status.ACCEPTED
    invitation.save(update_fields=["status"])
    if chosen:
        services.register_people(None, invitation.event, invitation.session, chosen,
                                 household=invitation.household, contact=invitation.contact)
    audit.record(None, "update", invitation, {"reply": [None, outcome], "count": [None, count]})

