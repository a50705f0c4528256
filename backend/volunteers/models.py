"""Volunteers: profiles, child-safety vetting, shifts with roles, sign-ups and hours.

Models hold data and invariants; every write that matters goes through services
(capacity locked, rules checked, changes audited). A shift belongs to its programme
by `kind` plus a drive FK or a generic relation, so events and camps attach later
without a migration here (docs/decisions/0060-volunteer-shifts.md).
"""

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from backend.accounts.models import Site

LICENCE_CATEGORIES = [(c, c) for c in ("B", "BE", "C", "CE", "C1", "D")]
LANGUAGES = [("en", _("English")), ("uk", _("Ukrainian")), ("de", _("German")),
             ("ru", _("Russian")), ("fr", _("French")), ("es", _("Spanish")),
             ("pjm", _("Polish Sign Language"))]
# Skills a shift role may require: "licence:B", "lifting", "first_aid", "lang:uk".
SKILLS = [*((f"licence:{c}", _("driving licence %(cat)s") % {"cat": c})
            for c, _l in LICENCE_CATEGORIES),
          ("lifting", _("can lift heavy loads")), ("first_aid", _("first aid")),
          *((f"lang:{code}", label) for code, label in LANGUAGES)]
SKILL_LABELS = dict(SKILLS)


class Programme(models.TextChoices):
    DRIVE = "drive", _("drive")
    EVENT = "event", _("event")
    CAMP = "camp", _("camp")
    WAREHOUSE = "warehouse", _("warehouse")
    OTHER = "other", pgettext_lazy("programme", "other")


class VolunteerProfile(models.Model):
    class Status(models.TextChoices):
        APPLIED = "applied", pgettext_lazy("volunteer status", "applied")
        ACCEPTED = "accepted", pgettext_lazy("volunteer status", "accepted")
        INACTIVE = "inactive", pgettext_lazy("volunteer status", "inactive")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="volunteer_profile")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.APPLIED, db_index=True)
    first_name = models.CharField(_("first name"), max_length=80)
    last_name = models.CharField(_("last name"), max_length=80)
    phone = models.CharField(_("phone"), max_length=16, db_index=True)
    email = models.EmailField(_("e-mail"), blank=True)
    birth_date = models.DateField(_("date of birth"))
    guardian_name = models.CharField(_("parent or guardian"), max_length=160, blank=True)
    guardian_phone = models.CharField(_("guardian's phone"), max_length=16, blank=True)
    guardian_consent_at = models.DateTimeField(_("guardian's consent"), null=True, blank=True)
    availability = models.CharField(_("when I can help"), max_length=250, blank=True)
    licence_categories = models.JSONField(_("driving licence categories"), default=list,
                                          blank=True)
    can_lift = models.BooleanField(_("can lift heavy loads"), default=False)
    first_aid = models.BooleanField(_("first aid course"), default=False)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    preferred_areas = models.JSONField(_("where I want to help"), default=list, blank=True)
    sms_consent = models.BooleanField(_("agrees to SMS about shifts"), default=True)
    data_consent_at = models.DateTimeField(_("consent to data processing"), null=True,
                                           blank=True)
    agreement_signed_on = models.DateField(_("volunteer agreement signed"), null=True,
                                           blank=True)
    data_authorisation_signed_on = models.DateField(
        _("authorisation to process personal data signed"), null=True, blank=True)
    confidentiality_signed_on = models.DateField(_("confidentiality declaration signed"),
                                                 null=True, blank=True)
    notes = models.TextField(_("coordinator's notes"), blank=True)
    applied_at = models.DateTimeField(_("applied"), default=timezone.now)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        permissions = [("manage_volunteers", _("Can accept volunteers and assign shifts")),
                       ("vet_volunteers", _("Can record child-safety checks"))]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def get_absolute_url(self) -> str:
        return reverse("volunteers:profile_detail", args=[self.pk])

    @property
    def is_accepted(self) -> bool:
        return self.status == self.Status.ACCEPTED

    def age(self, on: dt.date | None = None) -> int:
        on = on or timezone.localdate()
        b = self.birth_date
        return on.year - b.year - ((on.month, on.day) < (b.month, b.day))

    @property
    def is_minor(self) -> bool:
        return self.age() < 18

    def skill_codes(self) -> set[str]:
        codes = {f"licence:{c}" for c in self.licence_categories or []}
        codes |= {f"lang:{c}" for c in self.languages or []}
        if self.can_lift:
            codes.add("lifting")
        if self.first_aid:
            codes.add("first_aid")
        return codes

    def skill_labels(self) -> list[str]:
        return [str(SKILL_LABELS.get(code, code)) for code in sorted(self.skill_codes())]

    @property
    def documents_signed(self) -> bool:
        """Agreement and confidentiality: needed before beneficiaries' data."""
        return bool(self.agreement_signed_on and self.confidentiality_signed_on
                    and self.data_authorisation_signed_on)

    def is_cleared_for_children(self, on: dt.date | None = None) -> bool:
        on = on or timezone.localdate()
        return any(check.clears(on) for check in self.checks.all())

    def cleared_until(self) -> dt.date | None:
        dates = [c.valid_until for c in self.checks.all() if c.is_clear]
        return max(dates) if dates else None


class ChildSafetyCheck(models.Model):
    """One vetting (ustawa Kamilka): RSPTS register check and KRK certificate or a
    foreigner's declaration; valid for VOLUNTEER_VETTING_VALID_MONTHS from the older date."""

    class Result(models.TextChoices):
        NO_ENTRY = "no_entry", _("no entry in the register")
        ENTRY = "entry", _("entry found")

    class Document(models.TextChoices):
        KRK = "krk", _("criminal-record certificate (KRK)")
        FOREIGN = "foreign", _("foreigner's declaration")

    volunteer = models.ForeignKey(VolunteerProfile, on_delete=models.CASCADE,
                                  related_name="checks")
    rspts_checked_on = models.DateField(_("RSPTS register checked on"))
    rspts_result = models.CharField(_("RSPTS result"), max_length=10, choices=Result.choices)
    document = models.CharField(_("document"), max_length=8, choices=Document.choices)
    document_date = models.DateField(_("document dated"))
    document_clean = models.BooleanField(_("no convictions in the document"), default=True)
    valid_until = models.DateField(_("valid until"), editable=False)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("checked by"),
                                   null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-rspts_checked_on", "-id"]
        verbose_name = _("child-safety check")
        verbose_name_plural = _("child-safety checks")

    def __str__(self) -> str:
        return f"{self.volunteer} {self.rspts_checked_on}"

    @property
    def is_clear(self) -> bool:
        return self.rspts_result == self.Result.NO_ENTRY and self.document_clean

    def clears(self, on: dt.date) -> bool:
        return self.is_clear and on <= self.valid_until


class Intervention(models.Model):
    """The child-protection intervention log (who, when, what): restricted access."""

    occurred_at = models.DateTimeField(_("when"))
    volunteer = models.ForeignKey(VolunteerProfile, verbose_name=_("volunteer concerned"),
                                  null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    summary = models.CharField(_("what happened"), max_length=200)
    details = models.TextField(_("details and actions taken"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                                    null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("intervention")
        verbose_name_plural = _("intervention log")

    def __str__(self) -> str:
        return self.summary


class Shift(models.Model):
    kind = models.CharField(_("programme"), max_length=10, choices=Programme.choices,
                            default=Programme.WAREHOUSE, db_index=True)
    drive = models.ForeignKey("drives.Drive", verbose_name=_("drive"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="volunteer_shifts")
    # Events, camps (and later programmes) attach here without a migration of this app.
    content_type = models.ForeignKey(ContentType, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=40, blank=True)
    programme = GenericForeignKey("content_type", "object_id")
    title = models.CharField(_("title"), max_length=120)
    date = models.DateField(_("date"), db_index=True)
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("to"), help_text=_("Earlier than the start: ends the next "
                                                     "day."))
    starts_at = models.DateTimeField(editable=False, db_index=True)
    ends_at = models.DateTimeField(editable=False)
    site = models.ForeignKey(Site, verbose_name=_("site"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    place = models.CharField(_("place"), max_length=200, blank=True)
    with_children = models.BooleanField(_("with children"), default=False, help_text=_(
        "Only volunteers with a valid child-safety check may sign up."))
    touches_beneficiary_data = models.BooleanField(
        _("touches beneficiaries' data"), default=False,
        help_text=_("Only volunteers who signed the agreement and the confidentiality "
                    "declaration may sign up."))
    instructions = models.CharField(_("what to bring, where to report"), max_length=250,
                                    blank=True)
    series = models.UUIDField(null=True, blank=True, editable=False, db_index=True)
    token = models.CharField(max_length=20, unique=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")),
                                              name="volunteers_shift_ends_after_start")]

    def __str__(self) -> str:
        return f"{self.title} {self.date:%d.%m.%Y} {self.start_time:%H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("volunteers:shift_detail", args=[self.pk])

    def checkin_url(self) -> str:
        return settings.BASE_URL + reverse("volunteers:checkin", args=[self.token])

    @property
    def programme_label(self) -> str:
        if self.drive_id:
            return str(self.drive.name)
        if self.content_type_id and self.programme is not None:
            return str(self.programme)
        return self.get_kind_display()


class ShiftRole(models.Model):
    """A role on a shift with its capacity: the row locked on every sign-up."""

    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="roles")
    name = models.CharField(_("role"), max_length=60)
    minimum = models.PositiveSmallIntegerField(_("minimum"), default=1)
    maximum = models.PositiveSmallIntegerField(_("maximum"), default=1)
    required_skills = models.JSONField(_("required skills"), default=list, blank=True)

    class Meta:
        ordering = ["shift", "id"]
        verbose_name = _("shift role")
        verbose_name_plural = _("shift roles")
        constraints = [models.CheckConstraint(condition=Q(maximum__gte=models.F("minimum")),
                                              name="volunteers_role_max_ge_min")]

    def __str__(self) -> str:
        return f"{self.name} ({self.minimum}–{self.maximum})"

    def skill_labels(self) -> list[str]:
        return [str(SKILL_LABELS.get(code, code)) for code in self.required_skills or []]


class ShiftSignup(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", pgettext_lazy("signup status", "signed up")
        CANCELLED = "cancelled", pgettext_lazy("signup status", "cancelled")
        NO_SHOW = "no_show", pgettext_lazy("signup status", "no-show")

    class Source(models.TextChoices):
        SELF = "self", _("signed up")
        ASSIGNED = "assigned", _("assigned by the coordinator")
        SMS = "sms", _("answered TAK")

    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="signups")
    role = models.ForeignKey(ShiftRole, on_delete=models.CASCADE, related_name="signups")
    volunteer = models.ForeignKey(VolunteerProfile, on_delete=models.PROTECT,
                                  related_name="signups")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.CONFIRMED, db_index=True)
    source = models.CharField(_("how"), max_length=10, choices=Source.choices,
                              default=Source.SELF)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    checked_out_at = models.DateTimeField(_("checked out"), null=True, blank=True)
    minutes = models.PositiveIntegerField(_("minutes worked"), null=True, blank=True)
    closed_by_coordinator = models.BooleanField(_("check-out closed by the coordinator"),
                                                default=False)
    tasks = models.CharField(_("tasks done"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["shift__starts_at", "id"]
        verbose_name = _("shift sign-up")
        verbose_name_plural = _("shift sign-ups")
        # Belt and braces beside the locks: one live sign-up per volunteer and shift.
        constraints = [models.UniqueConstraint(
            fields=["shift", "volunteer"], condition=~Q(status="cancelled"),
            name="volunteers_one_live_signup")]

    def __str__(self) -> str:
        return f"{self.volunteer} → {self.shift}"

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def hours(self) -> float | None:
        return None if self.minutes is None else round(self.minutes / 60, 2)


class ProtectionStandards(models.Model):
    """The centre's child-protection standards (standardy ochrony małoletnich, ustawa z
    13 maja 2016 r. art. 22b–22c, "Kamilka"): each adoption or review is a new version, so
    what a volunteer acknowledged stays readable."""

    version = models.PositiveIntegerField(_("version"), unique=True, editable=False)
    adopted_on = models.DateField(_("adopted on"))
    next_review_on = models.DateField(_("next review by"))
    responsible = models.CharField(_("person responsible for the standards"), max_length=120)
    text = models.TextField(_("content of the standards"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("child-protection standards")
        verbose_name_plural = _("child-protection standards")

    def __str__(self) -> str:
        return f"{_('Child-protection standards')} v{self.version}"


class StandardsAcknowledgement(models.Model):
    """A volunteer's "I have read the standards" for one version (the law requires staff
    and volunteers to be made familiar with them)."""

    standards = models.ForeignKey(ProtectionStandards, on_delete=models.PROTECT,
                                  related_name="acknowledgements")
    volunteer = models.ForeignKey(VolunteerProfile, on_delete=models.CASCADE,
                                  related_name="acknowledgements")
    acknowledged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-acknowledged_at"]
        verbose_name = _("standards acknowledgement")
        verbose_name_plural = _("standards acknowledgements")
        constraints = [models.UniqueConstraint(fields=["standards", "volunteer"],
                                               name="volunteers_ack_once_per_version")]

    def __str__(self) -> str:
        return f"{self.volunteer} v{self.standards.version}"
