"""Volunteer writes: applications, acceptance, documents, vetting, shifts and sign-ups.

Every refusal is a VolunteerError subclass with a stable code (rules.py). Capacity: lock the
volunteer's profile, then the role row, count, write (always in that order: no deadlocks).
Every change to a volunteer is audited (accounts.audit).
"""

import datetime as dt
import uuid
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.accounts import audit, roles
from backend.accounts.models import AuditEntry
from backend.common.phones import parse_phone
from backend.inventory.qr import new_token

from . import login_links, rules
from .models import (
    ChildSafetyCheck,
    Intervention,
    Programme,
    Shift,
    ShiftRole,
    ShiftSignup,
    VolunteerProfile,
)
from .rules import ShiftFull, ShiftOverlap, VolunteerError

A = AuditEntry.Action
PROFILE_FIELDS = ["status", "first_name", "last_name", "phone", "email", "birth_date",
                  "guardian_name", "guardian_phone", "availability", "licence_categories",
                  "can_lift", "first_aid", "languages", "preferred_areas", "sms_consent",
                  "agreement_signed_on", "data_authorisation_signed_on",
                  "confidentiality_signed_on", "notes", "user"]


def shift_bounds(date: dt.date, start: dt.time, end: dt.time) -> tuple[dt.datetime, dt.datetime]:
    """Aware start and end; an end not after the start is the next day (a night shift)."""
    tz = timezone.get_current_timezone()
    starts_at = timezone.make_aware(dt.datetime.combine(date, start), tz)
    end_date = date + dt.timedelta(days=1) if end <= start else date
    return starts_at, timezone.make_aware(dt.datetime.combine(end_date, end), tz)


# --- applications and profiles ---------------------------------------------------------

@transaction.atomic
def apply(data: dict[str, Any], *, actor=None) -> VolunteerProfile:
    """A sign-up from the public form (actor None) or entered by staff."""
    data = dict(data)
    data["phone"] = parse_phone(data["phone"]).e164
    if data.get("guardian_phone"):
        data["guardian_phone"] = parse_phone(data["guardian_phone"]).e164
    guardian_consent = data.pop("guardian_consent", False)
    data.pop("consent", None)
    profile = VolunteerProfile(**data, data_consent_at=timezone.now())
    if profile.is_minor:
        if not (guardian_consent and profile.guardian_name):
            raise VolunteerError(_("A volunteer under 18 needs a parent's or guardian's "
                                   "consent."), "guardian_consent")
        profile.guardian_consent_at = timezone.now()
    profile.save()
    audit.record(actor, A.CREATE, profile, audit.snapshot(profile, PROFILE_FIELDS))
    return profile


@transaction.atomic
def update_profile(actor, profile: VolunteerProfile, data: dict[str, Any]) -> VolunteerProfile:
    profile = VolunteerProfile.objects.select_for_update().get(pk=profile.pk)
    before = audit.snapshot(profile, PROFILE_FIELDS)
    for key, value in data.items():
        if key in ("phone", "guardian_phone") and value:
            value = parse_phone(value).e164
        setattr(profile, key, value)
    profile.save()
    changes = audit.diff(before, audit.snapshot(profile, PROFILE_FIELDS))
    if changes:
        audit.record(actor, A.UPDATE, profile, changes)
    return profile


def _username(profile: VolunteerProfile) -> str:
    User = get_user_model()
    base = f"wol-{profile.phone.lstrip('+')}"
    name, n = base, 1
    while User.objects.filter(username=name).exists():
        n += 1
        name = f"{base}-{n}"
    return name


@transaction.atomic
def accept(actor, profile: VolunteerProfile, *, send_link: bool = True) -> VolunteerProfile:
    """Accept an application: a log-in with the volunteer role (no password: a one-time
    link by SMS through the outbox, or e-mail). Idempotent."""
    profile = VolunteerProfile.objects.select_for_update().get(pk=profile.pk)
    if profile.status == VolunteerProfile.Status.ACCEPTED and profile.user_id:
        return profile
    before = audit.snapshot(profile, PROFILE_FIELDS)
    if profile.user_id is None:
        user = get_user_model().objects.create_user(
            username=_username(profile), first_name=profile.first_name,
            last_name=profile.last_name, email=profile.email, phone=profile.phone)
        user.set_unusable_password()
        user.save(update_fields=["password"])
        user.groups.add(Group.objects.get_or_create(name=roles.VOLUNTEER)[0])
        profile.user = user
    else:
        get_user_model().objects.filter(pk=profile.user_id).update(is_active=True)
    profile.status = VolunteerProfile.Status.ACCEPTED
    profile.accepted_at = timezone.now()
    profile.accepted_by = actor if getattr(actor, "is_authenticated", False) else None
    profile.save()
    audit.record(actor, A.UPDATE, profile,
                 audit.diff(before, audit.snapshot(profile, PROFILE_FIELDS)))
    if send_link:
        login_links.send(profile, purpose="volunteer_welcome")
    return profile


@transaction.atomic
def deactivate(actor, profile: VolunteerProfile) -> VolunteerProfile:
    profile = update_profile(actor, profile, {"status": VolunteerProfile.Status.INACTIVE})
    if profile.user_id:
        get_user_model().objects.filter(pk=profile.user_id).update(is_active=False)
    return profile


def sign_documents(actor, profile: VolunteerProfile, **dates: dt.date | None) -> VolunteerProfile:
    """agreement_signed_on, data_authorisation_signed_on, confidentiality_signed_on."""
    allowed = {"agreement_signed_on", "data_authorisation_signed_on",
               "confidentiality_signed_on"}
    return update_profile(actor, profile, {k: v for k, v in dates.items() if k in allowed})


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the month's last day where it is shorter)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def vetting_months() -> int:
    return int(getattr(settings, "VOLUNTEER_VETTING_VALID_MONTHS", 12))


@transaction.atomic
def record_check(actor, profile: VolunteerProfile, data: dict[str, Any]) -> ChildSafetyCheck:
    """A child-safety check; valid for the centre's period from the older of the two dates."""
    check = ChildSafetyCheck(volunteer=profile, checked_by=actor, **data)
    start = min(check.rspts_checked_on, check.document_date)
    check.valid_until = add_months(start, vetting_months())
    check.save()
    audit.record(actor, A.CREATE, check, audit.snapshot(check, [
        "rspts_checked_on", "rspts_result", "document", "document_date", "document_clean",
        "valid_until"]), root=profile)
    return check


@transaction.atomic
def log_intervention(actor, data: dict[str, Any]) -> Intervention:
    entry = Intervention.objects.create(recorded_by=actor, **data)
    audit.record(actor, A.CREATE, entry, {"summary": entry.summary})
    return entry


# --- shifts ------------------------------------------------------------------------------

PROGRAMME_APPS = {"events": Programme.EVENT, "camps": Programme.CAMP}


def _attach(fields: dict[str, Any], programme) -> None:
    """An event's or camp's shift: linked generically; with children when the programme is
    for children (the vetting rule then applies, whatever the form said)."""
    if programme is None:
        return
    fields["content_type"] = ContentType.objects.get_for_model(programme)
    fields["object_id"] = str(programme.pk)
    kind = PROGRAMME_APPS.get(programme._meta.app_label)
    if kind:
        fields["kind"] = kind
    if getattr(programme, "for_children", False) or getattr(programme, "with_children", False):
        fields["with_children"] = True


@transaction.atomic
def create_shift(actor, *, roles: list[dict[str, Any]], weeks: int = 1, programme=None,
                 **fields: Any) -> list[Shift]:
    """A shift with its roles; weeks > 1 repeats it weekly (the warehouse's regular shifts).
    `programme` is the event or camp the shift serves."""
    _attach(fields, programme)
    if not roles:
        raise VolunteerError(_("A shift needs at least one role."), "no_roles")
    for spec in roles:  # the CHECK constraint would otherwise surface as a 500
        if spec.get("maximum", 1) < spec.get("minimum", 1):
            raise VolunteerError(_("A role's maximum cannot be below its minimum."),
                                 "role_max_below_min")
    series = uuid.uuid4() if weeks > 1 else None
    first = fields.pop("date")
    shifts = []
    for week in range(max(1, weeks)):
        shift = Shift(**fields, date=first + dt.timedelta(weeks=week), series=series,
                      token=new_token(), created_by=actor)
        shift.starts_at, shift.ends_at = shift_bounds(shift.date, shift.start_time,
                                                      shift.end_time)
        shift.save()
        for spec in roles:
            ShiftRole.objects.create(shift=shift, **spec)
        audit.record(actor, A.CREATE, shift, {"title": [None, shift.title],
                                              "date": [None, str(shift.date)]})
        shifts.append(shift)
    return shifts


def _live(shift: Shift, profile: VolunteerProfile) -> ShiftSignup | None:
    return rules.live_signups().filter(shift=shift, volunteer=profile).first()


def sign_up(profile: VolunteerProfile, role: ShiftRole, *, actor=None,
            source: str = ShiftSignup.Source.SELF) -> ShiftSignup:
    """Take a place: lock the profile (own overlaps), then the role (capacity), count, write.
    Signing up again for the same role returns the same sign-up (a retried tap)."""
    assigned = source == ShiftSignup.Source.ASSIGNED
    with transaction.atomic():
        profile = VolunteerProfile.objects.select_for_update().get(pk=profile.pk)
        role = ShiftRole.objects.select_for_update(of=("self",)).select_related(
            "shift").get(pk=role.pk)
        existing = _live(role.shift, profile)
        if existing is not None:
            if existing.role_id == role.pk:
                return existing
            raise ShiftOverlap(_("You are already signed up for this shift as %(role)s.")
                               % {"role": existing.role.name})
        error = rules.refusal(profile, role, assigned=assigned)
        if error is not None:
            raise error
        taken = rules.live_signups().filter(role=role).count()
        if taken >= role.maximum:
            raise ShiftFull(_("All places for %(role)s are taken.") % {"role": role.name})
        try:
            with transaction.atomic():
                signup = ShiftSignup.objects.create(shift=role.shift, role=role,
                                                    volunteer=profile, source=source)
        except IntegrityError:  # the unique constraint: raced with ourselves
            return _live(role.shift, profile)
        audit.record(actor or profile.user, A.CREATE, signup,
                     {"role": [None, role.name], "source": [None, source]}, root=profile)
    return signup



def assign(actor, profile: VolunteerProfile, role: ShiftRole) -> ShiftSignup:
    """The coordinator assigns: the same rules (clearance, documents, skills, capacity)."""
    return sign_up(profile, role, actor=actor, source=ShiftSignup.Source.ASSIGNED)


@transaction.atomic
def cancel(actor, signup: ShiftSignup, *, by_coordinator: bool = False) -> ShiftSignup:
    signup = ShiftSignup.objects.select_for_update().select_related("shift").get(pk=signup.pk)
    if signup.status == ShiftSignup.Status.CANCELLED:
        return signup
    if signup.checked_in_at:
        raise VolunteerError(_("Already checked in: this sign-up cannot be cancelled."),
                             "checked_in")
    if not by_coordinator and timezone.now() >= rules.cancel_cutoff(signup.shift):
        raise rules.PastCutoff(_("It is too late to cancel online: please call the "
                                 "coordinator."))
    signup.status = ShiftSignup.Status.CANCELLED
    signup.cancelled_at = timezone.now()
    signup.save(update_fields=["status", "cancelled_at"])
    audit.record(actor, A.UPDATE, signup, {"status": ["confirmed", "cancelled"]},
                 root=signup.volunteer)
    return signup


@transaction.atomic
def mark_no_show(actor, signup: ShiftSignup) -> ShiftSignup:
    signup = ShiftSignup.objects.select_for_update().get(pk=signup.pk)
    if signup.checked_in_at:
        raise VolunteerError(_("The volunteer checked in: not a no-show."), "checked_in")
    if signup.status != ShiftSignup.Status.NO_SHOW:
        old = signup.status
        signup.status = ShiftSignup.Status.NO_SHOW
        signup.save(update_fields=["status"])
        audit.record(actor, A.UPDATE, signup, {"status": [old, "no_show"]},
                     root=signup.volunteer)
    return signup
