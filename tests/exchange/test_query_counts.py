"""Lists do not grow in queries with their rows (NetBox-style baseline)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from backend.exchange import services

pytestmark = pytest.mark.django_db
DAY = dt.date(2030, 1, 2)


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


@pytest.fixture
def build(coordinator, offer_data, make_request, driver, warehouse):
    made = {"n": 0}

    def make(count):
        for _ in range(count):
            made["n"] += 1
            n = made["n"]
            offer = services.create_offer(coordinator, {**offer_data, "title": f"Szafa {n}"})
            services.verify(coordinator, offer)
            services.publish(coordinator, offer)
            match = services.confirm_match(coordinator, offer, make_request(
                phone=f"+486020{n:05d}", last_name=f"Rodzina{n}"))
            services.answer(match, "confirm")
            services.plan_transport(coordinator, match, "direct", driver, DAY, warehouse)
            extra = services.create_offer(coordinator, {**offer_data, "title": f"Stół {n}"})
            services.verify(coordinator, extra)
            services.publish(coordinator, extra)

    return make


@pytest.mark.parametrize("name,who", [
    ("exchange:offer_list", "coordinator"), ("exchange:gallery", "coordinator"),
    ("exchange:request_list", "coordinator"), ("exchange:task_list", "coordinator"),
    ("exchange:run_sheet", "driver"),
])
def test_lists_do_not_grow_with_rows(client, coordinator, driver, build, name, who):
    client.force_login(coordinator if who == "coordinator" else driver)
    url = reverse(name) + (f"?date={DAY}" if name.endswith("run_sheet") else "")
    build(2)
    few = _count(client, url)
    build(4)
    assert _count(client, url) == few, name
