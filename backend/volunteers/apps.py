from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "backend.volunteers"
    verbose_name = _("Volunteers")

    def ready(self) -> None:
        from . import receivers  # noqa: F401 - connects the TAK listener
