from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "backend.volunteers"
    verbose_name = _("Volunteers")

    def ready(self) -> None:
        import datetime as dt

        from backend.common import scheduler

        from . import receivers  # noqa: F401 - connects the TAK listener

        # The day before a shift: one reminder per volunteer (idempotent by its dedupe key).
        scheduler.register("volunteer_reminders", "backend.volunteers.reminders.send_day_before",
                           period=dt.timedelta(days=1), hour=17, minute=0)
