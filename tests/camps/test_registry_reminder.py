"""The ministry's register of stays: a session without its number shows on the
coordinator's start page from a week before the deadline (21 days before an overnight
camp, 14 before a day camp) until it starts; a registered one does not."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from backend.camps.models import CampSession
from backend.common import attention

from .conftest import make_session

pytestmark = pytest.mark.django_db


def _count(user) -> int:
    lines = {line.key: line for line in attention.lines_for(user)}
    return lines["camps_registry"].count if "camps_registry" in lines else 0


def test_unregistered_sessions_near_their_deadline_remind_the_coordinator(
        camp, coordinator, users, client_for):
    today = timezone.localdate()
    soon = make_session(camp, coordinator, "Turnus I", start=today + dt.timedelta(days=27))
    make_session(camp, coordinator, "Turnus II", start=today + dt.timedelta(days=29))  # later
    day = make_session(camp, coordinator, "Półkolonie", start=today + dt.timedelta(days=20))
    CampSession.objects.filter(pk=day.pk).update(kind=CampSession.Kind.DAY)
    make_session(camp, coordinator, "Było", start=today - dt.timedelta(days=1))  # started
    assert _count(coordinator) == 2  # Turnus I (deadline in 6 days) and the day camp (in 6)

    CampSession.objects.filter(pk=soon.pk).update(registry_number="WYP/2027/1")
    assert _count(coordinator) == 1
    html = client_for("coordinator").get(reverse("home")).content.decode()
    assert "turnus jeszcze niezgłoszony do bazy wypoczynku" in html  # one: the singular
    assert reverse("camps:list") in html
    assert _count(users["volunteer"]) == 0
