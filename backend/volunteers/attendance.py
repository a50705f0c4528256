"""Check-in, check-out and hours. A scan of the shift's QR toggles in → out; a repeated scan
within a few minutes changes nothing (a retry, or the label still in view). Hours come from
aware datetimes, so a shift across midnight counts right. Corrections are audited."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.accounts import audit
from backend.accounts.models import AuditEntry

from . import rules
from .models import Shift, ShiftSignup, VolunteerProfile
from .rules import VolunteerError

A = AuditEntry.Action
EARLY = dt.timedelta(hours=1)  # check-in opens an hour before the start
LATE = dt.timedelta(hours=2)  # and a scan still counts two hours after the end
DEBOUNCE = dt.timedelta(minutes=5)


def minutes_between(start: dt.datetime, end: dt.datetime) -> int:
    return max(0, int((end - start).total_seconds() // 60))


def _signup_for(profile: VolunteerProfile, shift: Shift) -> ShiftSignup:
    signup = (rules.live_signups().select_for_update().filter(shift=shift, volunteer=profile)
              .first())
    if signup is None:
        raise VolunteerError(_("You are not signed up for this shift."), "not_signed_up")
    return signup


@transaction.atomic
def scan(profile: VolunteerProfile, shift: Shift, *, now: dt.datetime | None = None
         ) -> tuple[ShiftSignup, str]:
    """The volunteer scanned the shift's QR: returns (sign-up, what happened)."""
    now = now or timezone.now()
    if not (shift.starts_at - EARLY <= now <= shift.ends_at + LATE):
        raise VolunteerError(_("Check-in is open from an hour before the shift to two hours "
                               "after it."), "outside_window")
    signup = _signup_for(profile, shift)
    if signup.checked_in_at is None:
        signup.checked_in_at = now
        if signup.status == ShiftSignup.Status.NO_SHOW:
            signup.status = ShiftSignup.Status.CONFIRMED
        signup.save(update_fields=["checked_in_at", "status"])
        return signup, "checked_in"
    if signup.checked_out_at is not None:
        return signup, "already_checked_out"
    if now - signup.checked_in_at < DEBOUNCE:
        return signup, "already_checked_in"
    _close(signup, now)
    return signup, "checked_out"


def _close(signup: ShiftSignup, at: dt.datetime) -> None:
    signup.checked_out_at = at
    signup.minutes = minutes_between(signup.checked_in_at, at)
    signup.save(update_fields=["checked_out_at", "minutes", "closed_by_coordinator"])


@transaction.atomic
def mark(actor, signup: ShiftSignup, *, checked_in_at: dt.datetime | None = None,
         checked_out_at: dt.datetime | None = None) -> ShiftSignup:
    """The coordinator marks attendance (default: the shift's own times); audited."""
    return correct(actor, signup, checked_in_at=checked_in_at or signup.shift.starts_at,
                   checked_out_at=checked_out_at, reason=_("marked by the coordinator"))


@transaction.atomic
def close_forgotten(actor, signup: ShiftSignup, at: dt.datetime | None = None) -> ShiftSignup:
    """A forgotten check-out: closed at the shift's end (or the given time), flagged."""
    signup = ShiftSignup.objects.select_for_update().select_related("shift").get(pk=signup.pk)
    if signup.checked_in_at is None:
        raise VolunteerError(_("The volunteer never checked in."), "not_checked_in")
    if signup.checked_out_at is not None:
        return signup
    at = at or max(signup.shift.ends_at, signup.checked_in_at)
    signup.closed_by_coordinator = True
    _close(signup, at)
    audit.record(actor, A.UPDATE, signup, {
        "checked_out_at": [None, at.isoformat()], "minutes": [None, signup.minutes],
        "reason": [None, "forgotten check-out"]}, root=signup.volunteer)
    return signup


@transaction.atomic
def correct(actor, signup: ShiftSignup, *, checked_in_at: dt.datetime | None,
            checked_out_at: dt.datetime | None, reason: str) -> ShiftSignup:
    """Change the times of a sign-up; the old and new values and the reason are audited."""
    if not reason.strip():
        raise VolunteerError(_("Say why the times are corrected."), "reason_required")
    if checked_in_at and checked_out_at and checked_out_at <= checked_in_at:
        raise VolunteerError(_("Check-out must be after check-in."), "bad_times")
    signup = ShiftSignup.objects.select_for_update().get(pk=signup.pk)
    before = audit.snapshot(signup, ["checked_in_at", "checked_out_at", "minutes", "status"])
    signup.checked_in_at = checked_in_at
    signup.checked_out_at = checked_out_at
    signup.minutes = (minutes_between(checked_in_at, checked_out_at)
                      if checked_in_at and checked_out_at else None)
    if checked_in_at and signup.status == ShiftSignup.Status.NO_SHOW:
        signup.status = ShiftSignup.Status.CONFIRMED
    signup.save()
    changes = audit.diff(before, audit.snapshot(
        signup, ["checked_in_at", "checked_out_at", "minutes", "status"]))
    changes["reason"] = [None, reason.strip()[:200]]
    audit.record(actor, A.UPDATE, signup, changes, root=signup.volunteer)
    return signup
