"""Food aid under the FEPŻ 2021–2027 rules (successor of POPŻ).

Settings carry effective dates (a sub-programme's threshold percentage, the dated
social-assistance criterion), and a referral keeps the threshold it was checked against, so
last year's eligibility stays as it was when the settings change (decision 0105).
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from backend.distribution.models import Distribution, HandOver
from backend.inventory.models import QTY, Item
from backend.people.models import Household, Person

MONEY = {"max_digits": 9, "decimal_places": 2}


class SubProgramme(models.Model):
    """One yearly sub-programme ("Podprogram 2025"): its income threshold, the ration set
    and the deadline by which partners hand the ration out."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    threshold_percent = models.DecimalField(
        _("income threshold (% of the criterion)"), max_digits=5, decimal_places=1,
        help_text=_("e.g. 265 for 265% of the social-assistance criterion"))
    share_deadline = models.DateField(_("ration hand-out deadline"))

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("sub-programme")
        verbose_name_plural = _("sub-programmes")
        constraints = [models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")),
                                              name="subprogramme_ends_after_start"),
                       models.CheckConstraint(condition=Q(threshold_percent__gt=0),
                                              name="subprogramme_threshold_positive")]

    def __str__(self) -> str:
        return self.name


class Criterion(models.Model):
    """The social-assistance income criterion (art. 8 ustawy o pomocy społecznej), in force
    from a date until the next row's date."""

    effective_from = models.DateField(_("in force from"), unique=True)
    single = models.DecimalField(_("person living alone (PLN)"), **MONEY)
    per_person = models.DecimalField(_("per person in a family (PLN)"), **MONEY)

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = _("income criterion")
        verbose_name_plural = _("income criteria")

    def __str__(self) -> str:
        return f"{self.effective_from:%d.%m.%Y}: {self.single} / {self.per_person}"


class RationArticle(models.Model):
    """One article of a sub-programme's yearly set, with its cap per person a year."""

    subprogramme = models.ForeignKey(SubProgramme, on_delete=models.CASCADE,
                                     related_name="articles")
    item = models.ForeignKey(Item, verbose_name=_("item"), on_delete=models.PROTECT,
                             related_name="+")
    per_person = models.DecimalField(_("yearly cap per person"), **QTY)

    class Meta:
        ordering = ["subprogramme_id", "id"]
        verbose_name = _("ration article")
        verbose_name_plural = _("ration articles")
        constraints = [models.UniqueConstraint(fields=["subprogramme", "item"],
                                               name="rationarticle_once"),
                       models.CheckConstraint(condition=Q(per_person__gt=0),
                                              name="rationarticle_positive")]

    def __str__(self) -> str:
        return f"{self.item}: {self.per_person}"


class FoodAidDrive(models.Model):
    """Marks a distribution (a drive) as a FEPŻ one: its hand-overs feed the ration ledger."""

    distribution = models.OneToOneField(Distribution, on_delete=models.CASCADE,
                                        related_name="foodaid")
    subprogramme = models.ForeignKey(SubProgramme, verbose_name=_("sub-programme"),
                                     on_delete=models.PROTECT, related_name="drives")

    class Meta:
        verbose_name = _("FEPŻ drive")
        verbose_name_plural = _("FEPŻ drives")

    def __str__(self) -> str:
        return f"{self.distribution} ({self.subprogramme})"


class Reason(models.TextChoices):
    """Art. 7 ustawy o pomocy społecznej."""

    POVERTY = "poverty", _("poverty")
    ORPHANHOOD = "orphanhood", _("orphanhood")
    HOMELESSNESS = "homelessness", _("homelessness")
    UNEMPLOYMENT = "unemployment", _("unemployment")
    DISABILITY = "disability", _("disability")
    ILLNESS = "illness", _("long-term or serious illness")
    VIOLENCE = "violence", _("domestic violence")
    TRAFFICKING = "trafficking", _("victims of human trafficking")
    MATERNITY = "maternity", _("maternity or a large family")
    HELPLESSNESS = "helplessness", _("helplessness in care, upbringing and housekeeping")
    INTEGRATION = "integration", _("difficulties in integrating foreigners")
    PRISON = "prison", _("difficulties after release from prison")
    ADDICTION = "addiction", _("alcoholism or drug addiction")
    CRISIS = "crisis", _("a random event or a crisis")
    DISASTER = "disaster", _("a natural or ecological disaster")


class TargetGroup(models.TextChoices):
    HOMELESS = "homeless", _("homeless")
    DISABILITY = "disability", _("people with disabilities")
    MIGRANTS = "migrants", _("migrants and foreigners")
    LARGE_FAMILY = "large_family", _("large families")


class Referral(models.Model):
    """A skierowanie from a social-welfare centre: who, how many, why, and the eligibility
    check as it was done (income, criterion, threshold) — kept, never recomputed."""

    number = models.CharField(_("referral no."), max_length=40)
    issuing_centre = models.CharField(_("issuing centre"), max_length=160)
    subprogramme = models.ForeignKey(SubProgramme, verbose_name=_("sub-programme"),
                                     on_delete=models.PROTECT, related_name="referrals")
    household = models.ForeignKey(Household, verbose_name=_("household"),
                                  on_delete=models.PROTECT, related_name="referrals")
    person = models.ForeignKey(Person, verbose_name=_("referred person"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    issued_on = models.DateField(_("date"))
    valid_until = models.DateField(_("valid until"))
    reasons = models.JSONField(_("reasons (art. 7)"), default=list)
    females = models.PositiveSmallIntegerField(_("women and girls"), default=0)
    males = models.PositiveSmallIntegerField(_("men and boys"), default=0)
    children = models.PositiveSmallIntegerField(_("aged 15 or under"), default=0)
    seniors = models.PositiveSmallIntegerField(_("aged 65 or over"), default=0)
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    income_per_person = models.DecimalField(_("income per person (PLN)"), **MONEY)
    threshold = models.DecimalField(_("income threshold (PLN)"), **MONEY, editable=False)
    eligible = models.BooleanField(_("income within the threshold"), editable=False)
    override_reason = models.CharField(_("override reason"), max_length=300, blank=True)
    statement_on = models.DateField(_("statement signed on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        permissions = [("override_eligibility", _("Can accept a referral above the threshold")),
                       ("view_rations", _("Can view FEPŻ rations"))]
        constraints = [
            models.UniqueConstraint(fields=["subprogramme", "number"], name="referral_number_once"),
            models.CheckConstraint(condition=Q(valid_until__gte=models.F("issued_on")),
                                   name="referral_valid_after_issue"),
            models.CheckConstraint(condition=Q(females__gt=0) | Q(males__gt=0),
                                   name="referral_has_persons"),
            models.CheckConstraint(condition=Q(eligible=True) | ~Q(override_reason=""),
                                   name="referral_ineligible_needs_reason"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def persons(self) -> int:
        return self.females + self.males


class RationEntry(models.Model):
    """Append-only ledger of what a referred household received of one article; corrections
    are new (negative) entries. Quantities are for the whole household."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="entries")
    article = models.ForeignKey(RationArticle, on_delete=models.PROTECT, related_name="entries")
    quantity = models.DecimalField(_("quantity"), **QTY)
    handover = models.ForeignKey(HandOver, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+")
    over_cap = models.BooleanField(_("above the cap"), default=False)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("ration entry")
        verbose_name_plural = _("ration entries")
        indexes = [models.Index(fields=["referral", "article"])]

    def __str__(self) -> str:
        return f"{self.referral} {self.article.item} {self.quantity}"


class Workshop(models.Model):
    """An accompanying measure (działanie towarzyszące): a cooking, budgeting or nutrition
    workshop whose attendance list is signed."""

    subprogramme = models.ForeignKey(SubProgramme, verbose_name=_("sub-programme"),
                                     on_delete=models.PROTECT, related_name="workshops")
    title = models.CharField(_("title"), max_length=160)
    date = models.DateField(_("date"))
    site = models.ForeignKey("accounts.Site", verbose_name=_("site"), on_delete=models.PROTECT,
                             related_name="+")

    class Meta:
        ordering = ["-date", "id"]
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")

    def __str__(self) -> str:
        return f"{self.title} {self.date:%d.%m.%Y}"


ZERO = Decimal("0")
