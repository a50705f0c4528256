"""Wigilia take-away packages go through the drive engine's home delivery: one linked
delivery drive, each take-away household enrolled once with delivery=True, then the
driver's run, the notice the day before and the delivery at the door, ledger exact."""

import datetime as dt
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from backend.distribution.models import Enrolment, HandOver
from backend.drives import delivery
from backend.drives import services as drives
from backend.events import services, takeaway
from backend.events.models import Event, Session
from backend.inventory import services as stock
from backend.inventory.models import Item
from backend.inventory.selectors import stock_check
from backend.notifications.models import OutboxMessage
from tests.drives.conftest import distributing

pytestmark = pytest.mark.django_db


@pytest.fixture
def wigilia(site, coordinator):
    event = services.create_event(coordinator, name="Wigilia 2026", kind=Event.Kind.WIGILIA,
                                  date=timezone.localdate() + dt.timedelta(days=2), site=site,
                                  for_children=False, for_seniors_alone=True)
    services.advance(coordinator, event)
    session = services.add_session(coordinator, event, Session(
        name="Stoły", start=dt.time(16), end=dt.time(18), capacity=30))
    return event, session


def _register(coordinator, event, session, household, takeaway_wanted: bool):
    person = household.members.get()
    row = services.register_people(coordinator, event, session, [person], household=household,
                                   contact=person)[0]
    services.set_details(coordinator, row, {"takeaway": takeaway_wanted})
    return row


def test_takeaway_households_are_delivered_by_the_drive_engine(wigilia, coordinator, store,
                                                               make_household, client):
    event, session = wigilia
    helena = make_household("Samotna", "Helena", phone="+48601777001")
    jan = make_household("Kowal", "Jan", phone="+48601777002")
    comes = make_household("Idzie", "Ewa", phone="+48601777003")
    _register(coordinator, event, session, helena, True)
    _register(coordinator, event, session, jan, True)
    _register(coordinator, event, session, comes, False)
    package = Item.objects.create(name="Paczka świąteczna", category=store["rice"].category,
                                  unit="pcs")
    stock.create_lot(None, package, store["shelf"], 5)

    client.force_login(coordinator)
    page = client.get(event.get_absolute_url()).content.decode()
    assert "2 gospodarstwa proszą o paczkę na wynos" in page
    response = client.post(reverse("events:action", args=[event.pk, "takeaway"]),
                           {"item": package.pk})
    event.refresh_from_db()
    drive = event.takeaway_drive
    assert response.status_code == 302 and response.url == drive.get_absolute_url()
    enrolled = Enrolment.objects.filter(distribution=drive.distribution)
    assert {e.household_id for e in enrolled} == {helena.pk, jan.pk}
    assert all(e.delivery for e in enrolled)
    # again: nothing twice, and a household that asks later is added
    late = make_household("Późna", "Zofia", phone="+48601777004")
    _register(coordinator, event, session, late, True)
    assert takeaway.hand_to_delivery(coordinator, event, package)[1] == 1
    assert takeaway.hand_to_delivery(coordinator, event, package)[1] == 0
    enrolled = enrolled.all()  # a fresh query, not the cached rows
    assert enrolled.count() == 3 and drive.targets.get().quantity == 3

    # the drive engine does the rest: allocate, plan a run, notice, deliver at the door
    drive = distributing(drive, coordinator)
    drives.commit(coordinator, drive)
    run = delivery.plan_run(coordinator, drive, coordinator, event.date, list(enrolled))
    assert delivery.send_delivery_notices(event.date - dt.timedelta(days=1)) == 3
    assert OutboxMessage.objects.filter(purpose="delivery_notice").count() == 3
    stop = run.stops.get(enrolment__household=helena)
    outcome = delivery.deliver(coordinator, stop, stop.enrolment.pickup_code,
                               nonce=str(uuid.uuid4()))
    assert outcome.code == "ok"
    assert HandOver.objects.filter(enrolment=stop.enrolment, delivered=True).count() == 1
    assert not stock_check()


def test_nobody_asking_is_a_clear_refusal(wigilia, coordinator, store, make_household):
    event, session = wigilia
    _register(coordinator, event, session, make_household("Idzie", "Ewa"), False)
    package = Item.objects.create(name="Paczka", category=store["rice"].category, unit="pcs")
    with pytest.raises(services.EventError) as refused:
        takeaway.hand_to_delivery(coordinator, event, package)
    assert refused.value.code == "no_takeaway"
    event.refresh_from_db()
    assert event.takeaway_drive is None
