"""20 simultaneous issues of 1 from a lot with 5: exactly 5 succeed (PostgreSQL)."""

import threading

import pytest
from django.db import connection, connections

from backend.inventory import selectors, services
from backend.inventory.models import Balance, Lot


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_issues_of_the_last_five(tree, items):
    if connection.vendor != "postgresql":
        pytest.skip("row locks under real concurrency need PostgreSQL (DATABASE_URL=postgres://…)")
    lot = services.create_lot(None, items["rice"], tree["a1"], 5)
    barrier = threading.Barrier(20)
    results: list[str] = []
    lock = threading.Lock()

    def worker():
        try:
            barrier.wait()
            fresh = Lot.objects.select_related("item").get(pk=lot.pk)
            services.issue(None, fresh, tree["a1"], 1)
            outcome = "ok"
        except services.StockError as err:
            outcome = err.code
        finally:
            connections.close_all()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=worker) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count("ok") == 5
    assert results.count("not_enough") == 15
    assert Balance.objects.get(lot=lot, location=tree["a1"]).quantity == 0
    assert selectors.stock_check() == []


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_crossing_moves_do_not_deadlock(tree, items):
    if connection.vendor != "postgresql":
        pytest.skip("row locks under real concurrency need PostgreSQL (DATABASE_URL=postgres://…)")
    lot = services.create_lot(None, items["rice"], tree["a1"], 20)
    services.move(None, lot, tree["a1"], tree["b3"], 10)
    barrier = threading.Barrier(16)
    errors: list[str] = []

    def worker(n):
        src, dst = (tree["a1"], tree["b3"]) if n % 2 else (tree["b3"], tree["a1"])
        try:
            barrier.wait()
            services.move(None, Lot.objects.select_related("item").get(pk=lot.pk), src, dst, 1)
        except Exception as err:  # a deadlock would surface here
            errors.append(type(err).__name__)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sum(Balance.objects.filter(lot=lot).values_list("quantity", flat=True)) == 20
    assert selectors.stock_check() == []
