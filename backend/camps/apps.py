from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampsConfig(AppConfig):
    name = "backend.camps"
    verbose_name = _("Camps")

    def ready(self) -> None:
        import datetime as dt

        from backend.common import scheduler

        from . import receivers  # noqa: F401 - connects reply_received
        from .texts import install

        install()
        # Offers have a reply deadline (TAK by …): pass unanswered ones on.
        scheduler.register("camps_offers", "backend.camps.tasks.expire_all_offers",
                           period=dt.timedelta(minutes=15), minute="*/15")
