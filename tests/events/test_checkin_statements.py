"""The door's check-in scan stays within 10 statements (issue 13), gift included:
session, user, permissions, the locked participant, its reservations, the balance
lock + update, the movement pair, gift status, check-in row, participant status.
A count, not a timing: it holds on SQLite and PostgreSQL."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from backend.distribution.models import CheckIn
from backend.events.models import GiftBand
from backend.inventory import services as stock
from backend.inventory.models import Balance
from backend.inventory.selectors import stock_check

from .test_participants import _register

pytestmark = pytest.mark.django_db


def test_checkin_scan_with_a_gift_is_at_most_ten_statements(
        client, event, session, families, coordinator, store, volunteer):
    band = event.bands.get(min_age=11)
    band.source, band.item = GiftBand.Source.STOCK, store["rice"]
    band.save()
    stock.create_lot(None, store["rice"], store["shelf"], 5)
    twelve = min(_register(event, session, coordinator, families(1, kids=2)[0]),
                 key=lambda p: p.birth_date)
    client.force_login(volunteer)
    client.get(reverse("events:checkin", args=[event.pk]))  # the session is warm
    with CaptureQueriesContext(connection) as ctx:
        response = client.post(reverse("events:checkin_scan", args=[event.pk]),
                               {"code": twelve.code, "nonce": "n-1"})
    assert response.status_code == 200 and b'data-code="ok"' in response.content
    print("\n".join(q["sql"][:150] for q in ctx.captured_queries))
    assert len(ctx) <= 10, len(ctx)
    assert CheckIn.objects.filter(participant=twelve).count() == 1
    assert Balance.objects.get(lot__item=store["rice"]).reserved == 0
    assert stock_check() == []
