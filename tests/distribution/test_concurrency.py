"""Races on PostgreSQL: the same hand-over confirmed twice at once, a slot filled by
concurrent rescheduling and assignment. Row locks need a real server."""

import datetime as dt
import threading

import pytest
from django.db import connection, connections

from backend.distribution import services as engine
from backend.distribution.models import Enrolment, PickupSlot
from backend.drives import services
from backend.inventory import services as stock
from backend.inventory.models import Balance
from backend.inventory.selectors import stock_check
from tests.drives.conftest import distributing

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("row locks under real concurrency need PostgreSQL (DATABASE_URL=postgres://…)")


def _run(workers):
    barrier = threading.Barrier(len(workers))
    results, lock = [], threading.Lock()

    def wrap(fn):
        try:
            barrier.wait()
            outcome = fn()
        except engine.SlotFull:
            outcome = "slot_full"
        finally:
            connections.close_all()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=wrap, args=(fn,)) for fn in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def _setup(drive, store, households, coordinator, n):
    services.enrol_households(coordinator, drive, households(n))
    stock.create_lot(None, store["rice"], store["shelf"], 100)
    services.commit(coordinator, drive)
    distributing(drive, coordinator)
    return list(Enrolment.objects.filter(distribution=drive.distribution).order_by("id"))


def test_two_volunteers_confirm_the_same_handover(drive, store, households, coordinator,
                                                  make_user):
    _needs_postgres()
    enrolment = _setup(drive, store, households, coordinator, 1)[0]
    a, b = make_user("volunteer", "wolo-a"), make_user("volunteer", "wolo-b")
    results = _run([lambda: engine.hand_over(a, Enrolment.objects.get(pk=enrolment.pk),
                                             nonce="nonce-a").code,
                    lambda: engine.hand_over(b, Enrolment.objects.get(pk=enrolment.pk),
                                             nonce="nonce-b").code])
    assert sorted(results) == ["already_handed_over", "ok"]
    assert Balance.objects.get(lot__item=store["rice"]).quantity == 98
    assert stock_check() == []


def test_concurrent_rescheduling_never_overbooks(drive, store, site, households, coordinator):
    _needs_postgres()
    enrolments = _setup(drive, store, households, coordinator, 8)
    day = dt.date(2026, 12, 1)
    target = PickupSlot.objects.create(distribution=drive.distribution, site=site, date=day,
                                       start=dt.time(10), end=dt.time(12), capacity=3)
    PickupSlot.objects.create(distribution=drive.distribution, site=site, date=day,
                              start=dt.time(12), end=dt.time(14), capacity=3)

    def move(pk):
        return lambda: engine.reschedule(coordinator, Enrolment.objects.get(pk=pk),
                                         PickupSlot.objects.get(pk=target.pk)) and "ok"

    workers = [move(e.pk) for e in enrolments[:6]]
    workers.append(lambda: engine.assign_slots(coordinator, drive.distribution))
    results = _run(workers)
    counts = engine.slot_counts(list(drive.distribution.slots.values_list("pk", flat=True)))
    assert counts.get(target.pk, 0) <= 3
    assert all(n <= 3 for n in counts.values())
    assert results.count("ok") <= 3 and "slot_full" in results


def test_without_the_lock_the_slot_would_overbook(drive, store, site, households, coordinator):
    """pretix style: the same count-then-write without select_for_update overbooks, which is
    why reschedule/assign lock the slot rows first."""
    _needs_postgres()
    import time

    from django.db import transaction

    enrolments = _setup(drive, store, households, coordinator, 4)
    slot = PickupSlot.objects.create(distribution=drive.distribution, site=site,
                                     date=dt.date(2026, 12, 1), start=dt.time(10),
                                     end=dt.time(12), capacity=1)

    def unlocked(pk):
        def run():
            with transaction.atomic():
                booked = engine.slot_counts([slot.pk]).get(slot.pk, 0)
                time.sleep(0.2)  # the window every unlocked read-modify-write has
                if booked >= slot.capacity:
                    return "slot_full"
                Enrolment.objects.filter(pk=pk).update(slot=slot)
                return "ok"
        return run

    results = _run([unlocked(e.pk) for e in enrolments])
    assert results.count("ok") > slot.capacity  # overbooked: the race is real
