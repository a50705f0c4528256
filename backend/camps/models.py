"""Summer camps (kolonie, day camps, outings, Wakacje z MOPS-em) on the distribution
engine's person-level participants (docs/decisions/0033, 0090).

A Camp owns one Distribution; its CampSessions (turnusy) are the capacity rows the
engine locks. An Application is one child's request (filed by a social worker, or by a
parent through the public form and then verified); qualification turns it into a
Participant (registered or waiting). Health data lives apart, in HealthCard, which only
roles with camps.view_healthcard read (never volunteers, never lists).
"""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from backend.accounts.models import Site
from backend.common.storage import private_storage, random_path
from backend.distribution.models import Distribution, Participant
from backend.people.models import Household, Person

MONEY = {"max_digits": 9, "decimal_places": 2, "default": Decimal("0")}


class Camp(models.Model):
    """A programme of one summer: its sessions, its scoring table, its waiting list."""

    distribution = models.OneToOneField(Distribution, on_delete=models.PROTECT,
                                        related_name="camp", editable=False)
    name = models.CharField(_("name"), max_length=160)
    year = models.PositiveSmallIntegerField(_("year"))
    site = models.ForeignKey(Site, verbose_name=_("site"), on_delete=models.PROTECT,
                             related_name="+")
    offer_hours = models.PositiveSmallIntegerField(
        _("hours to answer an offered place"), default=48)
    points_difficult = models.PositiveSmallIntegerField(
        _("points: difficult family situation"), default=3)
    points_disability = models.PositiveSmallIntegerField(_("points: disability"), default=2)
    points_first_time = models.PositiveSmallIntegerField(
        _("points: first time at a camp"), default=2)
    points_siblings = models.PositiveSmallIntegerField(_("points: siblings together"),
                                                       default=0)
    coordinators = models.ManyToManyField(settings.AUTH_USER_MODEL,
                                          verbose_name=_("coordinators"), blank=True,
                                          related_name="+")
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "name", "id"]
        verbose_name = _("camp")
        verbose_name_plural = _("camps")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("camps:detail", args=[self.pk])

    def scoring(self) -> dict[str, int]:
        return {"difficult": self.points_difficult, "disability": self.points_disability,
                "first_time": self.points_first_time, "siblings": self.points_siblings}


class CampSession(models.Model):
    """A turnus: the capacity row the engine locks (places = capacity)."""

    class Kind(models.TextChoices):
        OVERNIGHT = "overnight", _("camp with overnight stay (kolonie)")
        DAY = "day", _("day camp")
        OUTING = "outing", _("single-day outing")

    camp = models.ForeignKey(Camp, on_delete=models.CASCADE, related_name="sessions")
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices,
                            default=Kind.OVERNIGHT)
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    place = models.CharField(_("place"), max_length=200)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    min_age = models.PositiveSmallIntegerField(_("from age"), default=7)
    max_age = models.PositiveSmallIntegerField(_("to age"), default=15)
    capacity = models.PositiveIntegerField(_("places"))
    places_girls = models.PositiveIntegerField(_("places for girls"), null=True, blank=True)
    places_boys = models.PositiveIntegerField(_("places for boys"), null=True, blank=True)
    cost_per_child = models.DecimalField(_("cost per child"), **MONEY)
    funding_centre = models.DecimalField(_("centre budget per child"), **MONEY)
    funding_gmina = models.DecimalField(_("gmina programme per child"), **MONEY)
    funding_sponsor = models.DecimalField(_("sponsor per child"), **MONEY)
    parents_contribution = models.DecimalField(_("parents' contribution"), **MONEY)
    registry_number = models.CharField(
        _("number in the ministry's register of stays"), max_length=40, blank=True)
    meeting_point = models.CharField(_("meeting point"), max_length=200, blank=True)
    departure_at = models.DateTimeField(_("departure"), null=True, blank=True)
    return_at = models.DateTimeField(_("return"), null=True, blank=True)
    departure_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    return_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["start", "id"]
        verbose_name = _("camp session")
        verbose_name_plural = _("camp sessions")
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")),
                                   name="campsession_end_after_start"),
            models.CheckConstraint(condition=Q(max_age__gte=models.F("min_age")),
                                   name="campsession_ages"),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.start:%d.%m}–{self.end:%d.%m}"

    def get_absolute_url(self) -> str:
        return reverse("camps:session", args=[self.camp_id, self.pk])

    @property
    def registry_deadline(self) -> dt.date:
        """The organiser registers the stay at least 21 days before (14 for day camps)."""
        days = 21 if self.kind == self.Kind.OVERNIGHT else 14
        return self.start - dt.timedelta(days=days)

    @property
    def split(self) -> dict[str, int | None] | None:
        """The places by sex when the rooms are split ({"F": 5, "M": 5}; None for a
        side without its own limit), None when they are not."""
        if self.places_girls is None and self.places_boys is None:
            return None
        return {Sex.GIRL: self.places_girls, Sex.BOY: self.places_boys}

    @property
    def covered_per_child(self) -> Decimal:
        return (self.funding_centre + self.funding_gmina + self.funding_sponsor
                + self.parents_contribution)


class Sex(models.TextChoices):
    GIRL = "F", _("girl")
    BOY = "M", _("boy")


class Application(models.Model):
    """One child's application; sessions wanted in order of preference (ids)."""

    Sex = Sex

    class Status(models.TextChoices):
        SUBMITTED = "submitted", pgettext_lazy("application", "to verify")
        VERIFIED = "verified", pgettext_lazy("application", "verified")
        PLACED = "placed", pgettext_lazy("application", "qualified")
        WAITING = "waiting", pgettext_lazy("application", "waiting list")
        WITHDRAWN = "withdrawn", pgettext_lazy("application", "withdrawn")
        REJECTED = "rejected", pgettext_lazy("application", "rejected")

    class Source(models.TextChoices):
        STAFF = "staff", _("social worker")
        PUBLIC = "public", _("parent (public form)")

    camp = models.ForeignKey(Camp, on_delete=models.CASCADE, related_name="applications")
    child = models.ForeignKey(Person, verbose_name=_("child"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="camp_applications")
    household = models.ForeignKey(Household, verbose_name=_("household"), null=True,
                                  blank=True, on_delete=models.SET_NULL, related_name="+")
    contact = models.ForeignKey(Person, verbose_name=_("parent"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    # The public form: what the parent typed, until a social worker links the registry.
    parent_name = models.CharField(_("parent's name"), max_length=120, blank=True)
    parent_phone = models.CharField(_("parent's phone"), max_length=16, blank=True)
    child_first_name = models.CharField(_("child's first name"), max_length=60, blank=True)
    child_birth_date = models.DateField(_("child's birth date"), null=True, blank=True)
    # For a session's rooms split by sex (places_girls / places_boys): from the child's
    # PESEL when it has one, else as the parent or the social worker says.
    sex = models.CharField(_("girl or boy"), max_length=1, choices=Sex.choices, blank=True)
    preferences = models.JSONField(_("sessions in order of preference"), default=list)
    reason_difficult = models.BooleanField(_("difficult family situation"), default=False)
    reason_disability = models.BooleanField(_("disability"), default=False)
    first_time = models.BooleanField(_("first time at a camp"), default=False)
    siblings_together = models.BooleanField(_("with siblings"), default=False)
    consent_data = models.BooleanField(_("consent to processing data"), default=False)
    consent_photos = models.BooleanField(_("consent to photos"), default=False)
    # The documents checklist.
    card_signed = models.BooleanField(_("card signed"), default=False)
    medical_note = models.BooleanField(_("medical note"), default=False)
    contribution_paid = models.BooleanField(_("contribution paid"), default=False)
    source = models.CharField(_("filed by"), max_length=8, choices=Source.choices,
                              default=Source.STAFF)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.VERIFIED, db_index=True)
    score = models.SmallIntegerField(_("points"), null=True, blank=True)
    participant = models.OneToOneField(Participant, null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="application")
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    DOCUMENTS = ("card_signed", "medical_note", "contribution_paid", "consent_photos")

    class Meta:
        ordering = ["id"]
        verbose_name = _("camp application")
        verbose_name_plural = _("camp applications")
        constraints = [models.UniqueConstraint(
            fields=["camp", "child"], condition=Q(child__isnull=False) & ~Q(
                status__in=["withdrawn", "rejected"]), name="camp_application_once")]

    def __str__(self) -> str:
        return f"{self.first_name} ({self.camp_id})"

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED

    @property
    def is_withdrawn(self) -> bool:
        return self.status == self.Status.WITHDRAWN

    @property
    def first_name(self) -> str:
        return self.child.first_name if self.child_id else self.child_first_name

    @property
    def birth_date(self):
        return self.child.birth_date if self.child_id else self.child_birth_date

    def missing(self) -> list[str]:
        return [name for name in self.DOCUMENTS if not getattr(self, name)]


def signed_scan_path(_card, filename: str) -> str:
    return random_path("camps/cards", filename)


class HealthCard(models.Model):
    """The parents' part of the karta kwalifikacyjna (health, diet, medicines,
    vaccinations) and the camp staff's notes: health data, restricted
    (camps.view_healthcard) and removed after the retention period."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE,
                                       related_name="health")
    health_notes = models.TextField(_("health (illnesses, allergies)"), blank=True)
    diet = models.CharField(_("diet"), max_length=200, blank=True)
    medicines = models.TextField(_("medicines"), blank=True)
    vaccinations = models.TextField(_("vaccinations"), blank=True)
    staff_notes = models.TextField(_("notes from the camp's staff"), blank=True)
    signed_scan = models.FileField(_("signed card (scan)"), upload_to=signed_scan_path,
                                   storage=private_storage, blank=True)
    signed_at = models.DateTimeField(_("signed card received"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("qualification card")
        verbose_name_plural = _("qualification cards")

    def __str__(self) -> str:
        return f"{self.application_id}"


class QualificationRun(models.Model):
    """One qualification: the scoring table and the lottery seed as used, and the order
    it produced — rerunning with the same seed on the same applications gives the same."""

    camp = models.ForeignKey(Camp, on_delete=models.CASCADE, related_name="runs")
    seed = models.CharField(_("lottery seed"), max_length=64)
    scoring = models.JSONField(_("scoring table"), default=dict)
    result = models.JSONField(_("ranking"), default=list)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")

    def __str__(self) -> str:
        return f"{self.camp_id} {self.created_at:%Y-%m-%d %H:%M}"


class Sponsorship(models.Model):
    """A donor funding places or equipment for one session (thanked by letter)."""

    session = models.ForeignKey(CampSession, verbose_name=_("camp session"),
                                on_delete=models.CASCADE, related_name="sponsorships")
    donor = models.ForeignKey("people.Donor", verbose_name=_("sponsor"),
                              on_delete=models.PROTECT, related_name="camp_sponsorships")
    amount = models.DecimalField(_("amount"), **MONEY)
    places = models.PositiveIntegerField(_("places funded"), default=0)
    purpose = models.CharField(_("what for"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["session", "id"]
        verbose_name = _("sponsorship")
        verbose_name_plural = _("sponsorships")
        constraints = [models.CheckConstraint(condition=Q(amount__gte=0),
                                              name="sponsorship_amount_not_negative")]

    def __str__(self) -> str:
        return f"{self.donor} → {self.session}"


class CampDay(models.Model):
    """One day of a day camp (Wakacje z MOPS-em): activities and its own capacity,
    the row locked on sign-up."""

    session = models.ForeignKey(CampSession, verbose_name=_("camp session"),
                                on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=160)
    activities = models.TextField(_("activities"), blank=True)
    capacity = models.PositiveIntegerField(_("places"))

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("camp day")
        verbose_name_plural = _("camp days")
        constraints = [models.UniqueConstraint(fields=["session", "date"],
                                               name="campday_once_per_date")]

    def __str__(self) -> str:
        return f"{self.date:%d.%m} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("camps:day", args=[self.session.camp_id, self.session_id, self.pk])


class DaySignup(models.Model):
    """A child signed up for one day; attended_at set once (a repeat tap is a no-op)."""

    day = models.ForeignKey(CampDay, on_delete=models.CASCADE, related_name="signups")
    application = models.ForeignKey(Application, verbose_name=_("child"),
                                    on_delete=models.CASCADE, related_name="day_signups")
    attended_at = models.DateTimeField(_("present"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["day", "id"]
        verbose_name = _("day sign-up")
        verbose_name_plural = _("day sign-ups")
        constraints = [models.UniqueConstraint(fields=["day", "application"],
                                               name="daysignup_once")]

    def __str__(self) -> str:
        return f"{self.day_id}:{self.application_id}"


class ReturnBoarding(models.Model):
    """A child on the bus home (the return leg), apart from the departure check-in: once
    per child; the client nonce makes a retry answer as the first scan did."""

    participant = models.OneToOneField(Participant, on_delete=models.CASCADE,
                                       related_name="return_boarding")
    session = models.ForeignKey(CampSession, on_delete=models.CASCADE,
                                related_name="return_boardings")
    at = models.DateTimeField(_("when"), auto_now_add=True)
    device_time = models.DateTimeField(null=True, blank=True)
    nonce = models.CharField(max_length=64)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("return check-in")
        verbose_name_plural = _("return check-ins")

    def __str__(self) -> str:
        return f"{self.participant_id} {self.at:%Y-%m-%d %H:%M}"
