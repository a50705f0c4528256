"""Reports (issue #16 items 4-6, 12): figures, site scope, exports, API."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

YEAR = {"period": "year", "year": "2025"}


def table(data, key):
    return next(t for t in data["tables"] if t["key"] == key)


def rows(data, key):
    t = table(data, key)
    return {(t["row_keys"][i] if t["row_keys"] else r[0]): r[1:]
            for i, r in enumerate(t["rows"])}


def api_get(user, url="/api/v1/reports/", **params):
    api = APIClient()
    api.force_authenticate(user)
    return api.get(url, {**YEAR, **params}, HTTP_ACCEPT_LANGUAGE="en")


@pytest.mark.django_db
def test_yearly_report_counts_households_persons_groups_items_and_sms(year_data, coordinator):
    data = api_get(coordinator).json()
    reach = {k: v[0] for k, v in rows(data, "reach").items()}
    assert reach["households"] == 2 and reach["persons"] == 4  # 3 + 1, "Nikt" not reached
    assert (reach["age_0_15"], reach["age_16_64"], reach["age_65"]) \
        == (1, 1, 2)  # Nowak's head was born in 1950 too (the shared fixture)
    assert reach["women"] == 1 and reach["men"] == 1  # from PESEL; 2 without one
    assert reach["homeless"] == 1
    items = rows(data, "distributed")
    assert items["Ryż"] == ["kg", 100, 30, 5, 65]
    sms = {k: v[0] for k, v in rows(data, "sms").items()}
    assert sms["messages"] == 2 and sms["segments"] == 4 and sms["cost"] == 0.64
    monthly = rows(data, "monthly")
    assert monthly["03.2025"][0] == 2 and monthly["02.2025"][1] == 100
    assert monthly["03.2025"][2] == 30
    assert rows(data, "donors")  # the anonymous donation of 100 kg
    assert list(rows(data, "donors").values())[0][1:] == [1, 100]


@pytest.mark.django_db
def test_other_year_and_other_programme_are_empty(year_data, coordinator):
    assert rows(api_get(coordinator, year="2024").json(), "reach")["households"] == [0]
    events = api_get(coordinator, programme="events").json()
    assert rows(events, "reach")["households"] == [0]
    assert rows(api_get(coordinator, programme="drives:fuel").json(), "reach")[
        "households"] == [0]
    assert rows(api_get(coordinator, programme="drives:food").json(), "reach")[
        "households"] == [2]


@pytest.mark.django_db
def test_field_office_coordinator_sees_only_her_office(year_data, bound_coordinator,
                                                       head_office_user, other_site):
    mine = api_get(bound_coordinator).json()
    assert rows(mine, "reach")["households"] == [1]
    assert {k: v[0] for k, v in rows(mine, "sms").items()}["messages"] == 1
    # Asking for another office's site is refused (not a choice of hers), not widened.
    assert api_get(bound_coordinator, site=other_site.pk).status_code == 400
    everything = api_get(head_office_user).json()
    assert rows(everything, "reach")["households"] == [2]
    only_b = api_get(head_office_user, site=other_site.pk).json()
    assert rows(only_b, "reach")["households"] == [1]


@pytest.mark.django_db
def test_every_table_has_its_own_endpoint(year_data, coordinator):
    for key in ("reach", "monthly", "distributed", "donors", "sms", "volunteers"):
        response = api_get(coordinator, f"/api/v1/reports/{key}/")
        assert response.status_code == 200 and [t["key"] for t in response.json()["tables"]] \
            == [key]
    assert api_get(coordinator, "/api/v1/reports/nothing/").status_code == 404


@pytest.mark.django_db
def test_queries_do_not_grow_with_the_rows(year_data, coordinator, make_household):
    api_get(coordinator)  # warm the content-type cache
    with CaptureQueriesContext(connection) as before:
        api_get(coordinator)
    for i in range(5):
        make_household(f"Dodatkowy{i}")
    from backend.distribution.models import Enrolment, HandOver
    from backend.people.models import Household

    drive = year_data["drive"]
    extra = Enrolment.objects.bulk_create([
        Enrolment(distribution=drive.distribution, household=h, persons=1)
        for h in Household.objects.filter(display_name__startswith="Dodatkowy")])
    HandOver.objects.bulk_create([HandOver(enrolment=e, household_id=e.household_id, nonce=f"x{e.pk}")
                                  for e in extra])
    HandOver.objects.update(at=year_data["a"].created_at.replace(year=2025, month=6))
    with CaptureQueriesContext(connection) as after:
        data = api_get(coordinator).json()
    assert rows(data, "reach")["households"] == [7]
    assert len(after) == len(before)


@pytest.mark.django_db
def test_page_charts_and_exports(year_data, client, coordinator):
    client.force_login(coordinator)
    page = client.get(reverse("reports:report"), YEAR)
    html = page.content.decode()
    assert page.status_code == 200 and html.count("<svg") == 3 and "<table" in html
    assert "style=" not in html.split("<main")[-1] and "<script>" not in html
    csv = client.get(reverse("reports:export", args=["distributed", "csv"]), YEAR)
    assert csv.status_code == 200 and "Ryż" in csv.content.decode("utf-8-sig")
    xlsx = client.get(reverse("reports:export", args=["all", "xlsx"]), YEAR)
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(xlsx.content))
    assert len(book.sheetnames) == 6
    pdf = client.get(reverse("reports:yearly_pdf"), YEAR)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    from pypdf import PdfReader

    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "2025" in text and "Ryż" in text


@pytest.mark.django_db
@pytest.mark.parametrize("role,allowed", [("administrator", True), ("coordinator", True),
                                          ("social_worker", True), ("viewer", True),
                                          ("volunteer", False),
                                          ("warehouse_volunteer", False)])
def test_who_sees_reports(users, client, role, allowed):
    client.force_login(users[role])
    assert client.get(reverse("reports:report"), YEAR).status_code == (200 if allowed else 403)
    assert client.get(reverse("reports:yearly_pdf"), YEAR).status_code == \
        (200 if allowed else 403)
    assert api_get(users[role]).status_code == (200 if allowed else 403)


@pytest.fixture
def programmes(year_data, make_household, site, coordinator):
    """One household per programme beside the food drive: a child checked in at Mikołajki,
    a child checked in at a summer camp (same Participant engine, owned by a Camp), and a
    fridge handed over by the equipment exchange."""
    import datetime as dt

    from backend.camps import services as camps
    from backend.distribution.models import Participant
    from backend.events import services as events
    from backend.exchange.models import EquipmentRequest, Match, Offer
    from backend.inventory.models import Category
    from backend.people.models import Person

    from .data import at

    child = {"first_name": "Zosia", "last_name": "X", "relation": "child",
             "birth_date": dt.date(2016, 6, 1)}
    festive = make_household("Kowalczyk", members=[{**child, "last_name": "Kowalczyk"}])
    campers = make_household("Lis", members=[{**child, "last_name": "Lis"}])
    fridge = make_household("Wróbel", members=[{**child, "last_name": "Wróbel"}],
                            phone="+48601000009")
    event = events.create_event(coordinator, name="Mikołajki 2025", date=dt.date(2025, 12, 6),
                                site=site)
    camp = camps.create_camp(coordinator, name="Kolonie 2025", year=2025, site=site)
    for owner, household, day in ((event, festive, dt.date(2025, 12, 6)),
                                  (camp, campers, dt.date(2025, 7, 1))):
        kid = Person.objects.get(household=household, relation="child")
        Participant.objects.create(distribution=owner.distribution, group=1, person=kid,
                                   household=household, first_name=kid.first_name,
                                   status=Participant.Status.CHECKED_IN, checked_in_at=at(day))
    equipment = Category.objects.create(name="AGD", purpose=Category.Purpose.EQUIPMENT)
    offer = Offer.objects.create(category=equipment, title="Lodówka", donor_name="Jan",
                                 donor_phone="+48601000010", pickup_address="ul. B 2",
                                 status=Offer.Status.HANDED_OVER)
    request = EquipmentRequest.objects.create(household=fridge, category=equipment,
                                              needs="lodówka", justification="zepsuta",
                                              status=EquipmentRequest.Status.FULFILLED)
    Match.objects.create(offer=offer, request=request, status=Match.Status.COMPLETED,
                         reply_by=at(dt.date(2025, 5, 1)), handed_over_at=at(dt.date(2025, 5, 5)))
    return {"event": festive, "camp": campers, "exchange": fridge}


@pytest.mark.django_db
def test_reach_by_programme_counts_the_exchange_and_tells_camps_from_events(programmes,
                                                                             coordinator):
    def reach(programme):
        data = api_get(coordinator, programme=programme).json()
        return {k: v[0] for k, v in rows(data, "reach").items()}, rows(data, "monthly")

    events, _monthly = reach("events")
    assert (events["households"], events["persons"], events["age_0_15"]) == (1, 1, 1)
    camps, monthly = reach("camps")
    assert (camps["households"], camps["persons"], camps["age_0_15"]) == (1, 1, 1)
    assert monthly["07.2025"][0] == 1 and monthly["12.2025"][0] == 0
    exchange, monthly = reach("exchange")
    # The household got the fridge: every member counts (head and child).
    assert (exchange["households"], exchange["persons"]) == (1, 2)
    assert monthly["05.2025"][0] == 1
    everything, _monthly = reach("")
    # The drive's 2 households (4 persons) + one per programme; at an event or a camp only
    # the child who came counts, the exchange's household counts whole.
    assert (everything["households"], everything["persons"]) == (5, 4 + 1 + 1 + 2)
    assert api_get(coordinator, programme="camps").status_code == 200
    assert api_get(coordinator, programme="nonsense").status_code == 400


@pytest.mark.django_db
def test_camps_is_a_programme_of_the_page(programmes, client, coordinator):
    client.force_login(coordinator)
    page = client.get(reverse("reports:report"), {**YEAR, "programme": "camps"},
                      HTTP_ACCEPT_LANGUAGE="pl")
    html = page.content.decode()
    assert page.status_code == 200 and '<option value="camps" selected>' in html
