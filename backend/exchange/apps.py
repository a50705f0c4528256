from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "backend.exchange"
    verbose_name = _("Equipment exchange")

    def ready(self) -> None:
        import datetime as dt

        from backend.common import scheduler

        from . import receivers  # noqa: F401 - connects the TAK/NIE listener

        scheduler.register("exchange_housekeeping", "backend.exchange.services.housekeeping",
                           period=dt.timedelta(hours=1), minute=15)
