"""Find a module of the same name in every project app (bench suites, demo loaders)."""

import importlib
from types import ModuleType

from django.apps import apps


def app_modules(name: str) -> list[ModuleType]:
    """`backend.<app>.<name>` for each project app, in INSTALLED_APPS order."""
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("backend."):
            continue
        dotted = f"{config.name}.{name}"
        try:
            found.append(importlib.import_module(dotted))
        except ModuleNotFoundError as exc:
            if exc.name != dotted:
                raise
    return found
