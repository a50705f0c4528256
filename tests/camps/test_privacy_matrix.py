"""Health data (the karta kwalifikacyjna's parents' part) never reaches a volunteer: not
on their pages, not in the API, not in the bus list PDF; the role matrix of camp pages."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from backend.accounts import roles
from backend.camps import qualification
from backend.camps.models import HealthCard

from .conftest import apply

pytestmark = pytest.mark.django_db
A, C, S, W, V, R = (roles.ADMINISTRATOR, roles.COORDINATOR, roles.SOCIAL_WORKER,
                    roles.WAREHOUSE_VOLUNTEER, roles.VOLUNTEER, roles.VIEWER)
ALL = {A, C, S, W, V, R}
SECRET = "Uczulenie na orzeszki ziemne"


@pytest.fixture
def world(camp, session, coordinator, children):
    kid = children(1)[0]
    application = apply(coordinator, camp, kid, [session], reason_difficult=True)
    HealthCard.objects.filter(application=application).update(
        health_notes=SECRET, medicines="Epipen", diet="bez orzechów")
    qualification.qualify(coordinator, camp, seed="p")
    return {"camp": camp.pk, "session": session.pk, "app": application.pk}


UI = [
    ("list", lambda o: reverse("camps:list"), {A, C, S, W, V, R}),
    ("detail", lambda o: reverse("camps:detail", args=[o["camp"]]), ALL),
    ("applications", lambda o: reverse("camps:applications", args=[o["camp"]]), {A, C, S}),
    ("application", lambda o: reverse("camps:application", args=[o["camp"], o["app"]]),
     {A, C, S}),
    ("apply", lambda o: reverse("camps:apply", args=[o["camp"]]), {A, C, S}),
    ("session", lambda o: reverse("camps:session", args=[o["camp"], o["session"]]), {A, C}),
    ("bus", lambda o: reverse("camps:bus", args=[o["camp"], o["session"]]), {A, C, W, V}),
    ("bus_pdf", lambda o: reverse("camps:bus_pdf", args=[o["camp"], o["session"]]),
     {A, C, W, V}),
    ("qualification", lambda o: reverse("camps:qualification", args=[o["camp"]]), {A, C}),
    ("report", lambda o: reverse("camps:report", args=[o["camp"]]), ALL),
]
API = [
    ("camps", "/api/v1/camps/camps/", ALL),
    ("applications", "/api/v1/camps/applications/", {A, C, S}),
    ("health", "/api/v1/camps/health-cards/", {A, C}),
    ("participants", "/api/v1/camps/participants/", {A, C, S}),
    ("qualifications", "/api/v1/camps/qualifications/", {A, C}),
]


@pytest.mark.parametrize("role", sorted(ALL))
def test_camp_pages_and_api_by_role_and_no_health_data_for_others(client, users, world,
                                                                   role):
    client.force_login(users[role])
    for name, url, allowed in UI:
        response = client.get(url(world))
        assert response.status_code == (200 if role in allowed else 403), (name, role)
        if response.status_code == 200 and role not in (A, C):
            body = response.content
            assert SECRET.encode() not in body and b"Epipen" not in body, (name, role)
    api = APIClient()
    api.force_authenticate(users[role])
    for name, url, allowed in API:
        response = api.get(url)
        assert response.status_code == (200 if role in allowed else 403), (name, role)
        if response.status_code == 200 and role not in (A, C):
            assert SECRET not in response.content.decode(), (name, role)


def test_health_shown_to_the_coordinator_only_on_the_card(client, users, world):
    client.force_login(users[C])
    page = client.get(reverse("camps:application", args=[world["camp"], world["app"]]))
    assert SECRET in page.content.decode()
    listing = client.get(reverse("camps:applications", args=[world["camp"]]))
    assert SECRET not in listing.content.decode()  # never in lists
    pdf = client.get(reverse("camps:bus_pdf", args=[world["camp"], world["session"]]))
    assert pdf.status_code == 200 and b"Epipen" not in pdf.content


def test_a_social_worker_bound_to_another_office_does_not_see_the_application(
        client, make_user, world, other_site):
    worker = make_user(roles.SOCIAL_WORKER, "sw-widzew", sites=[other_site])
    client.force_login(worker)
    listing = client.get(reverse("camps:applications", args=[world["camp"]]))
    assert listing.status_code == 200 and b"data-application=" not in listing.content
    assert client.get(reverse("camps:application", args=[world["camp"], world["app"]])
                      ).status_code == 404
    api = APIClient()
    api.force_authenticate(worker)
    assert api.get("/api/v1/camps/applications/").json()["count"] == 0
