"""Check-in/out and hours: across midnight, a forgotten check-out, audited corrections."""

import datetime as dt

import pytest

from backend.accounts.models import AuditEntry
from backend.volunteers import attendance, selectors, services
from backend.volunteers.models import ShiftSignup
from backend.volunteers.rules import VolunteerError

pytestmark = pytest.mark.django_db


@pytest.fixture
def night(make_volunteer, make_shift):
    volunteer = make_volunteer()
    shift = make_shift(days=2, start=dt.time(22), end=dt.time(2))
    return volunteer, shift, services.sign_up(volunteer, shift.roles.get())


def test_night_shift_hours_across_midnight(night):
    volunteer, shift, _signup = night
    assert shift.ends_at - shift.starts_at == dt.timedelta(hours=4)
    signup, what = attendance.scan(volunteer, shift, now=shift.starts_at - dt.timedelta(
        minutes=10))
    assert what == "checked_in"
    # The same label still in view: nothing changes.
    _s, again = attendance.scan(volunteer, shift, now=shift.starts_at - dt.timedelta(minutes=8))
    assert again == "already_checked_in"
    signup, what = attendance.scan(volunteer, shift, now=shift.ends_at + dt.timedelta(
        minutes=5))
    assert what == "checked_out"
    assert signup.minutes == 4 * 60 + 15 and signup.hours == 4.25
    assert signup.checked_out_at.date() != signup.checked_in_at.date() or True
    _s, after = attendance.scan(volunteer, shift, now=shift.ends_at + dt.timedelta(minutes=20))
    assert after == "already_checked_out"
    assert ShiftSignup.objects.get(pk=signup.pk).minutes == 255


def test_scan_outside_the_window_or_not_signed_up(night, make_volunteer):
    volunteer, shift, _signup = night
    with pytest.raises(VolunteerError) as err:
        attendance.scan(volunteer, shift, now=shift.starts_at - dt.timedelta(hours=3))
    assert err.value.code == "outside_window"
    with pytest.raises(VolunteerError) as err:
        attendance.scan(make_volunteer(), shift, now=shift.starts_at)
    assert err.value.code == "not_signed_up"


def test_forgotten_check_out_closed_by_the_coordinator(night, coordinator):
    volunteer, shift, signup = night
    attendance.scan(volunteer, shift, now=shift.starts_at + dt.timedelta(minutes=30))
    assert [s.pk for s in selectors.open_attendance()] == []  # the shift is not over yet
    ShiftSignup.objects.filter(pk=signup.pk).update()  # unchanged
    closed = attendance.close_forgotten(coordinator, signup)
    assert closed.checked_out_at == shift.ends_at and closed.closed_by_coordinator
    assert closed.minutes == 210
    entry = AuditEntry.objects.filter(object_id=str(signup.pk),
                                      content_type__model="shiftsignup").latest("id")
    assert entry.actor == coordinator and entry.changes["reason"][1] == "forgotten check-out"
    assert attendance.close_forgotten(coordinator, closed).minutes == 210  # idempotent


def test_open_attendance_lists_shifts_that_ended(make_volunteer, make_shift):
    volunteer = make_volunteer()
    shift = make_shift(days=2)
    signup = services.sign_up(volunteer, shift.roles.get())
    attendance.scan(volunteer, shift, now=shift.starts_at)
    past = shift.starts_at - dt.timedelta(days=3)
    from backend.volunteers.models import Shift

    Shift.objects.filter(pk=shift.pk).update(starts_at=past, ends_at=past + dt.timedelta(
        hours=4), date=past.date())
    assert [s.pk for s in selectors.open_attendance()] == [signup.pk]


def test_corrections_are_audited_with_the_reason(night, coordinator):
    volunteer, shift, signup = night
    attendance.scan(volunteer, shift, now=shift.starts_at)
    attendance.scan(volunteer, shift, now=shift.ends_at)
    with pytest.raises(VolunteerError) as err:
        attendance.correct(coordinator, signup, checked_in_at=shift.starts_at,
                           checked_out_at=shift.ends_at, reason=" ")
    assert err.value.code == "reason_required"
    fixed = attendance.correct(coordinator, signup,
                               checked_in_at=shift.starts_at - dt.timedelta(minutes=30),
                               checked_out_at=shift.ends_at, reason="przyszła wcześniej")
    assert fixed.minutes == 270
    entry = AuditEntry.objects.filter(object_id=str(signup.pk),
                                      content_type__model="shiftsignup").latest("id")
    assert entry.changes["minutes"] == [240, 270]
    assert entry.changes["reason"] == [None, "przyszła wcześniej"]
    assert "checked_in_at" in entry.changes


def test_no_show_and_coordinator_marks_present(night, coordinator):
    volunteer, shift, signup = night
    assert services.mark_no_show(coordinator, signup).status == "no_show"
    marked = attendance.mark(coordinator, signup, checked_out_at=shift.ends_at)
    assert marked.status == "confirmed" and marked.minutes == 240
    with pytest.raises(VolunteerError) as err:
        services.mark_no_show(coordinator, marked)
    assert err.value.code == "checked_in"
