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


@pytest.mark.django_db
def test_role_maximum_below_minimum_is_refused_not_a_500(make_user):
    api = APIClient()
    api.force_authenticate(make_user("coordinator"))
    response = api.post("/api/v1/volunteer-shifts/", {
        "kind": "warehouse", "title": "Magazyn", "date": "2026-12-05", "start_time": "09:00",
        "end_time": "13:00", "role_specs": [{"name": "Pakowanie", "minimum": 3, "maximum": 1}]},
        format="json")
    assert response.status_code == 409 and response.json()["code"] == "role_max_below_min"
    ok = api.post("/api/v1/volunteer-shifts/", {
        "kind": "warehouse", "title": "Magazyn", "date": "2026-12-05", "start_time": "09:00",
        "end_time": "13:00", "role_specs": [{"name": "Pakowanie", "minimum": 1, "maximum": 3}]},
        format="json")
    assert ok.status_code == 201 and ok.json()["start_time"] == "09:00"
