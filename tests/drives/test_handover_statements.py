"""Statement budgets of the door's requests (issue 18): a hand-over by token is ≤ 14
statements including its transaction, the lookup by pickup code ≤ 4 whatever the number
of allocations. Budgets are counts, not timings: they hold on SQLite and PostgreSQL.

The throttle's statements on the shared cache are counted apart (`cache`): they are the
cache backend's (none with REDIS_URL; 2 on the database table, common/cache.py) and the
framework floor pays them too (docs/decisions/0120)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from backend.accounts import roles
from backend.distribution import services as engine
from backend.distribution.models import Enrolment, HandOver, PickupSlot
from backend.drives import services
from backend.drives.models import Target
from backend.inventory import services as stock
from backend.inventory.models import Item, Movement
from backend.inventory.selectors import stock_check
from tests.drives.conftest import distributing

pytestmark = pytest.mark.django_db


@pytest.fixture
def door(drive, store, site, households, coordinator, make_user):
    """Three households, each with three items reserved, on today's slot; a token volunteer."""
    for i, name in enumerate(["Kasza", "Olej", "Mąka"]):
        item = Item.objects.create(name=name, category=store["rice"].category, unit="kg")
        services.save_target(coordinator, drive, Target(item=item, quantity=100,
                                                        policy=Target.Policy.FIXED,
                                                        amount=1 + i))
        stock.create_lot(None, item, store["shelf"], 50)
    stock.create_lot(None, store["rice"], store["shelf"], 50)
    services.enrol_households(coordinator, drive, households(3))
    services.commit(coordinator, drive)
    PickupSlot.objects.create(distribution=drive.distribution, site=site,
                              date=timezone.localdate(), start=dt.time(10), end=dt.time(12),
                              capacity=5)
    engine.assign_slots(coordinator, drive.distribution)
    distributing(drive, coordinator)
    api = APIClient()
    token = Token.objects.create(user=make_user(roles.VOLUNTEER, "wolo"))
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return api, list(Enrolment.objects.filter(distribution=drive.distribution))


def _statements(call):
    with CaptureQueriesContext(connection) as ctx:
        response = call()
    ours = [q["sql"] for q in ctx.captured_queries if "wspolnie_cache" not in q["sql"]]
    cache = len(ctx) - len(ours)
    assert cache <= 2, cache  # the throttle: one read, one upsert
    return response, len(ours)


def test_handover_by_token_stays_within_fourteen_statements(door):
    api, enrolments = door
    enrolment = enrolments[0]
    assert enrolment.allocations.count() == 4
    response, n = _statements(lambda: api.post("/api/v1/handovers/", {
        "enrolment": enrolment.pk, "code": enrolment.pickup_code, "nonce": "n-1"},
        format="json"))
    assert response.status_code == 200 and response.json()["code"] == "ok"
    assert n <= 14, n
    assert HandOver.objects.filter(enrolment=enrolment).count() == 1
    assert Movement.objects.filter(kind=Movement.Kind.ISSUE).count() == 4
    assert stock_check() == []


def test_lookup_by_code_stays_within_four_statements(door, drive):
    api, enrolments = door
    response, n = _statements(lambda: api.get(
        f"/api/v1/handovers/lookup/?drive={drive.pk}&code={enrolments[1].pickup_code}"))
    assert response.status_code == 200
    assert len(response.json()["allocations"]) == 4
    assert n <= 4, n
