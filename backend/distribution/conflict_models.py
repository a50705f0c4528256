"""A hand-over that happened offline but could not be applied as it was: the same code
handed over on two devices (or refused by a guard after the fact). Kept with both records
for the coordinator, instead of silently keeping one (docs/decisions/0110)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class HandOverConflict(models.Model):
    class Resolution(models.TextChoices):
        OPEN = "", _("open")
        ONE_PACKAGE = "one_package", _("only one package left: nothing more to book")
        SECOND_PACKAGE = "second_package", _("a second package left: book it out of stock")

    enrolment = models.ForeignKey("distribution.Enrolment", on_delete=models.PROTECT,
                                  related_name="conflicts")
    # the hand-over the server applied first (null when a guard refused the offline one)
    first = models.ForeignKey("distribution.HandOver", null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=32)  # already_handed_over or a refusal code
    # the second record, as the device sent it; its nonce makes a re-sync harmless
    nonce = models.CharField(max_length=64)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                              related_name="+")
    device_time = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(_("received"), auto_now_add=True)
    site = models.ForeignKey("accounts.Site", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    resolution = models.CharField(_("resolution"), max_length=16, blank=True,
                                  choices=Resolution.choices, default=Resolution.OPEN)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    resolved_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["resolution", "-received_at", "-id"]
        verbose_name = _("hand-over conflict")
        verbose_name_plural = _("hand-over conflicts")
        constraints = [models.UniqueConstraint(fields=["nonce"], name="conflict_nonce_once")]

    def __str__(self) -> str:
        return f"{self.enrolment_id} {self.reason}"
