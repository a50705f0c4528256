"""Fuel delivered home: a run for a driver, the SMS the day before, the code at the door
through the engine's hand_over(delivered=True), a reason for every failed drop."""

import datetime as dt
import threading

import pytest
from django.db import connection
from django.urls import reverse

from backend.accounts.models import AuditEntry, Site
from backend.distribution import services as engine
from backend.distribution.models import Enrolment, HandOver
from backend.drives import delivery, services
from backend.drives.models import DeliveryStop, Target
from backend.inventory import services as stock
from backend.inventory.models import Balance
from backend.notifications import encoding
from backend.notifications.models import OutboxMessage
from backend.people.models import Person
from tests.drives.conftest import distributing

TOMORROW = dt.date(2026, 12, 2)


@pytest.fixture(autouse=True)
def _sms(settings):
    settings.SMS_QUIET_HOURS = ""
    settings.SMS_SENDER_NAME = "MOPS Zgorzelec"


@pytest.fixture
def fuel(store, site, households, coordinator):
    drive = services.create_drive(coordinator, name="Opał 2026", kind="fuel", sites=[site])
    services.save_target(coordinator, drive, Target(item=store["coal"], quantity=10,
                                                    policy=Target.Policy.FIXED, amount=1.5))
    stock.create_lot(None, store["coal"], store["shelf"], 10)
    homes = households(3)
    services.enrol_households(coordinator, drive, homes)
    for enrolment in Enrolment.objects.filter(distribution=drive.distribution):
        engine.set_delivery(coordinator, enrolment, True)
    services.advance(coordinator, drive)
    services.commit(coordinator, drive)
    return distributing(drive, coordinator)  # deliveries happen at the hand-over stage


@pytest.fixture
def driver(make_user):
    from backend.accounts import roles

    return make_user(roles.VOLUNTEER, "kierowca")


def _run(fuel, coordinator, driver):
    return delivery.plan_run(coordinator, fuel, driver, TOMORROW, delivery.deliverable(fuel))


@pytest.mark.django_db
def test_plan_run_gives_codes_and_the_day_before_sms(fuel, coordinator, driver):
    run = _run(fuel, coordinator, driver)
    assert run.stops.count() == 3
    assert all(s.enrolment.pickup_code for s in run.stops.select_related("enrolment"))
    assert not delivery.deliverable(fuel).exists()  # none planned twice
    assert delivery.send_delivery_notices(TOMORROW - dt.timedelta(days=1)) == 3
    assert delivery.send_delivery_notices(TOMORROW - dt.timedelta(days=1)) == 3  # built again
    notices = OutboxMessage.objects.filter(purpose="delivery_notice")
    assert notices.count() == 3  # ... but the outbox keeps one per household
    notice = notices.first()
    assert "Jan, jutro 02.12 dowieziemy: Wegiel 1 t. Kod dla kierowcy: " in notice.body
    assert notice.encoding == encoding.GSM7 and notice.segments == 1
    assert AuditEntry.objects.filter(content_type__model="deliveryrun").exists()


@pytest.mark.django_db
def test_no_consent_no_delivery_sms(fuel, coordinator, driver):
    Person.objects.update(sms_consent=False)
    _run(fuel, coordinator, driver)
    assert delivery.send_delivery_notices(TOMORROW - dt.timedelta(days=1)) == 0


@pytest.mark.django_db
def test_driver_delivers_by_code_once_and_records_failures(client, fuel, coordinator, driver,
                                                           make_user):
    run = _run(fuel, coordinator, driver)
    first, second, third = run.stops.select_related("enrolment").order_by("position")
    client.force_login(driver)
    sheet = client.get(reverse("drives:my_deliveries"), {"date": TOMORROW.isoformat()})
    assert sheet.status_code == 200 and sheet.content.decode().count('class="stop"') == 3
    url = reverse("drives:stop_action", args=[first.pk, "deliver"])
    wrong = second.enrolment.pickup_code
    client.post(url, {"code": wrong, "nonce": "a"})
    first.refresh_from_db()
    assert first.status == "planned" and not HandOver.objects.exists()
    client.post(url, {"code": first.enrolment.pickup_code, "nonce": "a"})
    client.post(url, {"code": first.enrolment.pickup_code, "nonce": "a"})  # a retry
    client.post(url, {"code": first.enrolment.pickup_code, "nonce": "b"})  # a double tap
    first.refresh_from_db()
    assert first.status == "delivered"
    handover = HandOver.objects.get()
    assert handover.delivered and handover.enrolment_id == first.enrolment_id
    assert Balance.objects.get().quantity == 10 - 1
    client.post(reverse("drives:stop_action", args=[second.pk, "fail"]),
                {"reason": "not_home", "note": "sąsiad: wraca w piątek"})
    client.post(reverse("drives:stop_action", args=[third.pk, "fail"]), {"reason": "?"})
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == "failed" and second.reason == "not_home"
    assert third.status == "planned"
    other = make_user("volunteer", "inny")
    client.force_login(other)
    assert client.post(reverse("drives:stop_action", args=[third.pk, "fail"]),
                       {"reason": "refused"}).status_code == 404  # not their run
    client.force_login(coordinator)
    page = client.get(reverse("drives:deliveries", args=[fuel.pk])).content.decode()
    assert 'data-reason="not_home"' in page and "wraca w piątek" in page


@pytest.mark.django_db
def test_failed_stop_can_be_planned_again(fuel, coordinator, driver):
    run = _run(fuel, coordinator, driver)
    stop = run.stops.first()
    delivery.fail(driver, stop, DeliveryStop.Reason.WRONG_ADDRESS)
    assert list(delivery.deliverable(fuel)) == [stop.enrolment]
    again = delivery.plan_run(coordinator, fuel, driver, TOMORROW + dt.timedelta(days=1),
                              delivery.deliverable(fuel))
    assert again.stops.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_phones_at_one_door_deliver_once(store, site, households, coordinator, driver):
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is proven on PostgreSQL")
    drive = services.create_drive(coordinator, name="Opał", kind="fuel", sites=[site])
    services.save_target(coordinator, drive, Target(item=store["coal"], quantity=10,
                                                    policy=Target.Policy.FIXED, amount=1.5))
    stock.create_lot(None, store["coal"], store["shelf"], 10)
    services.enrol_households(coordinator, drive, households(1))
    enrolment = Enrolment.objects.get()
    engine.set_delivery(coordinator, enrolment, True)
    services.advance(coordinator, drive)
    services.commit(coordinator, drive)
    drive = distributing(drive, coordinator)
    stop = delivery.plan_run(coordinator, drive, driver, TOMORROW,
                             delivery.deliverable(drive)).stops.get()
    code = Enrolment.objects.get().pickup_code
    barrier = threading.Barrier(4)
    outcomes = []

    def tap(i):
        from django.db import connection as conn

        try:
            barrier.wait()
            outcomes.append(delivery.deliver(driver, stop, code, nonce=f"n{i}").code)
        finally:
            conn.close()

    threads = [threading.Thread(target=tap, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes).count("ok") == 1 and HandOver.objects.count() == 1
    assert Balance.objects.get().quantity == 10 - 1


@pytest.mark.django_db
def test_delivery_notice_gives_the_households_office_phone(fuel, coordinator, driver, site,
                                                           settings):
    settings.CENTRE_PHONE = "+48757751234"
    Site.objects.filter(pk=site.pk).update(phone="+48426384400")
    _run(fuel, coordinator, driver)
    assert delivery.send_delivery_notices(TOMORROW - dt.timedelta(days=1)) == 3
    for notice in OutboxMessage.objects.filter(purpose="delivery_notice"):
        assert notice.body.endswith("Pytania: 42 638 44 00") and notice.segments == 1
