"""Every exchange view and API endpoint x every role (privacy by role)."""

import pytest
from django.urls import reverse

from backend.accounts import roles
from backend.exchange import services

A, C, S, W, V, R = (roles.ADMINISTRATOR, roles.COORDINATOR, roles.SOCIAL_WORKER,
                    roles.WAREHOUSE_VOLUNTEER, roles.VOLUNTEER, roles.VIEWER)
ALL = {A, C, S, W, V, R}
STAFF = {A, C, S}
MANAGERS = {A, C}
DRIVERS = {A, C, S, W, V}  # each sees only their own tasks (test_privacy.py)

UI = [
    ("offer_list", lambda o: reverse("exchange:offer_list"), STAFF),
    ("offer_detail", lambda o: reverse("exchange:offer_detail", args=[o["offer"]]), STAFF),
    ("offer_create", lambda o: reverse("exchange:offer_create"), MANAGERS),
    ("offer_edit", lambda o: reverse("exchange:offer_edit", args=[o["offer"]]), MANAGERS),
    ("gallery", lambda o: reverse("exchange:gallery"), MANAGERS),
    ("protocol", lambda o: reverse("exchange:protocol", args=[o["match"]]), MANAGERS),
    ("request_list", lambda o: reverse("exchange:request_list"), STAFF),
    ("request_create", lambda o: reverse("exchange:request_create"), STAFF),
    ("request_detail", lambda o: reverse("exchange:request_detail", args=[o["request"]]), STAFF),
    ("task_list", lambda o: reverse("exchange:task_list"), MANAGERS),
    ("run_sheet", lambda o: reverse("exchange:run_sheet"), DRIVERS),
]
API = [
    ("offers", lambda o: "/api/v1/exchange/offers/", STAFF),
    ("offer", lambda o: f"/api/v1/exchange/offers/{o['offer']}/", STAFF),
    ("requests", lambda o: "/api/v1/exchange/requests/", STAFF),
    ("request", lambda o: f"/api/v1/exchange/requests/{o['request']}/", STAFF),
    ("matches", lambda o: "/api/v1/exchange/matches/", STAFF),
    ("transport", lambda o: "/api/v1/exchange/transport/", DRIVERS),
]


@pytest.fixture
def objects(available_offer, make_request, coordinator):
    request = make_request()
    match = services.confirm_match(coordinator, available_offer, request)
    return {"offer": available_offer.pk, "request": request.pk, "match": match.pk}


@pytest.mark.django_db
@pytest.mark.parametrize("role", sorted(ALL))
@pytest.mark.parametrize("name,url,allowed", UI, ids=[u[0] for u in UI])
def test_ui_matrix(client, users, objects, role, name, url, allowed):
    client.force_login(users[role])
    assert client.get(url(objects)).status_code == (200 if role in allowed else 403), (name, role)


@pytest.mark.django_db
@pytest.mark.parametrize("role", sorted(ALL))
@pytest.mark.parametrize("name,url,allowed", API, ids=[u[0] for u in API])
def test_api_matrix(client, users, objects, role, name, url, allowed):
    client.force_login(users[role])
    assert client.get(url(objects)).status_code == (200 if role in allowed else 403), (name, role)


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
