"""Stock fixtures: a warehouse with two shelves, a few catalogue items."""

import pytest

from backend.accounts.models import Site
from backend.inventory import services
from backend.inventory.models import Category, Item, Location


@pytest.fixture
def warehouse_site(db):
    return Site.objects.create(name="Magazyn Zgierska", kind=Site.Kind.WAREHOUSE,
                               street="ul. Zgierska 221", postal_code="91-495", city="Łódź")


@pytest.fixture
def tree(warehouse_site):
    hall = services.create_location(None, warehouse_site, "Hala", Location.Kind.WAREHOUSE)
    zone = services.create_location(None, warehouse_site, "Strefa A", Location.Kind.ZONE, hall)
    return {"hall": hall, "zone": zone,
            "a1": services.create_location(None, warehouse_site, "A-1", "shelf", zone),
            "b3": services.create_location(None, warehouse_site, "B-3", "shelf", zone)}


@pytest.fixture
def items(db):
    food = Category.objects.create(name="Żywność")
    furniture = Category.objects.create(name="Sprzęt AGD")
    return {
        "rice": Item.objects.create(name="Ryż", category=food, unit="kg", perishable=True,
                                    min_stock=50),
        "pasta": Item.objects.create(name="Makaron", category=food, unit="kg", perishable=True),
        "fridge": Item.objects.create(name="Lodówka", category=furniture, individual=True),
    }


@pytest.fixture
def lot(tree, items):
    return services.create_lot(None, items["rice"], tree["a1"], 5, source="test")
