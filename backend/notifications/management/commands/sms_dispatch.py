"""`manage.py sms_dispatch`: one dispatch pass (cron, tests); --loop keeps going."""

import datetime as dt
import time

from django.core.management.base import BaseCommand

from backend.notifications import dispatch


class Command(BaseCommand):
    help = "Send due SMS from the outbox once (or in a loop)."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="repeat every --interval s")
        parser.add_argument("--interval", type=float, default=5.0)
        parser.add_argument("--reconcile-after", type=float, default=None,
                            help="settle `sending`/`unknown` rows older than this (seconds)")

    def handle(self, *args, **options):
        older = options["reconcile_after"]
        while True:
            settled = dispatch.reconcile(
                older_than=dt.timedelta(seconds=older) if older is not None else None)
            result = dispatch.dispatch_pass()
            self.stdout.write(
                f"reconciled={settled} sent={result.sent} failed={result.failed} "
                f"retried={result.retried} unknown={result.unknown}")
            if not options["loop"]:
                return
            time.sleep(options["interval"])
