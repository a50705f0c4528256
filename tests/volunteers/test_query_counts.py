"""The coordinator's board and the volunteer's phone page do not grow with the data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from backend.volunteers import services

pytestmark = pytest.mark.django_db


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_shift_board_and_phone_page_queries_stay_flat(client, coordinator, make_volunteer,
                                                      make_shift):
    volunteer = make_volunteer()
    helpers = [make_volunteer() for _ in range(3)]
    counts = {}
    for size in (3, 12):
        while len(list(services.Shift.objects.all())) < size:
            shift = make_shift(days=2 + len(list(services.Shift.objects.all())))
            for helper in helpers:
                services.sign_up(helper, shift.roles.get())
        client.force_login(coordinator)
        board = _count(client, reverse("volunteers:shift_list"))
        client.force_login(volunteer.user)
        phone = _count(client, reverse("volunteers:my_shifts"))
        counts[size] = (board, phone)
    assert counts[3] == counts[12], counts
    assert counts[3][0] <= 10 and counts[3][1] <= 10, counts  # baseline measured: 10, 10
