"""Two coordinators confirm the same allocation (or the same top-up after new stock) at
once, on PostgreSQL: the drive row lock makes the second recompute and add nothing."""

import threading

import pytest
from django.db import connection, connections

from backend.distribution.models import Allocation, AllocationRun
from backend.drives import services
from backend.inventory import services as stock
from backend.inventory.models import Balance
from backend.inventory.selectors import stock_check

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _twice(fn):
    if connection.vendor != "postgresql":
        pytest.skip("row locks under real concurrency need PostgreSQL (DATABASE_URL=postgres://…)")
    barrier, results, lock = threading.Barrier(2), [], threading.Lock()

    def run():
        try:
            barrier.wait()
            value = fn()
        finally:
            connections.close_all()
        with lock:
            results.append(value)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sorted(results)


def _reserved(store):
    return sum(b.reserved for b in Balance.objects.filter(lot__item=store["rice"]))


def test_two_commits_at_once_allocate_once_and_top_up_once(drive, store, households,
                                                           coordinator):
    services.enrol_households(coordinator, drive, households(5, members=1))  # 4 kg each
    stock.create_lot(None, store["rice"], store["shelf"], 8)
    assert _twice(lambda: services.commit(coordinator, drive)) == [0, 5]
    assert _reserved(store) == 8 and Allocation.objects.count() == 5
    stock.create_lot(None, store["rice"], store["shelf"], 7)
    assert _twice(lambda: services.commit(coordinator, drive)) == [0, 5]
    assert _reserved(store) == 15 == sum(Allocation.objects.values_list("quantity", flat=True))
    assert sorted(Allocation.objects.values_list("quantity", flat=True)) == [3, 3, 3, 3, 3]
    assert AllocationRun.objects.count() == 2
    assert stock_check() == []
