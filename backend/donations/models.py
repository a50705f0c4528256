from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import Site
from backend.inventory.models import QTY, Item, Location, Lot
from backend.people.models import Donor


class Donation(models.Model):
    """Goods received from a donor (or anonymously), turned into lots in one transaction."""

    donor = models.ForeignKey(Donor, verbose_name=_("donor"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="donations")
    date = models.DateField(_("date"))
    site = models.ForeignKey(Site, verbose_name=_("site"), on_delete=models.PROTECT,
                             related_name="donations")
    # A real foreign key since issue 10 (docs/decisions/0011): donations depend on drives.
    drive = models.ForeignKey("drives.Drive", verbose_name=_("drive"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="donations")
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("donation")
        verbose_name_plural = _("donations")

    def __str__(self) -> str:
        return f"{_('Donation')} {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("donations:detail", args=[self.pk])

    @property
    def number(self) -> str:
        return f"D/{str(self.date)[:4]}/{self.pk:05d}"

    @property
    def donor_label(self) -> str:
        return self.donor.name if self.donor_id else str(_("anonymous donor"))


class DonationLine(models.Model):
    donation = models.ForeignKey(Donation, on_delete=models.CASCADE, related_name="lines")
    item = models.ForeignKey(Item, verbose_name=_("item"), on_delete=models.PROTECT,
                             related_name="+")
    quantity = models.DecimalField(_("quantity"), **QTY)
    expiry = models.DateField(_("expiry date"), null=True, blank=True)
    location = models.ForeignKey(Location, verbose_name=_("location"), on_delete=models.PROTECT,
                                 related_name="+")
    lot = models.OneToOneField(Lot, null=True, on_delete=models.PROTECT, related_name="+")
    # Individual units: one lot per piece; the line keeps the first, all share the donation ref.

    class Meta:
        ordering = ["id"]
        verbose_name = _("donation line")
        verbose_name_plural = _("donation lines")

    def __str__(self) -> str:
        return f"{self.item} {self.quantity}"
