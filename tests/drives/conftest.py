"""Drive fixtures: a warehouse, rice and coal, a drive with a rice target."""

import datetime as dt

import pytest

from backend.accounts.models import Site
from backend.drives import services
from backend.drives.models import Target
from backend.inventory import services as stock
from backend.inventory.models import Category, Item, Location


@pytest.fixture
def store(db):
    site = Site.objects.create(name="Magazyn Zgierska", kind=Site.Kind.WAREHOUSE,
                               street="ul. Zgierska 221", postal_code="91-495", city="Łódź")
    shelf = stock.create_location(None, site, "Hala", Location.Kind.WAREHOUSE)
    food = Category.objects.create(name="Żywność")
    fuel = Category.objects.create(name="Opał")
    return {"site": site, "shelf": shelf,
            "rice": Item.objects.create(name="Ryż", category=food, unit="kg"),
            "coal": Item.objects.create(name="Węgiel", category=fuel, unit="t")}


@pytest.fixture
def drive(store, site, coordinator):
    drive = services.create_drive(coordinator, name="Zbiórka żywności 2026", kind="food",
                                  sites=[site], distribution_start=dt.date(2026, 12, 1))
    services.save_target(coordinator, drive, Target(item=store["rice"], quantity=100,
                                                    policy=Target.Policy.PER_PERSON, amount=2,
                                                    minimum=1))
    return drive


@pytest.fixture
def households(make_household):
    def make(n, members=0):
        return [make_household(f"Nowak{i}", "Jan", phone=f"+4860100{i:04d}",
                               members=[{"first_name": "Ola", "last_name": f"Nowak{i}",
                                         "relation": "child", "birth_date": dt.date(2015, 1, 1)}]
                               * members)
                for i in range(n)]

    return make


def distributing(drive, actor):
    """Move a drive to the hand-over stage (the engine refuses hand-overs before it)."""
    while drive.status != drive.Status.DISTRIBUTING:
        drive = services.advance(actor, drive)
    return drive
