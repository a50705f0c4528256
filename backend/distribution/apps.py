from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DistributionConfig(AppConfig):
    name = "backend.distribution"
    verbose_name = _("Distribution")

    def ready(self) -> None:
        from . import receivers  # noqa: F401 - connects reply_received
