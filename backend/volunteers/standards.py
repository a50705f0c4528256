"""Child-protection standards (standardy ochrony małoletnich): adopt a version (audited),
read the current one, a volunteer's acknowledgement (once per version: a double tap or a
retried request records nothing twice)."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.accounts import audit
from backend.common.collation import polish
from backend.common.errors import ServiceError

from .models import ProtectionStandards, StandardsAcknowledgement, VolunteerProfile


class StandardsError(ServiceError):
    default_code = "standards_error"


def outline() -> str:
    """The parts art. 22c of the act requires, as a starting text for the first version."""
    parts = [
        _("1. Rules for safe relations between staff, volunteers and children."),
        _("2. Rules and procedure for intervening when a child may be harmed."),
        _("3. Who notifies the police or the family court, and how."),
        _("4. The person responsible for the standards and for the intervention log."),
        _("5. Rules for children's use of the internet and protection from harmful content."),
        _("6. How a support plan for a child is drawn up after an incident."),
        _("7. How incidents are recorded and kept (the intervention log)."),
        _("8. How the standards are made known to staff, volunteers, parents and children."),
        _("9. How and how often the standards are reviewed."),
    ]
    return "\n\n".join(parts)


def current() -> ProtectionStandards | None:
    return ProtectionStandards.objects.order_by("-version").first()


def history():
    return ProtectionStandards.objects.annotate(acknowledged=Count("acknowledgements"))


def review_overdue(today: dt.date | None = None) -> bool:
    standards = current()
    return standards is not None and standards.next_review_on < (today or timezone.localdate())


def not_acknowledged(standards: ProtectionStandards):
    """Accepted volunteers who have not read this version yet."""
    return (VolunteerProfile.objects.filter(status=VolunteerProfile.Status.ACCEPTED)
            .exclude(acknowledgements__standards=standards)
            .order_by(polish("last_name"), polish("first_name")))


def acknowledged_on(profile: VolunteerProfile, standards: ProtectionStandards | None):
    if standards is None:
        return None
    row = profile.acknowledgements.filter(standards=standards).first()
    return row.acknowledged_at if row else None


def unread(profile: VolunteerProfile) -> ProtectionStandards | None:
    """The current version when this volunteer has not confirmed reading it."""
    standards = current()
    if standards is None or profile.acknowledgements.filter(standards=standards).exists():
        return None
    return standards


def adopt(actor, *, adopted_on: dt.date, next_review_on: dt.date, responsible: str,
          text: str) -> ProtectionStandards:
    """A new version; the previous ones stay (with who acknowledged them)."""
    if next_review_on <= adopted_on:
        raise StandardsError(_("The next review must come after the adoption date."),
                             "review_before_adoption")
    try:
        with transaction.atomic():
            latest = ProtectionStandards.objects.aggregate(v=Max("version"))["v"] or 0
            standards = ProtectionStandards.objects.create(
                version=latest + 1, adopted_on=adopted_on, next_review_on=next_review_on,
                responsible=responsible.strip(), text=text.strip(), created_by=actor)
            audit.record(actor, "create", standards, {
                "version": standards.version, "adopted_on": adopted_on.isoformat(),
                "next_review_on": next_review_on.isoformat(),
                "responsible": standards.responsible})
    except IntegrityError as exc:  # two coordinators at once: the unique version decides
        raise StandardsError(_("Someone adopted a new version meanwhile. Reload the page."),
                             "version_taken") from exc
    return standards


def acknowledge(profile: VolunteerProfile, standards: ProtectionStandards
                ) -> StandardsAcknowledgement:
    try:
        with transaction.atomic():
            row, created = StandardsAcknowledgement.objects.get_or_create(
                standards=standards, volunteer=profile)
            if created:
                audit.record(profile.user, "create", row, {"standards": standards.version},
                             root=profile)
    except IntegrityError:  # the same tap twice at once: the other one recorded it
        row = StandardsAcknowledgement.objects.get(standards=standards, volunteer=profile)
    return row
