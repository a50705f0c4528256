"""Fuel and food drives: targets per item, collection progress, allocation policy."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from backend.accounts.models import Site
from backend.common.collation import polish
from backend.distribution.models import Distribution, Enrolment
from backend.inventory.models import QTY, Item


class Drive(models.Model):
    class Kind(models.TextChoices):
        FUEL = "fuel", _("fuel")
        FOOD = "food", _("food")
        OTHER = "other", _("other")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        COLLECTING = "collecting", _("collecting")
        DISTRIBUTING = "distributing", _("distributing")
        CLOSED = "closed", _("closed")

    class Method(models.TextChoices):
        PROPORTIONAL = "proportional", _("proportional with a minimum")
        PRIORITY = "priority", _("by priority")

    distribution = models.OneToOneField(Distribution, on_delete=models.PROTECT,
                                        related_name="drive", editable=False)
    kind = models.CharField(_("kind"), max_length=6, choices=Kind.choices, default=Kind.FOOD)
    name = models.CharField(_("name"), max_length=160)
    collection_start = models.DateField(_("collection from"), null=True, blank=True)
    collection_end = models.DateField(_("collection to"), null=True, blank=True)
    distribution_start = models.DateField(_("distribution from"), null=True, blank=True)
    distribution_end = models.DateField(_("distribution to"), null=True, blank=True)
    sites = models.ManyToManyField(Site, verbose_name=_("sites"), blank=True, related_name="+")
    coordinators = models.ManyToManyField(settings.AUTH_USER_MODEL,
                                          verbose_name=_("coordinators"), blank=True,
                                          related_name="+")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.PLANNED, db_index=True)
    method = models.CharField(_("when stock is short"), max_length=12, choices=Method.choices,
                              default=Method.PROPORTIONAL)
    public_progress = models.BooleanField(_("public progress page"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("drive")
        verbose_name_plural = _("drives")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("drives:detail", args=[self.pk])

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED

    @property
    def is_collecting(self) -> bool:
        return self.status == self.Status.COLLECTING

    @property
    def handover_open(self) -> bool:
        """The engine hands over only at the distribution stage (distribution.services)."""
        return self.status == self.Status.DISTRIBUTING

    def last_distribution_day(self):
        """The last day anything is handed out: the end date, or the latest slot."""
        days = [d for d in (self.distribution_end, self.distribution_start) if d]
        latest = self.distribution.slots.order_by("-date").values_list("date", flat=True).first()
        if latest:
            days.append(latest)
        return max(days) if days else None


class Target(models.Model):
    """One item the drive collects and distributes, with its allocation policy."""

    class Policy(models.TextChoices):
        FIXED = "fixed", _("fixed per household")
        PER_PERSON = "per_person", _("per person")
        PER_PERSON_CAP = "per_person_cap", _("per person, with a cap")
        HEATING = "heating", _("by heating type")
        PER_CHILD = "per_child", _("per child in an age range")

    drive = models.ForeignKey(Drive, on_delete=models.CASCADE, related_name="targets")
    item = models.ForeignKey(Item, verbose_name=_("item"), on_delete=models.PROTECT,
                             related_name="+")
    quantity = models.DecimalField(_("target"), **QTY)
    policy = models.CharField(_("allocation"), max_length=16, choices=Policy.choices,
                              default=Policy.FIXED)
    amount = models.DecimalField(_("amount"), default=Decimal("1"), **QTY,
                                 help_text=_("Per household or per person"))
    cap = models.DecimalField(_("cap per household"), null=True, blank=True, **QTY)
    minimum = models.DecimalField(_("minimum when short"), default=Decimal("0"), **QTY)
    # "Akcja zeszyt": a school kit per child aged 6-18 (age on the first distribution day).
    min_age = models.PositiveSmallIntegerField(_("children from age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(
        _("children to age"), null=True, blank=True,
        help_text=_("Only for the policy per child, e.g. 6 to 18 for school kits (age on "
                    "the first distribution day)."))
    # {"coal": 1.5, "wood": 3}: per heating type (fuel drives).
    heating_amounts = models.JSONField(_("amount by heating type"), default=dict, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [models.UniqueConstraint(fields=["drive", "item"], name="target_once")]

    def __str__(self) -> str:
        quantity = Decimal(self.quantity)  # "Ryż: 150", not "Ryż: 150.000"
        quantity = quantity.quantize(Decimal(1)) if quantity == quantity.to_integral() \
            else quantity.normalize()
        return f"{self.item}: {quantity}"


class PackageTemplate(models.Model):
    """A standard package ("Paczka żywnościowa A": 2 kg rice, 1 l oil…); packed ones are
    lots of `item` (unit: package) with their own QR label."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    item = models.ForeignKey(Item, verbose_name=_("package item"), on_delete=models.PROTECT,
                             related_name="+")

    class Meta:
        ordering = [polish("name"), "id"]
        verbose_name = _("package template")
        verbose_name_plural = _("package templates")

    def __str__(self) -> str:
        return self.name


class PackageLine(models.Model):
    template = models.ForeignKey(PackageTemplate, on_delete=models.CASCADE, related_name="lines")
    item = models.ForeignKey(Item, verbose_name=_("item"), on_delete=models.PROTECT,
                             related_name="+")
    quantity = models.DecimalField(_("quantity"), **QTY)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["template", "item"],
                                               name="packageline_once")]

    def __str__(self) -> str:
        return f"{self.item} {self.quantity}"


class DeliveryRun(models.Model):
    """A driver's day of home deliveries (fuel): stops in order, each confirmed at the
    door by the household's code through the engine's hand_over(delivered=True)."""

    drive = models.ForeignKey(Drive, on_delete=models.CASCADE, related_name="delivery_runs")
    driver = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("driver"),
                               on_delete=models.PROTECT, related_name="delivery_runs")
    date = models.DateField(_("delivery day"), db_index=True)
    notes = models.CharField(_("notes for the driver"), max_length=250, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("delivery run")
        verbose_name_plural = _("delivery runs")

    def __str__(self) -> str:
        return f"{self.drive} {self.date:%d.%m.%Y}"


class DeliveryStop(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", pgettext_lazy("delivery", "planned")
        DELIVERED = "delivered", pgettext_lazy("delivery", "delivered")
        FAILED = "failed", pgettext_lazy("delivery", "not delivered")

    class Reason(models.TextChoices):
        NOT_HOME = "not_home", _("nobody at home")
        REFUSED = "refused", _("refused")
        WRONG_ADDRESS = "wrong_address", _("wrong address")
        NO_ACCESS = "no_access", _("no access for the vehicle")
        OTHER = "other", _("other")

    run = models.ForeignKey(DeliveryRun, on_delete=models.CASCADE, related_name="stops")
    enrolment = models.ForeignKey(Enrolment, verbose_name=_("household"),
                                  on_delete=models.PROTECT, related_name="delivery_stops")
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.PLANNED)
    reason = models.CharField(_("reason"), max_length=14, choices=Reason.choices, blank=True)
    note = models.CharField(_("note"), max_length=250, blank=True)
    done_at = models.DateTimeField(_("when"), null=True, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["run", "position", "id"]
        verbose_name = _("delivery stop")
        verbose_name_plural = _("delivery stops")
        constraints = [models.UniqueConstraint(
            fields=["enrolment"], condition=models.Q(status="planned"),
            name="deliverystop_one_planned")]

    def __str__(self) -> str:
        return f"{self.run} #{self.position}"

    @property
    def is_delivered(self) -> bool:
        return self.status == self.Status.DELIVERED
