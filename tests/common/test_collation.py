"""Polish alphabetical order on SQLite and PostgreSQL alike: Ś after S, Ż after Z, Ł after L
(not after every ASCII name, as code-point order puts them)."""

import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse

from backend.common.collation import polish, sort_key
from backend.people.models import Household, Person
from tests.drives.conftest import drive, store  # noqa: F401 - shared fixtures

pytestmark = pytest.mark.django_db

NAMES = ["Żak", "zając", "Ślusarczyk", "Sowa", "Łuczak", "Lis", "Adamska", "Ćwik", "Czarnecka",
         "Źrebiec", "Ostrowska", "Ożóg", "Óbrycki", "ąbel"]
POLISH = ["Adamska", "ąbel", "Czarnecka", "Ćwik", "Lis", "Łuczak", "Ostrowska", "Ożóg", "Óbrycki",
          "Sowa", "Ślusarczyk", "zając", "Źrebiec", "Żak"]


def test_the_python_key_is_the_polish_alphabet():
    assert sorted(NAMES, key=sort_key) == POLISH
    assert sorted(NAMES) != POLISH  # code points put Ś, Ż, Ł after every ASCII letter


@pytest.fixture
def people(make_household):
    return [make_household(name, phone=f"+4860122{i:04d}") for i, name in enumerate(NAMES)]


def _surnames(rows):
    return [str(row).split(" ")[0].split(",")[0] for row in rows]


def test_households_and_persons_sort_in_polish_on_this_database(people):
    ordered = [h.members.get().last_name for h in Household.objects.all()]
    assert ordered == POLISH, connection.vendor
    persons = list(Person.objects.values_list("last_name", flat=True))
    assert persons == POLISH
    desc = Person.objects.order_by(polish("last_name", descending=True))
    assert list(desc.values_list("last_name", flat=True)) == POLISH[::-1]


def test_the_household_list_sorts_in_polish(client, coordinator, people):
    client.force_login(coordinator)
    page = client.get(reverse("people:household_list"), {"ordering": "name"}).content.decode()
    positions = [page.find(name) for name in ("Sowa", "Ślusarczyk", "zając", "Żak")]
    assert all(p > 0 for p in positions) and positions == sorted(positions)


def test_the_distribution_list_sorts_in_polish(request, coordinator, people):
    the_drive, goods = request.getfixturevalue("drive"), request.getfixturevalue("store")
    from backend.distribution import services as engine
    from backend.distribution.models import PickupSlot
    from backend.drives import selectors, services
    from backend.inventory import services as stock

    services.enrol_households(coordinator, the_drive, people)
    stock.create_lot(None, goods["rice"], goods["shelf"], 100)
    services.commit(coordinator, the_drive)
    PickupSlot.objects.create(distribution=the_drive.distribution, site=goods["site"],
                              date=dt.date(2026, 12, 1), start=dt.time(10), end=dt.time(12),
                              capacity=50)
    engine.assign_slots(coordinator, the_drive.distribution)
    rows = selectors.distribution_rows(the_drive)
    assert [r.enrolment.contact.last_name for r in rows] == POLISH
    enrolments = selectors.enrolments(the_drive)
    assert [e.contact.last_name for e in enrolments] == POLISH


def test_the_wigilia_lists_sort_first_names_in_polish(site, coordinator, make_household):
    """Lists printed for an event (drivers, take-away, door list) follow the same order."""
    from backend.events import documents, services
    from backend.events.models import Event, Session

    event = services.create_event(coordinator, name="Wigilia", kind=Event.Kind.WIGILIA,
                                  date=dt.date(2026, 12, 23), site=site, for_children=False,
                                  for_seniors_alone=True)
    services.advance(coordinator, event)
    session = services.add_session(coordinator, event, Session(
        name="Stoły", start=dt.time(16), end=dt.time(18), capacity=32))
    firsts = ["Żaneta", "Zofia", "Łucja", "Lucyna", "Świętosława", "Sabina", "Ewa", "Ćma"]
    for i, first in enumerate(firsts):
        home = make_household("Samotna", first, phone=f"+4860177{i:04d}")
        person = home.members.get()
        row = services.register_people(coordinator, event, session, [person],
                                       household=home, contact=person)[0]
        row.details = {"transport": True}
        row.save(update_fields=["details"])
    lists = documents.wigilia_lists(event)
    assert [p.first_name for p in lists["transport"]] == sorted(firsts, key=sort_key) == [
        "Ćma", "Ewa", "Lucyna", "Łucja", "Sabina", "Świętosława", "Zofia", "Żaneta"]


def test_items_categories_and_sites_sort_in_polish(client, coordinator, site):
    """Not only people: the stock list, its categories, the sites (Ś after S, Ż after Z)."""
    from backend.accounts.models import Site
    from backend.inventory.models import Category, Item
    from backend.inventory.selectors import low_stock

    food = Category.objects.create(name="Żywność")
    Category.objects.create(name="Zabawki")
    Category.objects.create(name="Środki czystości")
    Category.objects.create(name="Sprzęt")
    names = ["Żurek", "Zupa", "Śmietana", "Sól", "Łosoś", "Lody", "Ćwikła", "Cukier"]
    for name in names:
        Item.objects.create(name=name, category=food, unit="kg", min_stock=5)
    polish_order = ["Cukier", "Ćwikła", "Lody", "Łosoś", "Sól", "Śmietana", "Zupa", "Żurek"]
    assert list(Item.objects.values_list("name", flat=True)) == polish_order
    assert [i.name for i in low_stock()] == polish_order
    assert list(Category.objects.values_list("name", flat=True)) == [
        "Sprzęt", "Środki czystości", "Zabawki", "Żywność"]
    Site.objects.create(name="Świnice", city="Łódź")
    Site.objects.create(name="Zgierz", city="Zgierz")
    names = list(Site.objects.values_list("name", flat=True))
    assert names.index("Świnice") < names.index("Zgierz")
    client.force_login(coordinator)
    page = client.get(reverse("inventory:item_list")).content.decode()
    positions = [page.find(f">{name}<") for name in polish_order]
    assert all(p > 0 for p in positions) and positions == sorted(positions)


def test_postgresql_has_the_icu_collation():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_collation WHERE collname = 'pl-x-icu'")
        assert cursor.fetchone() is not None
