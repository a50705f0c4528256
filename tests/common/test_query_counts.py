import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse


@pytest.mark.django_db
def test_household_list_queries_do_not_grow_with_page_size(client_for, make_household):
    for index in range(30):
        make_household(f"Nazwisko{index}", phone=f"+4860100{index:04d}")
    client = client_for("coordinator")
    counts = {}
    for per_page in (25, 100):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse("people:household_list"), {"per_page": per_page})
        assert response.status_code == 200
        counts[per_page] = len(ctx)
    assert counts[25] == counts[100]
    assert counts[25] <= 8, counts  # baseline: session, user, perms, count, page, filters
