"""Volunteer reads: shifts with their staffing at a glance, what fits a volunteer, flags."""

import datetime as dt
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, Q, Sum
from django.utils import timezone

from . import rules
from .models import Shift, ShiftRole, ShiftSignup, VolunteerProfile

LIVE = ~Q(signups__status=ShiftSignup.Status.CANCELLED)

UNDER, OK, FULL = "under", "ok", "full"


def roles_with_counts():
    return ShiftRole.objects.annotate(
        taken=Count("signups", filter=~Q(signups__status=ShiftSignup.Status.CANCELLED)))


def shifts_with_staffing(queryset=None):
    """Shifts with .role_list (each with .taken) and .staffing in {under, ok, full}."""
    queryset = (queryset if queryset is not None else Shift.objects.all()).select_related(
        "site", "drive").prefetch_related(Prefetch("roles", queryset=roles_with_counts(),
                                                   to_attr="role_list"))
    return queryset


def shifts_for(programme) -> list[Shift]:
    """The shifts of one event or camp (the generic link), each with .staffing."""
    ct = ContentType.objects.get_for_model(programme)
    shifts = list(shifts_with_staffing(Shift.objects.filter(content_type=ct,
                                                            object_id=str(programme.pk))))
    for shift in shifts:
        shift.staffing = staffing(shift)
    return shifts


def staffing(shift: Shift) -> str:
    role_list = getattr(shift, "role_list", None)
    if role_list is None:
        role_list = list(roles_with_counts().filter(shift=shift))
    if any(r.taken < r.minimum for r in role_list):
        return UNDER
    if all(r.taken >= r.maximum for r in role_list):
        return FULL
    return OK


def missing_people(role: ShiftRole) -> int:
    taken = getattr(role, "taken", None)
    if taken is None:
        taken = rules.live_signups().filter(role=role).count()
    return max(0, role.minimum - taken)


def upcoming(queryset=None):
    return (queryset if queryset is not None else Shift.objects.all()).filter(
        ends_at__gte=timezone.now())


def profile_for(user) -> VolunteerProfile | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return VolunteerProfile.objects.filter(user=user).prefetch_related("checks").first()


@dataclass
class Offer:
    shift: Shift
    role: ShiftRole
    free: int
    reason: str = ""  # why the volunteer may not take it (only with_blocked=True)


# Refusals worth showing on the phone (the volunteer can do something about them).
SHOWN_REFUSALS = {"not_cleared", "documents_missing", "missing_skill"}


def open_for(profile: VolunteerProfile, *, days: int = 60,
             with_blocked: bool = False) -> list[Offer]:
    """Roles with a free place this volunteer may take (clearance, documents, skills, no
    overlap, before the cut-off) — what the phone page lists. Overlaps are checked against
    the volunteer's own shifts read once, not one query per role."""
    now = timezone.now()
    busy = list(rules.live_signups().filter(volunteer=profile).values_list(
        "shift_id", "shift__starts_at", "shift__ends_at"))
    mine = {shift_id for shift_id, _s, _e in busy}
    shifts = shifts_with_staffing(Shift.objects.filter(
        starts_at__gte=now, date__lte=timezone.localdate() + dt.timedelta(days=days)))
    offers = []
    for shift in shifts:
        if shift.pk in mine or any(s < shift.ends_at and e > shift.starts_at
                                   for _id, s, e in busy):
            continue
        for role in shift.role_list:
            role.shift = shift
            free = role.maximum - role.taken
            if free <= 0:
                continue
            error = rules.refusal(profile, role, now=now, check_overlap=False)
            if error is None:
                offers.append(Offer(shift, role, free))
            elif with_blocked and error.code in SHOWN_REFUSALS:
                offers.append(Offer(shift, role, free, reason=error.message))
    return offers


def my_signups(profile: VolunteerProfile):
    return (rules.live_signups().filter(volunteer=profile, shift__ends_at__gte=timezone.now()
                                        - dt.timedelta(hours=2))
            .select_related("shift", "shift__site", "role").order_by("shift__starts_at"))


def vetting_flags(days: int = 60) -> list[ShiftSignup]:
    """Upcoming sign-ups on shifts with children whose volunteer will not be cleared on the
    shift's day (a check expired or was never valid): the coordinator decides; nothing is
    removed silently."""
    signups = (rules.live_signups().filter(
        shift__with_children=True, shift__starts_at__gte=timezone.now(),
        shift__date__lte=timezone.localdate() + dt.timedelta(days=days))
        .select_related("shift", "role", "volunteer").prefetch_related("volunteer__checks"))
    return [s for s in signups if not s.volunteer.is_cleared_for_children(s.shift.date)]


def expiring_checks(days: int = 30):
    today = timezone.localdate()
    return (VolunteerProfile.objects.filter(
        status=VolunteerProfile.Status.ACCEPTED,
        checks__valid_until__range=(today, today + dt.timedelta(days=days)))
        .exclude(checks__valid_until__gt=today + dt.timedelta(days=days)).distinct())


def open_attendance():
    """Checked in, never out, shift over: the coordinator closes these."""
    return (rules.live_signups().filter(checked_in_at__isnull=False, checked_out_at__isnull=True,
                                        shift__ends_at__lt=timezone.now())
            .select_related("shift", "volunteer", "role"))


def hours_of(profile: VolunteerProfile):
    """Attended sign-ups (with minutes) of one volunteer, oldest first: the certificate."""
    return (ShiftSignup.objects.filter(volunteer=profile, minutes__isnull=False)
            .select_related("shift", "role").order_by("shift__starts_at"))


def _worked(start: dt.date | None, end: dt.date | None):
    qs = ShiftSignup.objects.filter(minutes__isnull=False)
    if start:
        qs = qs.filter(shift__date__gte=start)
    if end:
        qs = qs.filter(shift__date__lte=end)
    return qs


def hours_by_programme(start: dt.date | None = None, end: dt.date | None = None):
    """Rows {shift__kind, minutes, people, shifts} for the report."""
    return (_worked(start, end).values("shift__kind").order_by("shift__kind")
            .annotate(minutes=Sum("minutes"), people=Count("volunteer", distinct=True),
                      shifts=Count("shift", distinct=True)))


def hours_by_volunteer(start: dt.date | None = None, end: dt.date | None = None):
    """Rows {volunteer, volunteer__first_name, volunteer__last_name, minutes, shifts}."""
    return (_worked(start, end).values("volunteer", "volunteer__first_name",
                                       "volunteer__last_name")
            .order_by("volunteer__last_name", "volunteer__first_name")
            .annotate(minutes=Sum("minutes"), shifts=Count("shift", distinct=True)))


def suitable_for_help(role: ShiftRole) -> list[VolunteerProfile]:
    """Accepted volunteers with SMS consent who may take this role and are not on the shift."""
    on_shift = rules.live_signups().filter(shift=role.shift).values("volunteer")
    candidates = (VolunteerProfile.objects.filter(status=VolunteerProfile.Status.ACCEPTED,
                                                  sms_consent=True)
                  .exclude(pk__in=on_shift).prefetch_related("checks"))
    return [p for p in candidates if rules.refusal(p, role) is None]
