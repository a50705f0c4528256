"""API: the same service rules (409 with the code), volunteers see only what they need."""

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from backend.volunteers.models import ShiftSignup

from .conftest import vet

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_unvetted_volunteer_refused_through_the_api(make_volunteer, make_shift, coordinator):
    volunteer = make_volunteer()
    shift = make_shift(with_children=True)
    role = shift.roles.get()
    response = api(volunteer.user).post(f"/api/v1/volunteer-shifts/{shift.pk}/signup/",
                                        {"role": role.pk}, format="json")
    assert response.status_code == 409 and response.json()["code"] == "not_cleared"
    response = api(coordinator).post(f"/api/v1/volunteer-shifts/{shift.pk}/assign/",
                                     {"role": role.pk, "volunteer": volunteer.pk},
                                     format="json")
    assert response.status_code == 409 and response.json()["code"] == "not_cleared"
    assert not ShiftSignup.objects.exists()
    vet(volunteer)
    response = api(volunteer.user).post(f"/api/v1/volunteer-shifts/{shift.pk}/signup/",
                                        {"role": role.pk}, format="json")
    assert response.status_code == 201 and response.json()["status"] == "confirmed"


def test_volunteer_sees_open_shifts_and_only_own_signups(make_volunteer, make_shift):
    me, other = make_volunteer(), make_volunteer()
    shift = make_shift()
    client = api(me.user)
    opened = client.get("/api/v1/volunteer-shifts/open/").json()
    assert [s["id"] for s in opened] == [shift.pk]
    assert opened[0]["staffing"] == "under" and opened[0]["roles"][0]["taken"] == 0
    api(other.user).post(f"/api/v1/volunteer-shifts/{shift.pk}/signup/",
                         {"role": shift.roles.get().pk}, format="json")
    mine = client.get("/api/v1/volunteer-signups/").json()
    assert mine["count"] == 0
    # Volunteers' personal data is not theirs to read.
    assert client.get("/api/v1/volunteers/").status_code == 403
    assert client.get(f"/api/v1/volunteers/{other.pk}/").status_code == 403


def test_cancel_through_the_api_respects_the_cutoff(make_volunteer, make_shift, settings):
    settings.VOLUNTEER_CANCEL_CUTOFF_HOURS = 24 * 10
    volunteer = make_volunteer()
    shift = make_shift(days=5)
    client = api(volunteer.user)
    signup = client.post(f"/api/v1/volunteer-shifts/{shift.pk}/signup/",
                         {"role": shift.roles.get().pk}, format="json").json()
    response = client.post(f"/api/v1/volunteer-signups/{signup['id']}/cancel/")
    assert response.status_code == 409 and response.json()["code"] == "past_cutoff"


def test_coordinator_creates_a_weekly_shift_and_records_a_check(coordinator, make_volunteer):
    client = api(coordinator)
    day = (timezone.localdate() + dt.timedelta(days=2)).isoformat()
    response = client.post("/api/v1/volunteer-shifts/", {
        "kind": "warehouse", "title": "Sortowanie", "date": day, "start_time": "22:00",
        "end_time": "02:00", "weeks": 2, "role_specs": [
            {"name": "Pakowanie", "minimum": 2, "maximum": 4, "required_skills": []}]},
        format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["roles"][0]["name"] == "Pakowanie" and body["staffing"] == "under"
    assert body["series"] is not None
    volunteer = make_volunteer()
    today = timezone.localdate().isoformat()
    response = client.post(f"/api/v1/volunteers/{volunteer.pk}/checks/", {
        "rspts_checked_on": today, "rspts_result": "no_entry", "document": "foreign",
        "document_date": today, "document_clean": True}, format="json")
    assert response.status_code == 201 and response.json()["valid_until"] > today
    assert client.get(f"/api/v1/volunteers/{volunteer.pk}/").json()[
        "cleared_for_children_until"] is not None


def test_scan_through_the_api(make_volunteer, make_shift):
    volunteer = make_volunteer()
    shift = make_shift(days=0, start=(timezone.localtime() + dt.timedelta(minutes=30)).time()
                       .replace(second=0, microsecond=0),
                       end=(timezone.localtime() + dt.timedelta(hours=2)).time()
                       .replace(second=0, microsecond=0))
    if shift.ends_at <= shift.starts_at:  # pragma: no cover - around midnight
        pytest.skip("clock near midnight")
    from backend.volunteers import services

    services.assign(None, volunteer, shift.roles.get())
    response = api(volunteer.user).post(f"/api/v1/volunteer-shifts/{shift.pk}/scan/")
    assert response.status_code == 200 and response.json()["result"] == "checked_in"


def test_schema_has_the_volunteer_endpoints(client_for):
    schema = client_for("coordinator").get("/api/schema/")
    assert schema.status_code == 200
    for path in (b"/api/v1/volunteer-shifts/{id}/signup/", b"/api/v1/volunteers/",
                 b"/api/v1/volunteer-signups/{id}/cancel/"):
        assert path in schema.content
