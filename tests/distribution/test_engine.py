"""Engine rules through the services: fair commit, warnings, hand-over, slots, no-shows."""

import datetime as dt
from decimal import Decimal

import pytest

from backend.accounts.models import AuditEntry
from backend.distribution import services as engine
from backend.distribution.models import Allocation, Enrolment, PickupSlot
from backend.drives import services
from backend.drives.models import Target
from backend.inventory import services as stock
from backend.inventory.models import Balance, Item
from backend.inventory.selectors import active_tag, stock_check
from backend.notifications.models import OutboxMessage
from tests.drives.conftest import distributing

pytestmark = pytest.mark.django_db


def _stock(store, qty, item="rice"):
    return stock.create_lot(None, store[item], store["shelf"], qty, source="test")


def _slot(drive, site, day=dt.date(2026, 12, 1), start=10, capacity=10):
    return PickupSlot.objects.create(distribution=drive.distribution, site=site, date=day,
                                     start=dt.time(start), end=dt.time(start + 2),
                                     capacity=capacity)


def test_seventy_percent_preview_equals_commit(drive, store, households, coordinator):
    homes = households(10, members=1)  # 2 persons: need 4 kg each, 40 kg in all
    services.enrol_households(coordinator, drive, homes)
    _stock(store, 28)
    plan = services.preview(drive)[0]
    assert plan.short and plan.total == 28
    previewed = {e.pk: q for e, _n, q in plan.rows}
    assert all(q >= 1 for q in previewed.values())
    services.commit(coordinator, drive)
    committed = dict(Allocation.objects.values_list("enrolment_id", "quantity"))
    assert committed == {k: Decimal(v) for k, v in previewed.items()}
    balance = Balance.objects.get(lot__item=store["rice"])
    assert balance.reserved == 28 <= balance.quantity
    assert not stock_check()
    assert services.commit(coordinator, drive) == 0  # a second press allocates nothing


def test_enrolment_warnings(drive, store, site, households, make_household, coordinator):
    other = services.create_drive(coordinator, name="Druga", kind="food", sites=[site])
    home = households(1)[0]
    services.enrol_households(coordinator, other, [home])
    landline = make_household("Stacjonarny", phone="+48426301234")
    _count, warned = services.enrol_households(coordinator, drive, [home, landline])
    assert warned[home.pk] == [services.W_OTHER]
    assert warned[landline.pk] == [services.W_NO_MOBILE]
    assert Enrolment.objects.get(household=landline, distribution=drive.distribution).warnings


def test_fuel_by_heating_type(store, site, make_household, coordinator):
    drive = services.create_drive(coordinator, name="Opał", kind="fuel", sites=[site])
    services.save_target(coordinator, drive, Target(
        item=store["coal"], quantity=10, policy=Target.Policy.HEATING,
        heating_amounts={"coal": 2, "wood": 1}))
    coal = make_household("Węglowy", heating_type="coal")
    gas = make_household("Gazowy", heating_type="gas")
    services.enrol_households(coordinator, drive, [coal, gas])
    _stock(store, 5, "coal")
    rows = {e.household_id: q for e, _n, q in services.preview(drive)[0].rows}
    assert rows == {coal.pk: 2, gas.pk: 0}


def test_per_person_cap():
    target = Target(policy=Target.Policy.PER_PERSON_CAP, amount=Decimal("2"), cap=Decimal("5"))
    assert services.need(target, 2, "") == 4 and services.need(target, 6, "") == 5


def _allocated(drive, store, households, coordinator, n=2, qty=20):
    services.enrol_households(coordinator, drive, households(n))
    _stock(store, qty)
    services.commit(coordinator, drive)
    distributing(drive, coordinator)
    return list(Enrolment.objects.filter(distribution=drive.distribution).order_by("id"))


def test_partial_then_rest_then_refused(drive, store, households, coordinator, volunteer):
    enrolment = _allocated(drive, store, households, coordinator)[0]
    allocation = enrolment.allocations.get()  # 2 kg (one person)
    first = engine.hand_over(volunteer, enrolment, nonce="a",
                             quantities={allocation.pk: Decimal("1")})
    assert first.ok and first.enrolment.status == Enrolment.Status.PARTIAL
    rest = engine.hand_over(volunteer, enrolment, nonce="b")
    assert rest.ok and rest.enrolment.status == Enrolment.Status.HANDED_OVER
    again = engine.hand_over(volunteer, enrolment, nonce="c")
    assert again.code == "already_handed_over"
    assert engine.hand_over(volunteer, enrolment, nonce="a").ok  # a retry: same answer
    allocation.refresh_from_db()
    assert allocation.handed_over == allocation.quantity == 2
    assert Balance.objects.get(lot__item=store["rice"]).quantity == 18
    assert not stock_check()


def test_package_qr_finds_the_household(drive, store, households, coordinator):
    package = Item.objects.create(name="Paczka A", category=store["rice"].category, unit="opak")
    services.save_target(coordinator, drive, Target(item=package, quantity=5))
    services.enrol_households(coordinator, drive, households(2))
    lots = [stock.create_lot(None, package, store["shelf"], 1) for _ in range(2)]
    _stock(store, 10)
    services.commit(coordinator, drive)
    second = Enrolment.objects.filter(distribution=drive.distribution).order_by("id")[1]
    assert engine.find(drive.distribution, active_tag(lots[1]).url) == second
    assert engine.find(drive.distribution, "999999") is None


def test_slots_spread_and_never_overbooked(drive, store, site, households, coordinator):
    _allocated(drive, store, households, coordinator, n=5, qty=50)
    a, b = _slot(drive, site, capacity=2), _slot(drive, site, start=12, capacity=2)
    assert engine.assign_slots(coordinator, drive.distribution) == 4
    assert engine.slot_counts([a.pk, b.pk]) == {a.pk: 2, b.pk: 2}
    waiting = Enrolment.objects.get(distribution=drive.distribution, slot__isnull=True)
    with pytest.raises(engine.SlotFull):
        engine.reschedule(coordinator, waiting, a)
    codes = list(Enrolment.objects.exclude(pickup_code="").values_list("pickup_code", flat=True))
    assert len(set(codes)) == 4 and all(len(c) == 6 and c.isdigit() for c in codes)


def test_reschedule_sends_a_new_notice(drive, store, site, households, coordinator):
    _allocated(drive, store, households, coordinator, n=1)
    a, b = _slot(drive, site), _slot(drive, site, start=12)
    engine.assign_slots(coordinator, drive.distribution)
    enrolment = Enrolment.objects.get(distribution=drive.distribution)
    engine.reschedule(coordinator, enrolment, b if enrolment.slot_id == a.pk else a)
    assert OutboxMessage.objects.filter(purpose="pickup_notice").count() == 2


def test_reminder_the_day_before(drive, store, site, households, coordinator):
    _allocated(drive, store, households, coordinator, n=2)
    _slot(drive, site, day=dt.date(2026, 12, 1))
    engine.assign_slots(coordinator, drive.distribution)
    assert engine.send_reminders(dt.date(2026, 11, 30)) == 2
    assert engine.send_reminders(dt.date(2026, 11, 30)) == 2  # built again, deduped
    assert OutboxMessage.objects.filter(purpose="pickup_reminder").count() == 2


def test_no_shows_are_released(drive, store, site, households, coordinator):
    _allocated(drive, store, households, coordinator, n=2)
    _slot(drive, site, day=dt.date(2020, 1, 1))
    engine.assign_slots(coordinator, drive.distribution)
    assert engine.no_shows(drive.distribution).count() == 2
    assert engine.remind_no_shows(drive.distribution) == 2
    assert engine.release_no_shows(coordinator, drive.distribution) == 2
    assert Balance.objects.get(lot__item=store["rice"]).reserved == 0
    enrolment = Enrolment.objects.filter(distribution=drive.distribution).first()
    assert enrolment.status == Enrolment.Status.NO_SHOW
    assert engine.hand_over(coordinator, enrolment, nonce="x").code == "released"


def test_correction_is_audited_and_moves_stock(drive, store, households, coordinator):
    enrolment = _allocated(drive, store, households, coordinator, n=1)[0]
    allocation = enrolment.allocations.get()
    services.correct(coordinator, allocation, Decimal("5"), "rodzina powiększyła się")
    assert Balance.objects.get(lot__item=store["rice"]).reserved == 5
    services.correct(coordinator, allocation, Decimal("1"), "pomyłka")
    assert Balance.objects.get(lot__item=store["rice"]).reserved == 1
    assert AuditEntry.objects.filter(object_id=str(allocation.pk), action="update",
                                     content_type__model="allocation").count() == 2
    assert not stock_check()


def test_closed_drive_is_read_only(drive, households, coordinator):
    for _ in range(3):
        services.advance(coordinator, drive)
    assert drive.is_closed is False
    drive.refresh_from_db()
    assert drive.is_closed
    with pytest.raises(engine.DistributionClosed):
        services.enrol_households(coordinator, drive, households(1))
    with pytest.raises(engine.DistributionClosed):
        services.advance(coordinator, drive)


def test_reminder_command(drive, store, site, households, coordinator):
    from django.core.management import call_command

    _allocated(drive, store, households, coordinator, n=1)
    _slot(drive, site, day=dt.date(2026, 12, 1))
    engine.assign_slots(coordinator, drive.distribution)
    call_command("pickup_reminders", "--today", "2026-11-30")
    assert OutboxMessage.objects.filter(purpose="pickup_reminder").count() == 1


def test_delivered_fuel_is_recorded_as_delivered(drive, store, households, coordinator):
    enrolment = _allocated(drive, store, households, coordinator, n=1)[0]
    outcome = engine.hand_over(coordinator, enrolment, nonce="d1", delivered=True)
    assert outcome.ok and outcome.handover.delivered


def test_a_bulk_lot_does_not_name_a_household(drive, store, households, coordinator):
    _allocated(drive, store, households, coordinator, n=2)
    lot = Balance.objects.get(lot__item=store["rice"]).lot
    assert engine.find(drive.distribution, active_tag(lot).url) is None


def test_pickup_list_per_site_and_day(client, drive, store, site, households, coordinator):
    from django.urls import reverse

    _allocated(drive, store, households, coordinator, n=3)
    _slot(drive, site, capacity=2)
    _slot(drive, site, day=dt.date(2026, 12, 2), capacity=2)
    engine.assign_slots(coordinator, drive.distribution)
    client.force_login(coordinator)
    url = reverse("drives:list_pdf", args=[drive.pk])
    day_one = client.get(url, {"site": site.pk, "day": "2026-12-01", "format": "csv"})
    rows = day_one.content.decode().strip().splitlines()
    assert len(rows) == 1 + 2  # header + the two households of that day
    assert client.get(url, {"site": site.pk, "day": "2026-12-01"}).content.startswith(b"%PDF")


def test_a_target_added_later_is_allocated_on_the_next_commit(drive, store, households,
                                                              coordinator):
    _allocated(drive, store, households, coordinator, n=2)
    services.save_target(coordinator, drive, Target(item=store["coal"], quantity=4))
    _stock(store, 10, "coal")
    assert services.commit(coordinator, drive) == 2
    assert Allocation.objects.filter(item=store["coal"]).count() == 2
    assert services.commit(coordinator, drive) == 0


def test_reminder_task(drive, store, site, households, coordinator, settings):
    from django.utils import timezone

    from backend.distribution.tasks import send_pickup_reminders

    _allocated(drive, store, households, coordinator, n=1)
    _slot(drive, site, day=timezone.localdate() + dt.timedelta(days=1))
    engine.assign_slots(coordinator, drive.distribution)
    send_pickup_reminders.enqueue()
    assert OutboxMessage.objects.filter(purpose="pickup_reminder").count() == 1


def test_a_nonce_of_another_household_is_not_a_retry(drive, store, households, coordinator):
    first, second = _allocated(drive, store, households, coordinator, n=2)
    assert engine.hand_over(coordinator, first, nonce="same").ok
    outcome = engine.hand_over(coordinator, second, nonce="same")
    assert outcome.ok and outcome.handover.enrolment_id == second.pk
    second.refresh_from_db()
    assert second.status == Enrolment.Status.HANDED_OVER
