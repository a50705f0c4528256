from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FoodAidConfig(AppConfig):
    name = "backend.foodaid"
    label = "foodaid"
    verbose_name = _("Food aid (FEPŻ)")

    def ready(self) -> None:
        from . import receivers  # noqa: F401 - the ration ledger listens to hand-overs
