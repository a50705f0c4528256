"""Who may take a place on a shift: one function used by the services (which raise) and by
the selectors (which only show the shifts that fit). Refusals carry stable codes."""

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.common.errors import ServiceError

from .models import SKILL_LABELS, Shift, ShiftRole, ShiftSignup, VolunteerProfile


class VolunteerError(ServiceError):
    default_code = "refused"


class ShiftFull(VolunteerError):
    default_code = "full"


class ShiftOverlap(VolunteerError):
    default_code = "overlap"


class NotCleared(VolunteerError):
    default_code = "not_cleared"


class MissingSkill(VolunteerError):
    default_code = "missing_skill"


class PastCutoff(VolunteerError):
    default_code = "past_cutoff"


class DocumentsMissing(VolunteerError):
    default_code = "documents_missing"


class NotAccepted(VolunteerError):
    default_code = "not_accepted"


def signup_cutoff(shift: Shift) -> dt.datetime:
    hours = int(getattr(settings, "VOLUNTEER_SIGNUP_CUTOFF_HOURS", 2))
    return shift.starts_at - dt.timedelta(hours=hours)


def cancel_cutoff(shift: Shift) -> dt.datetime:
    hours = int(getattr(settings, "VOLUNTEER_CANCEL_CUTOFF_HOURS", 24))
    return shift.starts_at - dt.timedelta(hours=hours)


def live_signups():
    return ShiftSignup.objects.exclude(status=ShiftSignup.Status.CANCELLED)


def overlapping(profile: VolunteerProfile, shift: Shift):
    return live_signups().filter(volunteer=profile, shift__starts_at__lt=shift.ends_at,
                                 shift__ends_at__gt=shift.starts_at).exclude(shift=shift)


def refusal(profile: VolunteerProfile, role: ShiftRole, *, assigned: bool = False,
            now: dt.datetime | None = None, check_overlap: bool = True) -> VolunteerError | None:
    """The first reason this volunteer may not take this role, or None. Capacity is not
    checked here: only under the role's lock (services.sign_up)."""
    shift = role.shift
    now = now or timezone.now()
    if profile.status != VolunteerProfile.Status.ACCEPTED:
        return NotAccepted(_("Only accepted volunteers can take shifts."))
    if now >= (shift.ends_at if assigned else signup_cutoff(shift)):
        return PastCutoff(_("Sign-up for this shift has closed."))
    if shift.with_children and not profile.is_cleared_for_children(shift.date):
        return NotCleared(_("This shift is with children: it needs a valid child-safety check "
                            "(RSPTS and KRK) on the day of the shift."))
    if shift.touches_beneficiary_data and not profile.documents_signed:
        return DocumentsMissing(_("This shift involves beneficiaries' data: the volunteer "
                                  "agreement, the data authorisation and the confidentiality "
                                  "declaration must be signed first."))
    missing = [code for code in role.required_skills or [] if code not in profile.skill_codes()]
    if missing:
        return MissingSkill(_("This role needs: %(skills)s.") % {
            "skills": ", ".join(str(SKILL_LABELS.get(c, c)) for c in missing)},
            missing=",".join(missing))
    if check_overlap and overlapping(profile, shift).exists():
        return ShiftOverlap(_("You are already signed up for another shift at that time."))
    return None
