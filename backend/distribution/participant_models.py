"""Person-level participants (docs/decisions/0033): one row per person taking part in a
distribution (a child at Mikołajki, a senior at Wigilia, a camper), with a household
link, a status, a check-in code and per-person gifts reserved in the ledger
(ref = the participant). The owner app (events, camps) keeps its capacity rows
(sessions) and passes them to backend.distribution.participants; `group` names the row.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from backend.inventory.models import QTY, Item
from backend.people.models import Household, Person


class Participant(models.Model):
    class Status(models.TextChoices):
        REGISTERED = "registered", pgettext_lazy("participant", "registered")
        OFFERED = "offered", pgettext_lazy("participant", "place offered")
        WAITING = "waiting", pgettext_lazy("participant", "waiting")
        CHECKED_IN = "checked_in", pgettext_lazy("participant", "checked in")
        CANCELLED = "cancelled", pgettext_lazy("participant", "cancelled")
        DECLINED = "declined", pgettext_lazy("participant", "declined")
        EXPIRED = "expired", pgettext_lazy("participant", "offer expired")
        NO_SHOW = "no_show", pgettext_lazy("participant", "did not come")

    # What holds a place (pretix: paid, pending and offered to the waiting list).
    HOLDING = (Status.REGISTERED, Status.OFFERED, Status.CHECKED_IN)
    ACTIVE = (*HOLDING, Status.WAITING)

    distribution = models.ForeignKey("distribution.Distribution", on_delete=models.CASCADE,
                                     related_name="participants")
    group = models.PositiveIntegerField(_("session"), db_index=True,
                                        help_text="The owner's capacity row (e.g. a session id)")
    person = models.ForeignKey(Person, verbose_name=_("person"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="participations")
    household = models.ForeignKey(Household, verbose_name=_("household"), null=True,
                                  blank=True, on_delete=models.SET_NULL,
                                  related_name="participations")
    contact = models.ForeignKey(Person, verbose_name=_("contact person"), null=True,
                                blank=True, on_delete=models.SET_NULL, related_name="+")
    first_name = models.CharField(_("first name"), max_length=60)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.REGISTERED, db_index=True)
    code = models.CharField(_("check-in code"), max_length=8, blank=True)
    position = models.PositiveIntegerField(_("waiting position"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("answer by"), null=True, blank=True)
    notice_version = models.PositiveSmallIntegerField(default=0)
    details = models.JSONField(_("details"), default=dict, blank=True)
    walk_in = models.BooleanField(_("walk-in"), default=False)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        permissions = [("check_in", _("Can check participants in"))]
        constraints = [
            models.UniqueConstraint(fields=["distribution", "code"], condition=~Q(code=""),
                                    name="participant_code_unique"),
            # Once per person while active: a repeated TAK cannot register twice.
            models.UniqueConstraint(
                fields=["distribution", "person"],
                condition=Q(person__isnull=False, status__in=[
                    "registered", "offered", "waiting", "checked_in"]),
                name="participant_person_once"),
        ]
        indexes = [models.Index(fields=["distribution", "group", "status"])]

    def __str__(self) -> str:
        return f"{self.first_name} ({self.code or self.pk})"

    @property
    def is_waiting(self) -> bool:
        return self.status == self.Status.WAITING

    @property
    def is_checked_in(self) -> bool:
        return self.status == self.Status.CHECKED_IN

    @property
    def may_cancel(self) -> bool:
        """Registered, offered or waiting: not yet at the door."""
        return self.status in (self.Status.REGISTERED, self.Status.OFFERED, self.Status.WAITING)

    @property
    def is_offered(self) -> bool:
        return self.status == self.Status.OFFERED


class ParticipantGift(models.Model):
    """What one person gets of one item; the stock is reserved with ref = the participant."""

    class Status(models.TextChoices):
        RESERVED = "reserved", _("reserved")
        HANDED_OVER = "handed_over", _("handed over")
        RELEASED = "released", _("released")

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE,
                                    related_name="gifts")
    item = models.ForeignKey(Item, verbose_name=_("item"), on_delete=models.PROTECT,
                             related_name="+")
    quantity = models.DecimalField(_("quantity"), default=Decimal("1"), **QTY)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.RESERVED)
    lot = models.ForeignKey("inventory.Lot", null=True, blank=True, on_delete=models.PROTECT,
                            related_name="+", help_text="A named lot (a pledged gift)")

    class Meta:
        ordering = ["id"]
        verbose_name = _("gift")
        verbose_name_plural = _("gifts")

    def __str__(self) -> str:
        return f"{self.item} {self.quantity}"


class CheckIn(models.Model):
    """One check-in at the door; the client nonce (unique per participant) makes a retry
    harmless: a retry finds the participant checked in and its own nonce here."""

    participant = models.ForeignKey(Participant, on_delete=models.PROTECT,
                                    related_name="checkins")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                              related_name="+")
    at = models.DateTimeField(_("when"), auto_now_add=True)
    device_time = models.DateTimeField(null=True, blank=True)
    nonce = models.CharField(max_length=64)
    lines = models.JSONField(_("handed over"), default=list)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        constraints = [models.UniqueConstraint(fields=["participant", "nonce"],
                                               name="checkin_nonce_once")]

    def __str__(self) -> str:
        return f"{self.participant_id} {self.at:%Y-%m-%d %H:%M}"
