from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from backend.common.collation import polish


class Site(models.Model):
    """A place of the centre: head office, field office, warehouse, pickup point."""

    class Kind(models.TextChoices):
        HEAD_OFFICE = "head_office", _("Head office")
        FIELD_OFFICE = "field_office", _("Field office")
        WAREHOUSE = "warehouse", _("Warehouse")
        PICKUP_POINT = "pickup_point", _("Pickup point")

    name = models.CharField(_("name"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    street = models.CharField(_("street and number"), max_length=200)
    postal_code = models.CharField(_("postal code"), max_length=6)
    city = models.CharField(_("city"), max_length=100)
    phone = models.CharField(_("phone"), max_length=16, blank=True)
    opening_hours = models.TextField(_("opening hours"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = [polish("name"), "id"]
        verbose_name = _("site")
        verbose_name_plural = _("sites")

    def __str__(self) -> str:
        return self.name

    @property
    def address(self) -> str:
        return f"{self.street}, {self.postal_code} {self.city}"


class User(AbstractUser):
    """Staff and volunteers. Roles are groups (backend.accounts.roles)."""

    phone = models.CharField(_("phone"), max_length=16, blank=True)
    sites = models.ManyToManyField(Site, verbose_name=_("sites"), blank=True, related_name="users")

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def role_names(self) -> list[str]:
        from .roles import role_label

        return [role_label(g.name) for g in self.groups.all()]


class AuditEntry(models.Model):
    """Who changed what, when. Written only by backend.accounts.audit."""

    class Action(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("changed")
        DELETE = "delete", _("deleted")
        EXPORT = "export", _("exported")
        ANONYMISE = "anonymise", _("anonymised")
        IMPORT = "import", _("imported")

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("who"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    action = models.CharField(_("action"), max_length=12, choices=Action.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("object"), max_length=200)
    # Related root object (e.g. the household of a person) so one history tab shows both.
    root_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    root_id = models.CharField(max_length=64, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["root_type", "root_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.object_repr}"
