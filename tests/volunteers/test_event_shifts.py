"""Shifts serve events (and camps): linked from the event's page, created from it, and a
shift for a children's event is "with children" whatever the form says, so the vetting
rule applies."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from backend.events import services as events
from backend.events.models import Event
from backend.volunteers import rules, services
from backend.volunteers.models import Programme, Shift

pytestmark = pytest.mark.django_db


@pytest.fixture
def mikolajki(coordinator, site):
    return events.create_event(coordinator, name="Mikołajki 2026", kind=Event.Kind.MIKOLAJKI,
                               date=timezone.localdate() + dt.timedelta(days=10), site=site)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_children_event_makes_the_shift_with_children_and_blocks_the_unvetted(
        mikolajki, make_volunteer, make_shift):
    shift = make_shift(kind=Programme.WAREHOUSE, title="Mikołajki: paczki",
                       with_children=False, programme=mikolajki)
    assert shift.kind == Programme.EVENT and shift.with_children
    assert shift.programme == mikolajki and shift.programme_label == "Mikołajki 2026"
    with pytest.raises(rules.VolunteerError):
        services.sign_up(make_volunteer(vetted=False), shift.roles.get())
    assert services.sign_up(make_volunteer(vetted=True), shift.roles.get()).pk


def test_event_page_lists_its_shifts_and_offers_to_add_one(mikolajki, coordinator,
                                                           make_shift):
    make_shift(title="Obsługa wejścia", programme=mikolajki)
    make_shift(title="Magazyn zwykły")  # not this event's
    client = _client(coordinator)
    page = client.get(mikolajki.get_absolute_url()).content.decode()
    assert "Obsługa wejścia" in page and "Magazyn zwykły" not in page
    add = f'{reverse("volunteers:shift_create")}?event={mikolajki.pk}'
    assert add in page
    form = client.get(add).content.decode()
    assert f'<option value="{mikolajki.pk}" selected>' in form
    day = (timezone.localdate() + dt.timedelta(days=10)).isoformat()
    response = client.post(reverse("volunteers:shift_create"), {
        "kind": "event", "event": mikolajki.pk, "title": "Rozdawanie paczek", "date": day,
        "start_time": "15:00", "end_time": "19:00", "weeks": 1,
        "form-TOTAL_FORMS": 1, "form-INITIAL_FORMS": 0, "form-0-name": "Elf",
        "form-0-minimum": 2, "form-0-maximum": 3})
    assert response.status_code == 302
    made = Shift.objects.get(title="Rozdawanie paczek")
    assert made.programme == mikolajki and made.with_children
    refused = client.post(reverse("volunteers:shift_create"), {
        "kind": "warehouse", "event": mikolajki.pk, "title": "Zły", "date": day,
        "start_time": "15:00", "end_time": "19:00", "weeks": 1,
        "form-TOTAL_FORMS": 1, "form-INITIAL_FORMS": 0, "form-0-name": "Elf"})
    assert refused.status_code == 400 and not Shift.objects.filter(title="Zły").exists()


def test_api_creates_an_event_shift(mikolajki, coordinator):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(coordinator)
    response = api.post("/api/v1/volunteer-shifts/", {
        "kind": "warehouse", "event": mikolajki.pk, "title": "API", "with_children": False,
        "date": (timezone.localdate() + dt.timedelta(days=10)).isoformat(),
        "start_time": "09:00", "end_time": "12:00",
        "role_specs": [{"name": "Elf", "minimum": 1, "maximum": 2}]}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["with_children"] is True
    assert response.json()["programme_label"] == "Mikołajki 2026"
