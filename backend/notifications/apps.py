from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "backend.notifications"
    verbose_name = _("SMS")

    def ready(self) -> None:
        import datetime as dt

        from backend.common import scheduler

        # Settle rows a dead worker left and wake the dispatcher (quiet hours end, etc.).
        scheduler.register("sms_reconcile", "backend.notifications.dispatch.scheduled_pass",
                           period=dt.timedelta(minutes=5), minute="*/5")
