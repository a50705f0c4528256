from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "backend.common"
    verbose_name = _("Common")

    def ready(self) -> None:
        import datetime as dt

        from . import scheduler

        scheduler.register("privacy_retention", "backend.common.personal_data.run_retention",
                           period=dt.timedelta(days=1), hour=3, minute=30)
