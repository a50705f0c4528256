"""Stock pages: the number of queries does not grow with the rows shown (baselines)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from backend.inventory import services


def count(client, url, **params):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(ctx)


@pytest.mark.django_db
@pytest.mark.parametrize("name,baseline", [("stock_list", 12), ("item_list", 12),
                                           ("expiring", 12)])
def test_lists_do_not_grow(client, coordinator, tree, items, name, baseline):
    client.force_login(coordinator)
    url = reverse(f"inventory:{name}")
    services.create_lot(None, items["rice"], tree["a1"], 3, expiry="2026-01-01")
    few = count(client, url)
    for index in range(20):
        services.create_lot(None, items["rice" if index % 2 else "pasta"], tree["b3"], 2,
                            expiry="2026-01-02")
    assert count(client, url) == few <= baseline, few


@pytest.mark.django_db
def test_lot_page_does_not_grow_with_history(client, coordinator, lot, tree):
    client.force_login(coordinator)
    url = reverse("inventory:lot_detail", args=[lot.pk])
    few = count(client, url)
    for _ in range(10):
        services.move(None, lot, tree["a1"], tree["b3"], 1)
        services.move(None, lot, tree["b3"], tree["a1"], 1)
    assert count(client, url) == few <= 12, few
