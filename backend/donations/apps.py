from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DonationsConfig(AppConfig):
    name = "backend.donations"
    verbose_name = _("Donations")

    def ready(self):
        from . import scanning

        scanning.register()
