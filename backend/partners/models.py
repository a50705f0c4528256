"""Partner organisations (NGO, parish, food bank, school): their log-ins see what the centre
shares with them, they may run a pickup point of a drive, and a drive's goods can be
transferred to them with a signed protocol (decision 0107)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import Site
from backend.common.collation import polish


class Access(models.TextChoices):
    NONE = "none", _("nothing about recipients")
    CODE = "code", _("first name and pickup code")
    FULL = "full", _("full record")


class Partner(models.Model):
    class Kind(models.TextChoices):
        NGO = "ngo", _("NGO")
        PARISH = "parish", _("parish")
        FOOD_BANK = "food_bank", _("food bank")
        SCHOOL = "school", _("school")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    nip = models.CharField(_("NIP"), max_length=10, blank=True)
    address = models.CharField(_("address"), max_length=250)
    phone = models.CharField(_("phone"), max_length=16, blank=True)
    point = models.ForeignKey(Site, verbose_name=_("pickup point it runs"), null=True,
                              blank=True, on_delete=models.SET_NULL, related_name="partners")
    users = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("log-ins"),
                                   blank=True, related_name="partners")
    access = models.CharField(_("what it sees about recipients"), max_length=4,
                              choices=Access.choices, default=Access.NONE, editable=False)

    class Meta:
        ordering = [polish("name"), "id"]
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        permissions = [("share_with_partner", _("Can change what a partner sees")),
                       ("view_own_point", _("Can see its own pickup point (partner)")),
                       ("transfer_to_partner", _("Can transfer a drive's goods to a partner"))]

    def __str__(self) -> str:
        return self.name


class Share(models.Model):
    """Each change of what a partner sees: who decided, when, why (append-only)."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="shares")
    access = models.CharField(_("access"), max_length=4, choices=Access.choices)
    previous = models.CharField(_("before"), max_length=4, choices=Access.choices)
    why = models.CharField(_("why"), max_length=300)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                              related_name="+")
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("share")
        verbose_name_plural = _("shares")

    def __str__(self) -> str:
        return f"{self.partner_id}: {self.previous} → {self.access}"


class Transfer(models.Model):
    """The goods of a drive handed to a partner: issued from stock (ref = this row), listed
    on the protocol both sides sign."""

    drive = models.ForeignKey("drives.Drive", verbose_name=_("drive"), on_delete=models.PROTECT,
                              related_name="transfers")
    partner = models.ForeignKey(Partner, verbose_name=_("partner"), on_delete=models.PROTECT,
                                related_name="transfers")
    lines = models.JSONField(_("items"), default=list)  # [{item, unit, quantity, lot}]
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                              related_name="+")
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("transfer to a partner")
        verbose_name_plural = _("transfers to partners")

    def __str__(self) -> str:
        return f"{self.drive} → {self.partner}"
