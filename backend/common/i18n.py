"""Compile .po catalogues with polib, so a fresh machine needs no GNU gettext."""

from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings


def locale_dirs() -> list[Path]:
    dirs = [Path(p) for p in settings.LOCALE_PATHS]
    for app in apps.get_app_configs():
        candidate = Path(app.path) / "locale"
        if candidate.is_dir() and app.name.startswith("backend."):
            dirs.append(candidate)
    return [d for d in dirs if d.is_dir()]


def compile_all() -> list[Path]:
    compiled = []
    for directory in locale_dirs():
        for po_path in directory.glob("*/LC_MESSAGES/*.po"):
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            compiled.append(mo_path)
    return compiled
