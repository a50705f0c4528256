"""Shift API: a non-numeric id is a 404, times are "HH:MM" (what the schema says)."""

import pytest
from rest_framework.test import APIClient


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["signup", "assign", "scan"])
def test_non_numeric_shift_id_is_404(make_user, action):
    api = APIClient()
    api.force_authenticate(make_user("coordinator"))
    response = api.post(f"/api/v1/volunteer-shifts/true/{action}/", {"role": 1})
    assert response.status_code == 404
