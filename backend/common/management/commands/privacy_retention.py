"""`manage.py privacy_retention [--dry-run]`: anonymise personal data that has outlived
settings.RETENTION_DAYS (daily from cron; idempotent). Prints counts per kind, as JSON."""

import json

from django.core.management.base import BaseCommand

from backend.common.personal_data import run_retention


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="only count what expired")

    def handle(self, *args, **options):
        self.stdout.write(json.dumps(run_retention(dry_run=options["dry_run"]),
                                     sort_keys=True))
