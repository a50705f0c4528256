"""A driver sees only their own tasks and addresses (UI and API); permissions by role."""

import datetime as dt

import pytest
from django.urls import reverse

from backend.exchange import services

pytestmark = pytest.mark.django_db
DAY = dt.date(2030, 1, 2)


@pytest.fixture
def tasks(available_offer, make_request, coordinator, driver, other_driver, warehouse,
          offer_data):
    match = services.confirm_match(coordinator, available_offer,
                                   make_request(phone="+48602000001"))
    services.answer(match, "confirm")
    mine = services.plan_transport(coordinator, match, "direct", driver, DAY, warehouse)
    other_offer = services.create_offer(coordinator, {
        **offer_data, "title": "Lodówka", "pickup_address": "ul. Tajna 13, Łódź"})
    services.verify(coordinator, other_offer)
    other_match = services.confirm_match(coordinator, other_offer, make_request(
        phone="+48602000002", last_name="Sekretna", street="ul. Ukryta", building="7"))
    services.answer(other_match, "confirm")
    theirs = services.plan_transport(coordinator, other_match, "direct", other_driver, DAY,
                                     warehouse)
    return {"mine": mine, "theirs": theirs}


def test_run_sheet_shows_only_my_tasks_and_addresses(client, driver, tasks):
    client.force_login(driver)
    page = client.get(reverse("exchange:run_sheet") + f"?date={DAY}").content.decode()
    assert "ul. Piotrkowska 1" in page and "ul. Zgierska" in page
    assert "ul. Tajna 13" not in page and "Sekretna" not in page and "Ukryta" not in page


def test_driver_cannot_scan_someone_elses_task(client, driver, tasks):
    client.force_login(driver)
    response = client.post(reverse("exchange:task_scan", args=[tasks["theirs"].pk]),
                           {"code": "X"})
    assert response.status_code == 404


def test_api_gives_a_driver_only_their_tasks(client, driver, tasks):
    client.force_login(driver)
    data = client.get("/api/v1/exchange/transport/").json()
    assert [row["id"] for row in data["results"]] == [tasks["mine"].pk]
    assert client.get(f"/api/v1/exchange/transport/{tasks['theirs'].pk}/").status_code == 404
    assert "Tajna" not in str(data)
    row = data["results"][0]
    assert row["recipient"] == {"first_name": "Anna", "phone": "+48602000001"}
    assert "Kowalska" not in str(data) and "ul. Zgierska" in row["delivery_address"]


def test_coordinator_sees_every_task(client, coordinator, tasks):
    client.force_login(coordinator)
    data = client.get("/api/v1/exchange/transport/").json()
    assert len(data["results"]) == 2
    assert client.get(reverse("exchange:task_list")).status_code == 200


@pytest.mark.parametrize("role,offers,requests,gallery", [
    ("coordinator", 200, 200, 200), ("social_worker", 200, 200, 403),
    ("warehouse_volunteer", 403, 403, 403), ("volunteer", 403, 403, 403),
    ("viewer", 403, 403, 403),
])
def test_pages_by_role(client_for, role, offers, requests, gallery, available_offer):
    client = client_for(role)
    assert client.get(reverse("exchange:offer_list")).status_code == offers
    assert client.get(available_offer.get_absolute_url()).status_code == offers
    assert client.get(reverse("exchange:request_list")).status_code == requests
    assert client.get(reverse("exchange:gallery")).status_code == gallery
    assert client.get("/api/v1/exchange/offers/").status_code == offers
    assert client.get("/api/v1/exchange/requests/").status_code == requests


def test_donor_contact_hidden_from_social_worker(client_for, available_offer):
    client = client_for("social_worker")
    page = client.get(available_offer.get_absolute_url()).content.decode()
    assert "+48603000003" not in page and "Piotrkowska" not in page
    data = client.get(f"/api/v1/exchange/offers/{available_offer.pk}/").json()
    assert "donor_phone" not in data and "pickup_address" not in data


def test_anonymous_is_sent_to_log_in(client, available_offer):
    response = client.get(available_offer.get_absolute_url())
    assert response.status_code == 302 and "/accounts/login" in response["Location"]
    assert client.get("/api/v1/exchange/transport/").status_code in (401, 403)


def test_api_match_and_filters(client, coordinator, available_offer, make_request):
    request = make_request(phone="+48602000001")
    client.force_login(coordinator)
    response = client.post("/api/v1/exchange/matches/", {"offer": available_offer.pk,
                                                         "request": request.pk})
    assert response.status_code == 201
    again = client.post("/api/v1/exchange/matches/", {"offer": available_offer.pk,
                                                      "request": request.pk})
    assert again.status_code == 409 and again.json()["code"] == "not_available"
    assert client.get("/api/v1/exchange/offers/?status=reserved").json()["count"] == 1
    assert client.get("/api/v1/exchange/offers/?status=available").json()["count"] == 0
    assert client.get("/api/v1/exchange/matches/?status=proposed").json()["count"] == 1
    assert client.get("/api/v1/exchange/requests/?status=matched").json()["count"] == 1


def test_openapi_schema_lists_the_exchange(client_for):
    schema = client_for("coordinator").get("/api/schema/").content
    for path in (b"/api/v1/exchange/offers/", b"/api/v1/exchange/requests/",
                 b"/api/v1/exchange/matches/", b"/api/v1/exchange/transport/"):
        assert path in schema


def test_api_creates_offers_and_requests_through_services(client_for, furniture,
                                                          make_household):
    from backend.exchange.models import EquipmentRequest, Offer

    client = client_for("coordinator")
    response = client.post("/api/v1/exchange/offers/", {
        "category": furniture["category"].pk, "title": "Stół", "condition": "good",
        "donor_name": "Jan", "donor_phone": "603 000 003", "pickup_address": "ul. A 1"})
    assert response.status_code == 201, response.content
    offer = Offer.objects.get()
    assert offer.donor_phone == "+48603000003" and offer.status == "new"
    bad = client.post("/api/v1/exchange/offers/", {
        "category": furniture["category"].pk, "title": "Stół", "condition": "good",
        "donor_name": "Jan", "donor_phone": "12", "pickup_address": "ul. A 1"})
    assert bad.status_code == 400 and "donor_phone" in bad.json()
    household = make_household()
    worker = client_for("social_worker")
    response = worker.post("/api/v1/exchange/requests/", {
        "household": household.pk, "category": furniture["category"].pk, "needs": "Stół",
        "urgency": 3, "justification": "Brak stołu"})
    assert response.status_code == 201, response.content
    assert EquipmentRequest.objects.get().status == "waiting"
    assert worker.post("/api/v1/exchange/offers/", {}).status_code == 403


def test_offer_csv_export_has_no_donor_data(client_for, available_offer):
    response = client_for("social_worker").get("/exchange/offers/?export=csv")
    text = response.content.decode("utf-8-sig")
    assert response.status_code == 200 and "Szafa dwudrzwiowa" in text
    assert "603000003" not in text and "Piotrkowska" not in text
