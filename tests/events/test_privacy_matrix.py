"""Events pages and API x every role; volunteers at the door see first name + code only."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from backend.distribution.services import contact_for
from backend.events import services
from tests.matrix import ALL, A, C, P, R, S, V, W, api, assert_api_matrix, assert_ui_matrix, ui

STAFF_ROLES = ALL - {P}  # a partner organisation's log-in sees no events

UI = [
    ui("list", lambda o: reverse("events:list"), STAFF_ROLES),
    ui("detail", lambda o: reverse("events:detail", args=[o["e"]]), STAFF_ROLES),
    ui("create", lambda o: reverse("events:create"), {A, C}),
    ui("edit", lambda o: reverse("events:edit", args=[o["e"]]), {A, C}),
    ui("registrations", lambda o: reverse("events:registrations", args=[o["e"]]), {A, C, S}),
    ui("register", lambda o: reverse("events:register", args=[o["e"]]), {A, C, S}),
    ui("invite", lambda o: reverse("events:invite", args=[o["e"]]), {A, C}),
    ui("door_list", lambda o: reverse("events:list_pdf", args=[o["e"]]), {A, C, S}),
    ui("report", lambda o: reverse("events:report", args=[o["e"]]), STAFF_ROLES),
    ui("wishes", lambda o: reverse("events:wishes", args=[o["e"]]), {A, C}),
    ui("gift_intake", lambda o: reverse("events:gift_intake", args=[o["e"]]), {A, C, W}),
    ui("checkin", lambda o: reverse("events:checkin", args=[o["e"]]), {A, C, W, V}),
]
API = [
    api("events", lambda o: "/api/v1/events/", STAFF_ROLES),
    api("sessions", lambda o: "/api/v1/event-sessions/", {A, C}),
    api("registrations", lambda o: "/api/v1/event-registrations/", {A, C, S}),
    api("wishes", lambda o: "/api/v1/event-wishes/", {A, C}),
    api("pledges", lambda o: "/api/v1/event-pledges/", {A, C}),
    api("checkins", lambda o: "/api/v1/event-checkins/", {A, C}),
]


@pytest.fixture
def objects(event, session, families, coordinator):
    home = families(1)[0]
    child = services.register_people(
        coordinator, event, session, [m for m in home.members.all() if m.relation == "child"],
        household=home, contact=contact_for(home))[0]
    return {"e": event.pk, "child": child}


@pytest.mark.django_db
def test_ui_and_api_matrix(users, objects):
    """Every role and anonymous (pages redirect to the log-in, the API refuses)."""
    assert_ui_matrix(users, UI, objects)
    assert_api_matrix(users, API, objects)


@pytest.mark.django_db
def test_volunteer_sees_first_name_and_code_only(client, users, objects):
    child = objects["child"]
    client.force_login(users[V])
    card = client.post(reverse("events:checkin_scan", args=[objects["e"]]),
                       {"code": child.code, "nonce": "n1"}).content.decode()
    assert "Dziecko0" in card and child.code in card
    for secret in ("Kowalska", "Zgierska", child.person.pesel, "+48601"):
        assert secret not in card
    api = APIClient()
    api.force_authenticate(users[V])
    answer = api.post("/api/v1/event-checkins/", {"event": objects["e"], "code": child.code,
                                                  "nonce": "n2"}, format="json").json()
    assert answer["code"] == "already_checked_in"
    assert set(answer) == {"code", "message", "first_name", "participant_code", "lines"}
    api.force_authenticate(users[R])
    refused = api.post("/api/v1/event-checkins/", {"event": objects["e"], "code": child.code},
                       format="json")
    assert refused.status_code == 403


@pytest.mark.django_db
def test_public_pledge_page_needs_no_login_and_names_nobody(client, objects):
    page = client.get(reverse("events:public_pledge", args=[objects["e"]]))
    html = page.content.decode()
    assert page.status_code == 200 and "dziewczynka, 7 lat" in html
    assert "Dziecko0" not in html and "Kowalska" not in html
