"""One household and one donor with a row in EVERY registered kind of record.

A new model that holds personal data (backend/<app>/privacy.py) needs a row here too:
add it to `world` below; tests/privacy/test_registry.py says which one is missing."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from backend.accounts import audit, roles
from backend.accounts.models import AuditEntry
from backend.distribution.models import (
    Allocation,
    Distribution,
    Enrolment,
    HandOver,
    HandOverConflict,
)
from backend.donations.models import Donation
from backend.exchange.models import EquipmentRequest, Match, Offer, TransportTask
from backend.inventory.models import Category, Item
from backend.notifications.models import InboundMessage, OptOut, OutboxMessage
from backend.people import services
from backend.people.models import ImportBatch, ImportRow
from backend.volunteers.models import VolunteerProfile

PHONE = "+48601234567"


@pytest.fixture
def world(db, make_household, make_user, site, pesel):
    coordinator = make_user(roles.COORDINATOR, "koordynator-rodo")
    household = make_household(
        "Żółkiewski", "Stanisław", actor=coordinator, pesel=pesel(dt.date(1950, 3, 2)),
        phone=PHONE, notes="Po udarze, mieszka z córką", referral_number="SK/12/2026",
        monthly_income=Decimal("1234.50"),
        members=[{"first_name": "Zofia", "last_name": "Żółkiewska", "relation": "spouse",
                  "birth_date": dt.date(1952, 7, 9), "pesel": pesel(dt.date(1952, 7, 9), 2345),
                  "phone": "+48602345678", "sms_consent": True, "sms_consent_source": "paper",
                  "is_disabled": True, "preferred_language": "pl"}])
    head = household.members.get(relation="head")
    services.update_person(coordinator, head, {"first_name": "Stanisław Jan"})  # an audit diff

    category = Category.objects.create(name="Żywność RODO")
    rice = Item.objects.create(name="Ryż RODO", category=category, unit="kg")
    distribution = Distribution.objects.create(name="Paczki RODO")
    enrolment = Enrolment.objects.create(distribution=distribution, household=household,
                                         contact=head, pickup_code="K7Q2")
    Allocation.objects.create(enrolment=enrolment, item=rice, quantity=Decimal("2"),
                              handed_over=Decimal("2"), status="handed_over")
    first = HandOver.objects.create(enrolment=enrolment, actor=coordinator, nonce="rodo-1",
                                    lines=[{"item": rice.pk, "quantity": "2"}])
    HandOverConflict.objects.create(enrolment=enrolment, first=first, nonce="rodo-2",
                                    reason="already_handed_over", actor=coordinator)

    now = timezone.now()
    sent = OutboxMessage.objects.create(
        dedupe_key=f"pickup_notice|{PHONE}|x|v1", purpose="pickup_notice", phone=PHONE,
        person=head, body="Wspólnie: Stanisław, do odbioru ryż. Kod K7Q2.", encoding="UCS2",
        segments=1, next_attempt_at=now, status="sent", error_text="To +48601234567 failed")
    OutboxMessage.objects.create(
        dedupe_key=f"help|{PHONE}|-|v1", purpose="help", phone=PHONE, body="Pomoc: 42 000",
        encoding="GSM7", segments=1, next_attempt_at=now, status="delivered",
        error_text="late")
    InboundMessage.objects.create(phone=PHONE, body="TAK, przyjdzie córka Zofia",
                                  normalised="tak przyjdzie corka zofia", outcome="confirm",
                                  person=head, outbox_message=sent)
    OptOut.objects.create(phone=PHONE)

    offer = Offer.objects.create(
        category=category, title="Szafa", donor_name="Stanisław Żółkiewski", donor_phone=PHONE,
        donor_email="stan@example.org", pickup_address="ul. Zgierska 12/4, Łódź",
        availability="po 16:00, dzwonić do córki", status="handed_over")
    request = EquipmentRequest.objects.create(
        household=household, category=category, needs="Łóżko rehabilitacyjne",
        justification="Po udarze, leży", created_by=coordinator)
    match = Match.objects.create(offer=offer, request=request, reply_by=now, status="completed")
    TransportTask.objects.create(match=match, kind="direct", driver=coordinator,
                                 date=dt.date(2026, 12, 1), notes="3 piętro, dzwonić 2 razy")
    batch = ImportBatch.objects.create(created_by=coordinator, site=site, file_name="a.csv",
                                       content="imie;nazwisko\nStanisław;Żółkiewski\n",
                                       status="done")
    ImportRow.objects.create(batch=batch, line=2, raw=["Stanisław", "Żółkiewski"],
                             values={"first_name": "Stanisław"}, errors=["duplikat Zofia"],
                             ok=True, household=household)

    donor = services.create_donor(coordinator, {
        "kind": "person", "name": "Jan Darczyńca", "nip": "5261040828",
        "contact_person": "Anna Darczyńca", "email": "jan@example.org",
        "phone": "+48603000003", "address": "ul. Piotrkowska 1, Łódź",
        "contact_consent": True, "notes": "Dzwonić wieczorem"})
    Donation.objects.create(donor=donor, date=dt.date(2026, 11, 20), site=site,
                            notes="Od Jana, na święta", created_by=coordinator)
    VolunteerProfile.objects.create(  # the donor helps as a volunteer too
        first_name="Jan", last_name="Darczyńca", phone="+48603000003", email="jan@example.org",
        birth_date=dt.date(1980, 5, 6), guardian_name="Ewa Darczyńca",
        guardian_phone="+48603000004", availability="soboty", notes="kierowca kat. C")
    assert AuditEntry.objects.filter(changes__has_key="first_name").exists()
    audit.record(coordinator, AuditEntry.Action.UPDATE, request,
                 {"justification": ["", "Po udarze, leży"]}, root=household)
    from backend.distribution.models import Participant
    from backend.events.models import Event, Invitation, Pledge

    event = Event.objects.create(distribution=Distribution.objects.create(name="Wigilia RODO"),
                                 name="Wigilia RODO", date=dt.date(2026, 12, 23), site=site)
    Participant.objects.create(distribution=event.distribution, group=1, person=head,
                               household=household, contact=head, first_name="Stanisław",
                               birth_date=dt.date(1950, 3, 2), code="123456",
                               details={"diet": ["diabetic"], "transport": True})
    Invitation.objects.create(event=event, session=event.sessions.create(
        name="Stół 1", start=dt.time(16), end=dt.time(18), capacity=8), household=household,
        contact=head, persons=[head.pk])
    Pledge.objects.create(event=event, donor=donor, name="Jan Darczyńca",
                          email="jan@example.org", phone="+48603000003")
    from backend.camps.models import Application, Camp, HealthCard

    camp = Camp.objects.create(distribution=Distribution.objects.create(name="Kolonie RODO"),
                               name="Kolonie RODO", year=2027, site=site)
    zofia = household.members.get(first_name="Zofia")
    application = Application.objects.create(
        camp=camp, child=zofia, household=household, contact=head, parent_name="Stanisław Ż.",
        parent_phone=PHONE, child_first_name="Zofia", child_birth_date=dt.date(2015, 7, 9))
    HealthCard.objects.create(application=application, health_notes="Astma",
                              diet="bezglutenowa", medicines="Ventolin",
                              vaccinations="wg kalendarza", staff_notes="tęskni w nocy",
                              signed_scan="camps/cards/rodo.pdf")
    from backend.camps.models import CampSession, Sponsorship

    turnus = CampSession.objects.create(camp=camp, name="Turnus RODO", place="Łeba",
                                        start=dt.date(2027, 7, 1), end=dt.date(2027, 7, 10),
                                        capacity=5)
    Sponsorship.objects.create(session=turnus, donor=donor, amount=Decimal("500"), places=1)
    from backend.foodaid import criteria
    from backend.foodaid import services as foodaid
    from backend.foodaid.models import Criterion, Referral, SubProgramme

    criteria.seed(Criterion)  # a transactional test's flush removes the migration's rows

    sub = SubProgramme.objects.create(name="Podprogram RODO", starts_on=dt.date(2025, 7, 1),
                                      ends_on=dt.date(2026, 12, 31), threshold_percent=265,
                                      share_deadline=dt.date(2026, 12, 31))
    referral = foodaid.create_referral(coordinator, Referral(
        number="FEPZ/7/2026", issuing_centre="MOPS Łódź", subprogramme=sub,
        household=household, person=head, issued_on=dt.date(2026, 3, 1),
        valid_until=dt.date(2026, 12, 31), reasons=["illness"], females=0, males=1,
        seniors=1, income_per_person=Decimal("2900.00")), override_reason="Koszty leczenia")
    article = sub.articles.create(item=Item.objects.create(name="Kasza RODO", category=category, unit="kg"),
                                  per_person=Decimal("2"))
    foodaid.add_entry(coordinator, referral, article, Decimal("1"), reason="korekta")
    return {"household": household, "donor": donor, "actor": coordinator}
