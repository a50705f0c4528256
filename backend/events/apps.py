from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "backend.events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from . import receivers  # noqa: F401 - connects reply_received
