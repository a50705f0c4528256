"""Every volunteers page and endpoint × every role: volunteers see their shifts, never other
volunteers' data; the intervention log is the coordinator's alone."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests.matrix import STAFF, A, C, V, W, api, assert_api_matrix, assert_ui_matrix, ui

CREW = {A, C, W, V}

UI = [
    ui("home", lambda o: reverse("volunteers:home"), CREW, ok=302),
    ui("scan_page", lambda o: reverse("volunteers:scan_page"), CREW),
    ui("checkin", lambda o: reverse("volunteers:checkin", args=[o["token"]]), CREW),
    ui("shift_list", lambda o: reverse("volunteers:shift_list"), STAFF),
    ui("shift_create", lambda o: reverse("volunteers:shift_create"), STAFF),
    ui("shift_detail", lambda o: reverse("volunteers:shift_detail", args=[o["shift"]]), STAFF),
    ui("shift_qr", lambda o: reverse("volunteers:shift_qr", args=[o["shift"]]), STAFF),
    ui("ask_help", lambda o: reverse("volunteers:ask_help", args=[o["shift"]]), STAFF),
    ui("volunteer_list", lambda o: reverse("volunteers:volunteer_list"), STAFF),
    ui("volunteer_create", lambda o: reverse("volunteers:volunteer_create"), STAFF),
    ui("profile_detail", lambda o: reverse("volunteers:profile_detail", args=[o["p"]]), STAFF),
    ui("profile_edit", lambda o: reverse("volunteers:profile_edit", args=[o["p"]]), STAFF),
    ui("certificate", lambda o: reverse("volunteers:document", args=[o["p"], "certificate"]),
       STAFF),
    ui("export", lambda o: reverse("volunteers:export", args=[o["p"]]), STAFF),
    ui("hours", lambda o: reverse("volunteers:hours"), STAFF),
    ui("interventions", lambda o: reverse("volunteers:interventions"), STAFF),
]
API = [
    api("volunteers", lambda o: "/api/v1/volunteers/", STAFF),
    api("volunteer", lambda o: f"/api/v1/volunteers/{o['p']}/", STAFF),
    api("shifts", lambda o: "/api/v1/volunteer-shifts/", CREW),
    api("signups", lambda o: "/api/v1/volunteer-signups/", CREW),
]


@pytest.fixture
def objects(make_volunteer, make_shift):
    profile = make_volunteer()
    shift = make_shift()
    return {"p": profile.pk, "shift": shift.pk, "token": shift.token}


@pytest.mark.django_db
def test_ui_and_api_matrix(users, objects):
    """Every role and anonymous (pages redirect to the log-in, the API refuses)."""
    assert_ui_matrix(users, UI, objects)
    assert_api_matrix(users, API, objects)


@pytest.mark.django_db
def test_my_shifts_by_role(client, users):
    """Not a matrix row: staff without a volunteer profile are sent on (302), crew see it."""
    expected = {A: 302, C: 302, W: 200, V: 200}
    for role, user in users.items():
        client.force_login(user)
        got = client.get(reverse("volunteers:my_shifts")).status_code
        assert got == expected.get(role, 403), (role, got)


@pytest.mark.django_db
def test_public_pages_need_no_login(client):
    assert client.get(reverse("volunteers:apply")).status_code == 200
    assert client.get(reverse("volunteers:shift_list")).status_code == 302


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
