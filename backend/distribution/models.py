"""The shared distribution engine (DESIGN §2): enrolments, allocations, pickup slots
and codes, hand-overs. A drive (and later an event or a camp) owns one Distribution.

Stock is never changed here: allocations hold reservations in the inventory ledger
(ref = the allocation); hand-overs issue them (backend.inventory.services).
"""

import secrets
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from backend.accounts.models import Site
from backend.common.collation import polish
from backend.inventory.models import QTY, Item
from backend.people.models import Household, Person


def new_seed() -> str:
    return secrets.token_hex(8)


class Distribution(models.Model):
    name = models.CharField(_("name"), max_length=160)
    # The fair split's lottery seed (docs/decisions/0032): fixed at creation, so the
    # preview equals the commit and nobody can re-roll the draw by reloading the page.
    lottery_seed = models.CharField(_("lottery seed"), max_length=32, default=new_seed,
                                    editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when the owner (a drive, an event, a camp) closes: the engine then refuses every
    # write itself (services.ensure_open), so no view or API path can forget the check.
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("distribution")
        verbose_name_plural = _("distributions")

    def __str__(self) -> str:
        return self.name

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class PickupSlot(models.Model):
    """Capacity row: assignments lock it (select_for_update), count, then write."""

    distribution = models.ForeignKey(Distribution, on_delete=models.CASCADE,
                                     related_name="slots")
    site = models.ForeignKey(Site, verbose_name=_("site"), on_delete=models.PROTECT,
                             related_name="+")
    date = models.DateField(_("date"))
    start = models.TimeField(_("start time"))
    end = models.TimeField(_("end time"))
    capacity = models.PositiveIntegerField(_("capacity"))

    class Meta:
        ordering = ["date", "start", "site_id", "id"]
        verbose_name = _("pickup slot")
        verbose_name_plural = _("pickup slots")
        constraints = [models.CheckConstraint(condition=Q(end__gt=models.F("start")),
                                              name="pickupslot_end_after_start")]

    def __str__(self) -> str:
        return f"{self.site} {self.date:%d.%m.%Y} {self.start:%H:%M}–{self.end:%H:%M}"

    @property
    def window(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


class Enrolment(models.Model):
    class Status(models.TextChoices):
        ENROLLED = "enrolled", _("enrolled")
        CONFIRMED = "confirmed", pgettext_lazy("enrolment", "confirmed")
        DECLINED = "declined", pgettext_lazy("enrolment", "declined")
        HANDED_OVER = "handed_over", _("handed over")
        PARTIAL = "partial", _("partly handed over")
        NO_SHOW = "no_show", _("did not come")
        WITHDRAWN = "withdrawn", _("withdrawn")

    distribution = models.ForeignKey(Distribution, on_delete=models.CASCADE,
                                     related_name="enrolments")
    household = models.ForeignKey(Household, verbose_name=_("household"),
                                  on_delete=models.PROTECT, related_name="enrolments")
    contact = models.ForeignKey(Person, verbose_name=_("contact person"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    persons = models.PositiveSmallIntegerField(_("persons"), default=1)
    priority = models.SmallIntegerField(_("priority"), default=0)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.ENROLLED, db_index=True)
    slot = models.ForeignKey(PickupSlot, verbose_name=_("pickup slot"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="enrolments")
    pickup_code = models.CharField(_("pickup code"), max_length=8, blank=True)
    notice_version = models.PositiveSmallIntegerField(default=0)
    delivery = models.BooleanField(_("delivered to the home"), default=False)
    warnings = models.JSONField(default=list, blank=True)
    enrolled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = [polish("household__display_name"), "id"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        permissions = [("hand_over", _("Can hand over allocations"))]
        constraints = [
            models.UniqueConstraint(fields=["distribution", "household"],
                                    name="enrolment_once_per_distribution"),
            models.UniqueConstraint(fields=["distribution", "pickup_code"],
                                    condition=~Q(pickup_code=""),
                                    name="enrolment_pickup_code_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.household} ({self.distribution})"

    @property
    def first_name(self) -> str:
        return self.contact.first_name if self.contact_id else ""


class Allocation(models.Model):
    """What one household gets of one item; reservations in the ledger carry ref=self."""

    class Status(models.TextChoices):
        RESERVED = "reserved", _("reserved")
        HANDED_OVER = "handed_over", _("handed over")
        PARTIAL = "partial", _("partly handed over")
        RELEASED = "released", _("released")

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE,
                                  related_name="allocations")
    item = models.ForeignKey(Item, verbose_name=_("item"), on_delete=models.PROTECT,
                             related_name="+")
    need = models.DecimalField(_("need"), default=Decimal("0"), **QTY)
    quantity = models.DecimalField(_("allocated"), **QTY)
    handed_over = models.DecimalField(_("handed over"), default=Decimal("0"), **QTY)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.RESERVED)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["enrolment_id", "item_id"]
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "item"], name="allocation_once"),
            models.CheckConstraint(condition=Q(handed_over__lte=models.F("quantity")),
                                   name="allocation_handed_lte_quantity"),
        ]

    def __str__(self) -> str:
        return f"{self.item} {self.quantity}"

    @property
    def remaining(self) -> Decimal:
        return self.quantity - self.handed_over


class HandOver(models.Model):
    """One confirmed hand-over (or delivery); the client nonce makes a retry harmless."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="handovers")
    # The enrolment's household, copied (it never changes): reports find the households
    # reached in a period from this table alone (docs/decisions/0145).
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                              related_name="+")
    at = models.DateTimeField(_("when"), auto_now_add=True)
    device_time = models.DateTimeField(null=True, blank=True)
    nonce = models.CharField(max_length=64)
    lines = models.JSONField(_("handed over"), default=list)
    delivered = models.BooleanField(pgettext_lazy("hand-over", "delivered"), default=False)
    partial = models.BooleanField(_("partial"), default=False)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("hand-over")
        verbose_name_plural = _("hand-overs")
        constraints = [models.UniqueConstraint(fields=["nonce"], name="handover_nonce_once")]
        indexes = [models.Index(fields=["at", "household"], name="handover_at_household")]

    def __str__(self) -> str:
        return f"{self.enrolment_id} {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.household_id is None and self.enrolment_id is not None:
            self.household_id = self.enrolment.household_id
        super().save(*args, **kwargs)


class AllocationRun(models.Model):
    """One committed fair split of one item: the rule, the seed and what the tie-break
    decided, so "why did she get less?" has a recorded answer (docs/decisions/0032)."""

    distribution = models.ForeignKey(Distribution, on_delete=models.CASCADE,
                                     related_name="allocation_runs")
    item = models.ForeignKey(Item, verbose_name=_("item"), on_delete=models.PROTECT,
                             related_name="+")
    at = models.DateTimeField(_("when"), auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                              related_name="+")
    method = models.CharField(max_length=16)
    when_short = models.CharField(max_length=16)
    minimum = models.DecimalField(default=Decimal("0"), **QTY)
    seed = models.CharField(max_length=32)
    stock = models.DecimalField(_("available"), **QTY)
    allocated = models.DecimalField(_("allocated"), **QTY)
    households = models.PositiveIntegerField(default=0)
    minimums_fit = models.BooleanField(default=True)
    tie_break = models.JSONField(default=list, blank=True)  # enrolment ids given a step
    excluded = models.JSONField(default=list, blank=True)  # lots left out, and why

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("allocation run")
        verbose_name_plural = _("allocation runs")

    def __str__(self) -> str:
        return f"{self.item} {self.at:%Y-%m-%d %H:%M}"


from .conflict_models import HandOverConflict  # noqa: E402, F401
from .participant_models import CheckIn, Participant, ParticipantGift  # noqa: E402, F401
