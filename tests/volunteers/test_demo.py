"""Demo data: the story of the issue's "done when" can be walked through with it."""

import pytest
from django.core.management import call_command

from backend.volunteers import services
from backend.volunteers.demo import MIKOLAJKI
from backend.volunteers.models import Shift, ShiftSignup, VolunteerProfile
from backend.volunteers.rules import VolunteerError


@pytest.mark.django_db
def test_demo_volunteers_and_shifts_idempotent():
    call_command("demo_data")
    counts = (VolunteerProfile.objects.count(), Shift.objects.count())
    assert counts[0] == 3 and counts[1] >= 6
    demo = VolunteerProfile.objects.get(user__username="wolontariusz")
    assert demo.status == "accepted" and demo.documents_signed
    assert not demo.is_cleared_for_children()
    assert VolunteerProfile.objects.filter(checks__isnull=False).count() == 1
    assert VolunteerProfile.objects.get(status="applied").is_minor
    mikolajki = Shift.objects.get(title=MIKOLAJKI)
    with pytest.raises(VolunteerError) as err:
        services.sign_up(demo, mikolajki.roles.get())
    assert err.value.code == "not_cleared"
    assert Shift.objects.filter(kind="warehouse", series__isnull=False).count() == 4
    assert Shift.objects.filter(kind="drive", drive__isnull=False).exists()
    call_command("demo_data")
    assert (VolunteerProfile.objects.count(), Shift.objects.count()) == counts
    assert not ShiftSignup.objects.exists()
