"""A volunteer's own data: exported on request, erased without losing the hours."""

import json

import pytest
from django.urls import reverse

from backend.accounts.models import AuditEntry
from backend.volunteers import attendance, services
from backend.volunteers.models import ShiftSignup, VolunteerProfile

from .conftest import vet

pytestmark = pytest.mark.django_db


def test_export_and_anonymise(client, coordinator, make_volunteer, make_shift):
    volunteer = make_volunteer(first_name="Bożena", email="bozena@example.org",
                               languages=["uk"])
    vet(volunteer)
    shift = make_shift(days=2)
    signup = services.sign_up(volunteer, shift.roles.get())
    attendance.mark(coordinator, signup, checked_out_at=shift.ends_at)
    client.force_login(coordinator)
    response = client.get(reverse("volunteers:export", args=[volunteer.pk]))
    data = json.loads(response.content)
    assert data["volunteer"]["first_name"] == "Bożena" and data["shifts"][0]["minutes"] == 240
    assert len(data["child_safety_checks"]) == 1
    assert AuditEntry.objects.filter(action="export", object_id=str(volunteer.pk)).exists()

    client.post(reverse("volunteers:profile_action", args=[volunteer.pk, "anonymise"]))
    profile = VolunteerProfile.objects.get(pk=volunteer.pk)
    assert profile.first_name == "—" and profile.phone == "" and profile.email == ""
    assert profile.languages == [] and profile.birth_date.month == 1
    profile.user.refresh_from_db()
    assert not profile.user.is_active and profile.user.first_name == ""
    assert ShiftSignup.objects.get(pk=signup.pk).minutes == 240  # the hours stay
    assert profile.checks.count() == 1
    text = json.dumps(list(AuditEntry.objects.values("changes", "object_repr")),
                      ensure_ascii=False)
    assert "Bożena" not in text and "bozena@" not in text and volunteer.phone not in text
