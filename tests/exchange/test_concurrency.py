"""Two coordinators confirm a match for the same offer at once: exactly one match."""

import threading

import pytest
from django.db import connection, connections

from backend.exchange import services
from backend.exchange.models import Match, Offer


def _race(offer, requests, actor):
    barrier = threading.Barrier(len(requests))
    results: list[str] = []
    lock = threading.Lock()

    def worker(request):
        try:
            barrier.wait()
            services.confirm_match(actor, Offer.objects.get(pk=offer.pk), request)
            outcome = "ok"
        except services.ExchangeError as err:
            outcome = err.code
        except Exception as err:  # noqa: BLE001 - reported in the assertion
            outcome = type(err).__name__
        finally:
            connections.close_all()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=worker, args=(r,)) for r in requests]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_coordinators_match_the_same_offer_at_once(available_offer, make_request,
                                                       coordinator):
    if connection.vendor != "postgresql":
        pytest.skip("row locks under real concurrency need PostgreSQL (DATABASE_URL=postgres://…)")
    requests = [make_request(phone=f"+4860200000{n}", last_name=f"Rodzina{n}")
                for n in range(1, 5)]
    results = _race(available_offer, requests, coordinator)
    assert sorted(results) == ["not_available"] * 3 + ["ok"]
    assert Match.objects.filter(offer=available_offer).count() == 1
    assert Offer.objects.get(pk=available_offer.pk).status == "reserved"
    matched = [r for r in requests if r.__class__.objects.get(pk=r.pk).status == "matched"]
    assert len(matched) == 1
