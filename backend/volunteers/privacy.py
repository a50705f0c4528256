"""A volunteer's own data: right of access (export) and erasure (anonymise), like any
person's. Hours, sign-ups and the dates of child-safety checks stay (statistics, the
certificate's duty, the centre's child-protection records); who the volunteer was does not."""

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy

from backend.accounts import audit
from backend.accounts.models import AuditEntry
from backend.common.personal_data import Category, register

from .models import ShiftSignup, VolunteerProfile

CLEARED = ["first_name", "last_name", "phone", "email", "guardian_name", "guardian_phone",
           "availability", "notes", "languages", "licence_categories", "preferred_areas"]


def export(actor, profile: VolunteerProfile) -> dict[str, Any]:
    """Everything we hold about the volunteer, as JSON-ready data; the export is audited."""
    audit.record(actor, AuditEntry.Action.EXPORT, profile, {})
    data = audit.snapshot(profile, [f.name for f in VolunteerProfile._meta.concrete_fields
                                    if f.name not in ("user",)])
    return {
        "volunteer": data,
        "child_safety_checks": [audit.snapshot(c, ["rspts_checked_on", "rspts_result",
                                                   "document", "document_date",
                                                   "document_clean", "valid_until"])
                                for c in profile.checks.all()],
        "shifts": [{"shift": s.shift.title, "date": s.shift.date.isoformat(),
                    "role": s.role.name, "status": s.status, "minutes": s.minutes,
                    "checked_in_at": s.checked_in_at.isoformat() if s.checked_in_at else None,
                    "checked_out_at": s.checked_out_at.isoformat() if s.checked_out_at
                    else None}
                   for s in ShiftSignup.objects.filter(volunteer=profile)
                   .select_related("shift", "role").order_by("shift__starts_at")],
        "standards_read": [{"version": a.standards.version,
                            "acknowledged_at": a.acknowledged_at.isoformat()}
                           for a in profile.acknowledgements.select_related("standards")],
    }


@transaction.atomic
def anonymise(actor, profile: VolunteerProfile) -> VolunteerProfile:
    """Clear who the volunteer was (profile, log-in, audit values); keep the hours."""
    profile = VolunteerProfile.objects.select_for_update().get(pk=profile.pk)
    for name in CLEARED:
        setattr(profile, name, [] if isinstance(getattr(profile, name), list) else "")
    profile.first_name, profile.last_name = "—", f"#{profile.pk}"
    profile.birth_date = dt.date(profile.birth_date.year, 1, 1)  # age groups in reports
    profile.sms_consent = False
    profile.status = VolunteerProfile.Status.INACTIVE
    profile.save()
    if profile.user_id:
        get_user_model().objects.filter(pk=profile.user_id).update(
            is_active=False, first_name="", last_name="", email="", phone="",
            username=f"anon-volunteer-{profile.pk}")
    ct = ContentType.objects.get_for_model(VolunteerProfile)
    AuditEntry.objects.filter(Q(content_type=ct, object_id=str(profile.pk))
                              | Q(root_type=ct, root_id=str(profile.pk))).update(
        changes={}, object_repr="—")
    audit.record(actor, AuditEntry.Action.ANONYMISE, profile, {})
    return profile


# The personal-data registry (backend.common.personal_data) finds this module. A volunteer
# is a subject's row when they share the household's or donor's phone or e-mail.
def _rows(subject):
    query = Q(pk__in=[])
    if subject.phones:
        query |= Q(phone__in=subject.phones)
    if subject.emails:
        query |= Q(email__in=subject.emails)
    return VolunteerProfile.objects.filter(query)


register(Category(
    model=VolunteerProfile,
    rows=_rows,
    fields=("first_name", "last_name", "phone", "email", "guardian_name", "guardian_phone",
            "availability", "notes"),
    kept={"birth_date": gettext_lazy("only the year stays (1 January), for age groups")},
    purpose=gettext_lazy("volunteers: contact, availability, skills, documents and "
                         "child-safety checks, hours"),
    anonymiser=lambda qs: len([anonymise(None, p) for p in qs]),
))
