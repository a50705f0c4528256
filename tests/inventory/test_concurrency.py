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
