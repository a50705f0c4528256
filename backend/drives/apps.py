from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DrivesConfig(AppConfig):
    name = "backend.drives"
    verbose_name = _("Drives")

    def ready(self) -> None:
        import datetime as dt

        from backend.common import scheduler

        # The day before: pickup reminders (and delivery notices) for tomorrow.
        scheduler.register("pickup_reminders", "backend.distribution.services.send_reminders",
                           period=dt.timedelta(days=1), hour=9, minute=0)
        scheduler.register("delivery_notices", "backend.drives.delivery.send_delivery_notices",
                           period=dt.timedelta(days=1), hour=9, minute=5)
