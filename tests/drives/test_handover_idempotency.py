"""A retried hand-over never issues twice: 20 identical confirmations (one nonce) sent at
once through the API and the hand-over page give one hand-over and one issue, and every
answer is the first one (PostgreSQL, threads with their own connections)."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from backend.accounts import roles
from backend.distribution import services as engine
from backend.distribution.models import Enrolment, HandOver, PickupSlot
from backend.drives import services
from backend.inventory import services as stock
from backend.inventory.models import Movement
from backend.inventory.selectors import stock_check
from tests.drives.conftest import distributing
from tests.races import needs_postgres, race, same_client

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
N = 20


@pytest.fixture
def enrolment(drive, store, site, households, coordinator):
    services.enrol_households(coordinator, drive, households(1))
    stock.create_lot(None, store["rice"], store["shelf"], 50)
    services.commit(coordinator, drive)
    PickupSlot.objects.create(distribution=drive.distribution, site=site,
                              date=timezone.localdate(), start=dt.time(10), end=dt.time(12),
                              capacity=5)
    engine.assign_slots(coordinator, drive.distribution)
    distributing(drive, coordinator)  # the engine hands over only then, on the slot's day
    return Enrolment.objects.get(distribution=drive.distribution)


def _issues(enrolment):
    return Movement.objects.filter(kind=Movement.Kind.ISSUE).count()


def test_api_handover_retried_at_once_hands_over_once(make_user, enrolment):
    needs_postgres()
    volunteer = make_user(roles.VOLUNTEER, "wolo")
    body = {"enrolment": enrolment.pk, "code": enrolment.pickup_code, "nonce": "ho-1"}

    def post():
        api = APIClient()
        api.force_authenticate(volunteer)
        response = api.post("/api/v1/handovers/", body, format="json")
        data = response.json()
        return response.status_code, data["code"], data.get("handover")

    answers = race([post] * N)
    assert HandOver.objects.filter(enrolment=enrolment).count() == 1
    assert _issues(enrolment) == 1
    assert len(set(answers)) == 1 and answers[0][:2] == (200, "ok"), answers
    assert stock_check() == []


def test_handover_page_retried_at_once_hands_over_once(client, make_user, drive, enrolment):
    needs_postgres()
    client.force_login(make_user(roles.VOLUNTEER, "wolo"))
    url = reverse("drives:handover_confirm", args=[drive.pk, enrolment.pk])
    data = {"code": enrolment.pickup_code, "nonce": "ho-2"}

    def post():
        response = same_client(Client, client).post(url, data)
        html = response.content.decode()
        return response.status_code, 'data-code="ok"' in html

    answers = race([post] * N)
    assert HandOver.objects.filter(enrolment=enrolment).count() == 1
    assert _issues(enrolment) == 1
    assert set(answers) == {(200, True)}, answers
