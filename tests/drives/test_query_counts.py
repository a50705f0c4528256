import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from backend.distribution import services as engine
from backend.distribution.models import PickupSlot
from backend.drives import services
from backend.inventory import services as stock

pytestmark = pytest.mark.django_db


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_enrolment_list_queries_do_not_grow_with_rows(client, drive, store, site, households,
                                                      coordinator):
    stock.create_lot(None, store["rice"], store["shelf"], 500)
    PickupSlot.objects.create(distribution=drive.distribution, site=site,
                              date=dt.date(2020, 1, 1), start=dt.time(10), end=dt.time(12),
                              capacity=100)
    client.force_login(coordinator)
    url = reverse("drives:enrolments", args=[drive.pk])
    counts = []
    for batch in (households(3), households(12)):
        services.enrol_households(coordinator, drive, batch)
        services.commit(coordinator, drive)
        engine.assign_slots(coordinator, drive.distribution)
        counts.append(_count(client, url))
    assert counts[0] == counts[1], counts
