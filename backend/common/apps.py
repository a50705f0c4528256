import datetime as dt

from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "backend.common"
    verbose_name = _("Common")

    def ready(self) -> None:
        from . import scheduler
        from .collation import register

        connection_created.connect(register, dispatch_uid="common.collation.register")

        scheduler.register("privacy_retention", "backend.common.personal_data.run_retention",
                           period=dt.timedelta(days=1), hour=3, minute=30)
