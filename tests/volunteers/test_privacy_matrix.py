"""Every volunteers page and endpoint × every role: volunteers see their shifts, never other
volunteers' data; the intervention log is the coordinator's alone."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from backend.accounts import roles

A, C, S, W, V, R = (roles.ADMINISTRATOR, roles.COORDINATOR, roles.SOCIAL_WORKER,
                    roles.WAREHOUSE_VOLUNTEER, roles.VOLUNTEER, roles.VIEWER)
ALL = {A, C, S, W, V, R}
STAFF = {A, C}

UI = [
    ("home", lambda o: reverse("volunteers:home"), {A, C, W, V}, 302),
    ("my_shifts", lambda o: reverse("volunteers:my_shifts"), {A, C, W, V}, None),
    ("scan_page", lambda o: reverse("volunteers:scan_page"), {A, C, W, V}, 200),
    ("checkin", lambda o: reverse("volunteers:checkin", args=[o["token"]]), {A, C, W, V}, 200),
    ("shift_list", lambda o: reverse("volunteers:shift_list"), STAFF, 200),
    ("shift_create", lambda o: reverse("volunteers:shift_create"), STAFF, 200),
    ("shift_detail", lambda o: reverse("volunteers:shift_detail", args=[o["shift"]]), STAFF,
     200),
    ("shift_qr", lambda o: reverse("volunteers:shift_qr", args=[o["shift"]]), STAFF, 200),
    ("ask_help", lambda o: reverse("volunteers:ask_help", args=[o["shift"]]), STAFF, 200),
    ("volunteer_list", lambda o: reverse("volunteers:volunteer_list"), STAFF, 200),
    ("volunteer_create", lambda o: reverse("volunteers:volunteer_create"), STAFF, 200),
    ("profile_detail", lambda o: reverse("volunteers:profile_detail", args=[o["p"]]), STAFF,
     200),
    ("profile_edit", lambda o: reverse("volunteers:profile_edit", args=[o["p"]]), STAFF, 200),
    ("certificate", lambda o: reverse("volunteers:document", args=[o["p"], "certificate"]),
     STAFF, 200),
    ("export", lambda o: reverse("volunteers:export", args=[o["p"]]), STAFF, 200),
    ("hours", lambda o: reverse("volunteers:hours"), STAFF, 200),
    ("interventions", lambda o: reverse("volunteers:interventions"), STAFF, 200),
]
API = [
    ("volunteers", lambda o: "/api/v1/volunteers/", STAFF),
    ("volunteer", lambda o: f"/api/v1/volunteers/{o['p']}/", STAFF),
    ("shifts", lambda o: "/api/v1/volunteer-shifts/", {A, C, W, V}),
    ("signups", lambda o: "/api/v1/volunteer-signups/", {A, C, W, V}),
]


@pytest.fixture
def objects(make_volunteer, make_shift):
    profile = make_volunteer()
    shift = make_shift()
    return {"p": profile.pk, "shift": shift.pk, "token": shift.token}


@pytest.mark.django_db
@pytest.mark.parametrize("role", sorted(ALL))
@pytest.mark.parametrize("name,url,allowed,ok", UI, ids=[u[0] for u in UI])
def test_ui_matrix(client, users, objects, role, name, url, allowed, ok):
    client.force_login(users[role])
    response = client.get(url(objects))
    if role in allowed:
        assert response.status_code in ({200, 302} if ok is None else {ok}), (name, role)
    else:
        assert response.status_code == 403, (name, role)


@pytest.mark.django_db
def test_public_pages_need_no_login(client):
    assert client.get(reverse("volunteers:apply")).status_code == 200
    assert client.get(reverse("volunteers:shift_list")).status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("role", sorted(ALL))
@pytest.mark.parametrize("name,url,allowed", API, ids=[a[0] for a in API])
def test_api_matrix(users, objects, role, name, url, allowed):
    client = APIClient()
    client.force_authenticate(users[role])
    response = client.get(url(objects))
    assert response.status_code == (200 if role in allowed else 403), (name, role)


@pytest.mark.django_db
def test_shift_api_shows_no_names_to_volunteers(users, objects, make_volunteer):
    from backend.volunteers import services
    from backend.volunteers.models import Shift

    other = make_volunteer(first_name="Zuzanna")
    services.sign_up(other, Shift.objects.get(pk=objects["shift"]).roles.get())
    client = APIClient()
    client.force_authenticate(users[V])
    body = client.get("/api/v1/volunteer-shifts/").content.decode()
    assert "Zuzanna" not in body and other.phone not in body
    assert client.get("/api/v1/volunteer-signups/").json()["count"] == 0
