"""A closed distribution is read-only in the engine itself: every write path (services,
person-level participants, the hand-over page and the API) is refused with code `closed`,
with no closed-check left in a view."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from backend.accounts import roles
from backend.distribution import participants
from backend.distribution import services as engine
from backend.distribution.models import Enrolment, HandOver, PickupSlot
from backend.drives import services
from backend.inventory import services as stock

pytestmark = pytest.mark.django_db


@pytest.fixture
def allocated(drive, store, site, households, coordinator):
    services.enrol_households(coordinator, drive, households(1))
    stock.create_lot(None, store["rice"], store["shelf"], 50)
    services.commit(coordinator, drive)
    PickupSlot.objects.create(distribution=drive.distribution, site=site,
                              date=timezone.localdate(), start=dt.time(10), end=dt.time(12),
                              capacity=5)
    engine.assign_slots(coordinator, drive.distribution)
    for _ in range(3):  # planned -> collecting -> distributing -> closed
        drive = services.advance(coordinator, drive)
    return Enrolment.objects.get(distribution=drive.distribution)


def test_closing_the_drive_closes_its_distribution(allocated):
    allocated.distribution.refresh_from_db()
    assert allocated.distribution.is_closed


def test_engine_refuses_every_write(allocated, coordinator, site, households):
    distribution, stale = allocated.distribution, allocated  # loaded before nothing changed
    slot = PickupSlot(site=site, date=dt.date(2026, 12, 1), start=dt.time(10),
                      end=dt.time(11), capacity=1)
    calls = [
        lambda: engine.enrol(coordinator, distribution, households(1)[0]),
        lambda: engine.add_slot(coordinator, distribution, slot),
        lambda: engine.assign_slots(coordinator, distribution),
        lambda: engine.release_no_shows(coordinator, distribution),
        lambda: engine.set_delivery(coordinator, stale, True),
        lambda: engine.withdraw(coordinator, stale),
        lambda: engine.correct_allocation(coordinator, stale.allocations.get(), Decimal("1"),
                                          "x"),
        lambda: engine.hand_over(coordinator, stale, nonce="n1"),
        lambda: participants.register(coordinator, distribution, slot_row(distribution, site),
                                      [{"first_name": "Ala"}]),
    ]
    for call in calls:
        with pytest.raises(engine.DistributionClosed) as err:
            call()
        assert err.value.code == "closed"
    assert not HandOver.objects.exists()


def slot_row(distribution, site):
    """Any saved row with a capacity serves as the participants' capacity row."""
    return PickupSlot.objects.create(distribution=distribution, site=site,
                                     date=dt.date(2026, 12, 2), start=dt.time(10),
                                     end=dt.time(11), capacity=3)


def test_api_handover_on_a_closed_drive_is_409_closed(allocated, make_user):
    api = APIClient()
    api.force_authenticate(make_user(roles.VOLUNTEER, "wolo"))
    response = api.post("/api/v1/handovers/", {"enrolment": allocated.pk, "nonce": "a1",
                                               "code": allocated.pickup_code}, format="json")
    assert response.status_code == 409 and response.json()["code"] == "closed"
    assert not HandOver.objects.exists()


def test_handover_page_on_a_closed_drive_says_closed(allocated, client, make_user):
    client.force_login(make_user(roles.VOLUNTEER, "wolo"))
    drive = allocated.distribution.drive
    response = client.post(reverse("drives:handover_confirm", args=[drive.pk, allocated.pk]),
                           {"code": allocated.pickup_code, "nonce": "p1"})
    assert response.status_code == 200 and b'data-code="closed"' in response.content
    assert not HandOver.objects.exists()


def test_coordinator_page_action_on_a_closed_drive_shows_the_refusal(allocated, client,
                                                                     coordinator):
    client.force_login(coordinator)
    drive = allocated.distribution.drive
    response = client.post(reverse("drives:action", args=[drive.pk, "slot"]),
                           {"site": allocated.household.site_id, "date": "2026-12-03",
                            "start": "10:00", "end": "11:00", "capacity": 3}, follow=True)
    assert "closed" in response.content.decode() or "zamknięta" in response.content.decode()
    assert not drive.distribution.slots.filter(date=dt.date(2026, 12, 3)).exists()
