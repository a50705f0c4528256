"""The event's bulk buttons (next stage, offer places, pass on offers, thank pledgers) show
what they will do — the SMS count, an example and the cost — and act only when confirmed."""

import datetime as dt

import pytest
from django.urls import reverse

from backend.events import services
from backend.events.models import Event, Session
from backend.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db


def test_offer_places_shows_the_sms_then_sends_only_when_confirmed(event, coordinator,
                                                                   families, client):
    session = services.add_session(coordinator, event, Session(
        name="Mała sala", start=dt.time(10), end=dt.time(11), capacity=1))
    first, second = families(2)
    for home in (first, second):
        services.register_people(coordinator, event, session,
                                 list(home.members.filter(relation="child")), household=home,
                                 contact=home.members.get(relation="head"))
    assert event.distribution.participants.filter(status="waiting").count() == 1
    Session.objects.filter(pk=session.pk).update(capacity=2)  # a bigger room: one free place
    before = OutboxMessage.objects.count()

    client.force_login(coordinator)
    url = reverse("events:action", args=[event.pk, "offer"])
    assert client.post(url).status_code == 302 and OutboxMessage.objects.count() == before
    page = client.get(url).content.decode()
    assert OutboxMessage.objects.count() == before  # the preview wrote nothing
    assert "zwolnilo sie miejsce" in page and 'name="confirmed"' in page
    client.post(url, {"confirmed": "1"})
    assert OutboxMessage.objects.filter(purpose="event_offer").count() == 1


def test_next_stage_says_what_changes_and_waits(event, coordinator, client):
    client.force_login(coordinator)
    url = reverse("events:action", args=[event.pk, "advance"])
    page = client.get(url).content.decode()
    assert "Etap:" in page
    client.post(url)
    event.refresh_from_db()
    assert event.status == Event.Status.REGISTRATION  # unchanged without confirmation
    client.post(url, {"confirmed": "1"})
    event.refresh_from_db()
    assert event.status == Event.Status.CLOSED
