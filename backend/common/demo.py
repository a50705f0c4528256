"""Demo data of every module: `backend.<app>.demo.load(stdout)` in INSTALLED_APPS order
(people first, then the modules that build on it). Each loader is idempotent."""

from django.db import transaction

from .modules import app_modules


@transaction.atomic
def load_all(stdout=None) -> dict[str, int]:
    totals: dict[str, int] = {}
    for module in app_modules("demo"):
        if hasattr(module, "load"):
            totals.update(module.load(stdout) or {})
    return totals
