from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "backend.events"
    verbose_name = _("Events")

    def ready(self) -> None:
        import datetime as dt

        from backend.common import scheduler

        from . import receivers  # noqa: F401 - connects reply_received

        # Waiting-list offers have a reply deadline: pass expired ones on every 15 minutes.
        scheduler.register("events_offers", "backend.events.tasks.expire_all_offers",
                           period=dt.timedelta(minutes=15), minute="*/15")
