"""A small year of data at two field offices: a food drive with hand-overs, stock in and
out, a donation, an SMS, a volunteer shift. Rows are created through the services where
they have one, then dated into 2025 (auto_now_add would stamp today)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from backend.accounts.models import Site
from backend.distribution.models import Allocation, Distribution, Enrolment, HandOver
from backend.donations.models import Donation, DonationLine
from backend.drives.models import Drive
from backend.inventory import services as stock
from backend.inventory.models import Category, Item, Location, Movement
from backend.notifications.models import OutboxMessage
from backend.people.models import HouseholdFlag, Person


def at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


@pytest.fixture
def year_data(make_household, site, other_site, pesel, coordinator):
    homeless = HouseholdFlag.objects.get_or_create(code="homeless",
                                                   defaults={"name": "bezdomność"})[0]
    # Bałuty: a man of 75 (PESEL), a woman of 40 (PESEL), a child of 10 (no PESEL).
    a = make_household("Żółkiewski", pesel=pesel(dt.date(1950, 3, 1), 1235), members=[
        {"first_name": "Ewa", "last_name": "Żółkiewska", "relation": "spouse",
         "birth_date": dt.date(1985, 5, 5), "pesel": pesel(dt.date(1985, 5, 5), 1244)},
        {"first_name": "Ola", "last_name": "Żółkiewska", "relation": "child",
         "birth_date": dt.date(2015, 1, 1)}])
    a.flags.add(homeless)
    b = make_household("Nowak", site_obj=other_site, phone="+48601000002")
    make_household("Nikt", phone="+48601000003")  # registered, never reached
    distribution = Distribution.objects.create(name="Żywność 2025")
    drive = Drive.objects.create(distribution=distribution, name="Żywność 2025", kind="food")
    cat = Category.objects.create(name="Żywność")
    rice = Item.objects.create(name="Ryż", category=cat, unit="kg")
    shelf = stock.create_location(None, site, "Magazyn Bałuty", Location.Kind.WAREHOUSE)
    lot = stock.create_lot(coordinator, rice, shelf, Decimal("100"))
    enrolments = []
    for household in (a, b):
        e = Enrolment.objects.create(distribution=distribution, household=household,
                                     persons=household.member_count, status="handed_over")
        enrolments.append(e)
        HandOver.objects.create(enrolment=e, nonce=f"n{household.pk}")
    alloc = Allocation.objects.create(enrolment=enrolments[0], item=rice, quantity=30,
                                      handed_over=30, status="handed_over")
    stock.issue(coordinator, lot, shelf, Decimal("30"), ref=alloc)
    stock.write_off(coordinator, lot, shelf, Decimal("5"), reason="zepsute")
    Movement.objects.filter(kind="receive").update(at=at(dt.date(2025, 2, 1)))
    Movement.objects.filter(kind="issue").update(at=at(dt.date(2025, 3, 10)))
    Movement.objects.filter(kind="write_off").update(at=at(dt.date(2025, 4, 1)))
    HandOver.objects.update(at=at(dt.date(2025, 3, 10)))
    donation = Donation.objects.create(date=dt.date(2025, 2, 1), site=site)
    DonationLine.objects.create(donation=donation, item=rice, quantity=100, location=shelf)
    head = Person.objects.get(household=a, relation="head")
    for n, (person, ct_model) in enumerate([(head, "enrolment"),
                                            (Person.objects.get(household=b), "enrolment")]):
        OutboxMessage.objects.create(
            dedupe_key=f"k{n}", purpose="pickup", phone=person.phone, person=person,
            content_type=ContentType.objects.get_by_natural_key("distribution", ct_model),
            object_id="1", body="x", encoding="UCS2", segments=2, status="delivered",
            next_attempt_at=at(dt.date(2025, 3, 9)), sent_at=at(dt.date(2025, 3, 9)))
    return {"a": a, "b": b, "drive": drive, "rice": rice}


@pytest.fixture
def bound_coordinator(make_user, site):
    """A coordinator of the Bałuty field office only."""
    return make_user("coordinator", "koordynatorka-baluty", sites=[site])


@pytest.fixture
def head_office_user(make_user):
    head = Site.objects.create(name="Centrala", kind=Site.Kind.HEAD_OFFICE,
                               street="ul. Piotrkowska 1", postal_code="90-001", city="Łódź")
    return make_user("coordinator", "koordynator-centrala", sites=[head])
