from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    name = "backend.exchange"
    verbose_name = _("Equipment exchange")

    def ready(self) -> None:
        from . import receivers  # noqa: F401 - connects the TAK/NIE listener
