"""`manage.py messages [--app NAME ...]`: makemessages for Polish, per module.

Each app owns its catalogues: backend/<app>/locale for its Python code and
templates/<app>/locale for its templates; project-wide strings (base
templates, backend/common, settings) live in locale/. Limiting a run to one
app keeps parallel work on different apps free of .po conflicts.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.commands import makemessages

IGNORED = [".venv/*", "var/*", "build/*", "tests/*", "static/vendor/*", "node_modules/*", "docs/*"]


class Command(makemessages.Command):
    help = __doc__

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--app", action="append", default=[],
                            help="only this app (backend/<app> and templates/<app>)")

    def handle(self, *args, **options):
        self.only_apps = options.pop("app")
        base = Path(settings.BASE_DIR)
        for app in self.only_apps:
            (base / "backend" / app / "locale").mkdir(parents=True, exist_ok=True)
            if (base / "templates" / app).is_dir():
                (base / "templates" / app / "locale").mkdir(parents=True, exist_ok=True)
        options["locale"] = options["locale"] or ["pl"]
        options["ignore_patterns"] = [*options["ignore_patterns"], *IGNORED]
        options["no_obsolete"] = True
        options["add_location"] = "file"
        super().handle(*args, **options)

    def find_files(self, root):
        files = super().find_files(root)
        if not self.only_apps:
            return files
        base = Path(root).resolve()
        roots = [base / part / app for app in self.only_apps for part in ("backend", "templates")]
        return [f for f in files
                if any(Path(f.dirpath).resolve().is_relative_to(r) for r in roots)]
