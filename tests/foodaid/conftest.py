"""FEPŻ fixtures: two sub-programmes (235 % then 265 %), a ration set, a FEPŻ drive."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from backend.accounts.models import Site
from backend.distribution import services as engine
from backend.distribution.models import Enrolment, PickupSlot
from backend.drives import services as drives
from backend.drives.models import Target
from backend.foodaid import criteria
from backend.foodaid.models import Criterion, FoodAidDrive, RationArticle, Referral, SubProgramme
from backend.inventory import services as stock
from backend.inventory.models import Category, Item, Location

D = Decimal


@pytest.fixture
def programmes(db):
    criteria.seed(Criterion)  # a transactional test's flush removes the migration's rows
    old = SubProgramme.objects.create(name="Podprogram 2024", starts_on=dt.date(2024, 1, 1),
                                      ends_on=dt.date(2025, 6, 30), threshold_percent=235,
                                      share_deadline=dt.date(2025, 6, 30))
    today = timezone.localdate()
    new = SubProgramme.objects.create(name="Podprogram 2025", starts_on=dt.date(2025, 7, 1),
                                      ends_on=today + dt.timedelta(days=180),
                                      threshold_percent=265,
                                      share_deadline=today + dt.timedelta(days=180))
    return {"old": old, "new": new}


@pytest.fixture
def store(db):
    site = Site.objects.create(name="Magazyn Zgierska", kind=Site.Kind.WAREHOUSE,
                               street="ul. Zgierska 221", postal_code="91-495", city="Łódź")
    shelf = stock.create_location(None, site, "Hala", Location.Kind.WAREHOUSE)
    food = Category.objects.create(name="Żywność")
    return {"site": site, "shelf": shelf,
            "rice": Item.objects.create(name="Ryż biały", category=food, unit="kg"),
            "oil": Item.objects.create(name="Olej rzepakowy", category=food, unit="l")}


@pytest.fixture
def articles(programmes, store):
    new = programmes["new"]
    return {"rice": RationArticle.objects.create(subprogramme=new, item=store["rice"],
                                                 per_person=D("3")),
            "oil": RationArticle.objects.create(subprogramme=new, item=store["oil"],
                                                per_person=D("2"))}


def referral_of(household, subprogramme, **extra) -> Referral:
    data = {"number": "SK/1/2025", "issuing_centre": "MOPS Łódź", "issued_on":
            max(subprogramme.starts_on, timezone.localdate() - dt.timedelta(days=10)),
            "reasons": ["poverty"], "females": 1, "males": 1,
            "income_per_person": D("1500.00")}
    data.update(extra)
    data.setdefault("valid_until", data["issued_on"] + dt.timedelta(days=365))
    return Referral(subprogramme=subprogramme, household=household,
                    person=household.members.first(), **data)


@pytest.fixture
def fepz_drive(store, site, coordinator, articles, programmes):
    drive = drives.create_drive(coordinator, name="FEPŻ – wydawanie", kind="food",
                                sites=[site], distribution_start=timezone.localdate())
    FoodAidDrive.objects.create(distribution=drive.distribution, subprogramme=programmes["new"])
    for item, amount in (("rice", 4), ("oil", 2)):
        drives.save_target(coordinator, drive, Target(
            item=store[item], quantity=100, policy=Target.Policy.FIXED, amount=amount))
        stock.create_lot(None, store[item], store["shelf"], 100)
    return drive


def ready_to_hand_over(drive, coordinator, site, households):
    drives.enrol_households(coordinator, drive, households)
    drives.commit(coordinator, drive)
    PickupSlot.objects.create(distribution=drive.distribution, site=site,
                              date=timezone.localdate(), start=dt.time(8), end=dt.time(20),
                              capacity=50)
    engine.assign_slots(coordinator, drive.distribution)
    while drive.status != drive.Status.DISTRIBUTING:
        drive = drives.advance(coordinator, drive)
    return list(Enrolment.objects.filter(distribution=drive.distribution))
