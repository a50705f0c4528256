from django.db import models
from django.utils.translation import gettext_lazy as _


class Report(models.Model):
    """No table: the holder of the reports permission (roles.py gives it by role).
    Reports are read from the other apps' rows, never stored."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("view_reports", _("Can see reports"))]

    def __str__(self) -> str:
        return str(_("report"))
