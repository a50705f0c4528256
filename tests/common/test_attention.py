"""The start page's "co wymaga uwagi": counts with links, per role, constant queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from backend.common import attention
from backend.drives import services as drives
from backend.people.models import ImportBatch


def _drive(coordinator, n):
    return drives.create_drive(coordinator, name=f"Zbiórka {n}", kind="food",
                               collection_start=timezone.localdate() - dt.timedelta(days=1))


@pytest.mark.django_db
def test_coordinator_sees_counts_with_links_to_act(client_for, coordinator, users, site):
    _drive(coordinator, 1)
    ImportBatch.objects.create(created_by=coordinator, file_name="a.csv", content="x", site=site,
                               status=ImportBatch.Status.PREVIEW)
    client = client_for("coordinator")
    html = client.get(reverse("home")).content.decode()
    assert "Co wymaga uwagi" in html
    assert "zbiórka czekająca na zmianę etapu" in html  # one: the singular
    assert "import gospodarstw czekający na zatwierdzenie" in html
    keys = {line.key: line for line in attention.lines_for(users["coordinator"])}
    assert keys["drives_due"].count == 1
    assert keys["drives_due"].url.startswith("/drives/")
    assert keys["imports"].url == reverse("people:import_preview",
                                          args=[ImportBatch.objects.get().pk])


@pytest.mark.django_db
def test_a_volunteer_sees_no_office_lines(coordinator, users):
    _drive(coordinator, 1)
    assert attention.lines_for(users["volunteer"]) == []


@pytest.mark.django_db
def test_query_count_does_not_grow_with_data(coordinator, users, site):
    _drive(coordinator, 1)
    with CaptureQueriesContext(connection) as few:
        attention.lines_for(users["coordinator"])
    for n in range(2, 8):
        _drive(coordinator, n)
        ImportBatch.objects.create(created_by=coordinator, file_name=f"{n}.csv", content="x",
                                   site=site, status=ImportBatch.Status.PREVIEW)
    with CaptureQueriesContext(connection) as many:
        lines = attention.lines_for(users["coordinator"])
    assert len(many) <= len(few) + 2  # +2: the import line appears (list + count), no per-row
    assert {line.key: line.count for line in lines}["drives_due"] == 7
    assert {line.key: line.label for line in lines}["drives_due"] == \
        "zbiórek czekających na zmianę etapu"  # 7: the Polish "many" form


@pytest.mark.django_db
def test_each_line_says_its_count_in_polish_plural(coordinator, users):
    for n in range(1, 4):
        _drive(coordinator, n)
    label = {line.key: line.label for line in attention.lines_for(users["coordinator"])}
    assert label["drives_due"] == "zbiórki czekające na zmianę etapu"  # 3: the "few" form
