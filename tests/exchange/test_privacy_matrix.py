"""Every exchange view and API endpoint x every role (privacy by role)."""

import pytest
from django.urls import reverse

from backend.exchange import services
from tests.matrix import ALL, P, R, S, api, assert_api_matrix, assert_ui_matrix, ui
from tests.matrix import STAFF as MANAGERS

STAFF = MANAGERS | {S}
DRIVERS = ALL - {R, P}  # each sees only their own tasks (test_privacy.py)

UI = [
    ui("offer_list", lambda o: reverse("exchange:offer_list"), STAFF),
    ui("offer_detail", lambda o: reverse("exchange:offer_detail", args=[o["offer"]]), STAFF),
    ui("offer_create", lambda o: reverse("exchange:offer_create"), MANAGERS),
    ui("offer_edit", lambda o: reverse("exchange:offer_edit", args=[o["offer"]]), MANAGERS),
    ui("gallery", lambda o: reverse("exchange:gallery"), MANAGERS),
    ui("protocol", lambda o: reverse("exchange:protocol", args=[o["match"]]), MANAGERS),
    ui("request_list", lambda o: reverse("exchange:request_list"), STAFF),
    ui("request_create", lambda o: reverse("exchange:request_create"), STAFF),
    ui("request_detail", lambda o: reverse("exchange:request_detail", args=[o["request"]]),
       STAFF),
    ui("task_list", lambda o: reverse("exchange:task_list"), MANAGERS),
    ui("run_sheet", lambda o: reverse("exchange:run_sheet"), DRIVERS),
]
API = [
    api("offers", lambda o: "/api/v1/exchange/offers/", STAFF),
    api("offer", lambda o: f"/api/v1/exchange/offers/{o['offer']}/", STAFF),
    api("requests", lambda o: "/api/v1/exchange/requests/", STAFF),
    api("request", lambda o: f"/api/v1/exchange/requests/{o['request']}/", STAFF),
    api("matches", lambda o: "/api/v1/exchange/matches/", STAFF),
    api("transport", lambda o: "/api/v1/exchange/transport/", DRIVERS),
]


@pytest.fixture
def objects(available_offer, make_request, coordinator):
    request = make_request()
    match = services.confirm_match(coordinator, available_offer, request)
    return {"offer": available_offer.pk, "request": request.pk, "match": match.pk}


@pytest.mark.django_db
def test_ui_and_api_matrix(users, objects):
    """Every role and anonymous (pages redirect to the log-in, the API refuses)."""
    assert_ui_matrix(users, UI, objects)
    assert_api_matrix(users, API, objects)


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["public_offer", "demand"])
def test_public_pages_need_no_log_in(client, furniture, name):
    assert client.get(reverse(f"exchange:{name}")).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("role", sorted(ALL))
def test_exchange_home_redirects_by_role(client, users, role):
    client.force_login(users[role])
    response = client.get(reverse("exchange:home"))
    assert response.status_code == (302 if role in DRIVERS | STAFF else 403)
