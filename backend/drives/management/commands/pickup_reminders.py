"""Daily (cron or a scheduled task): SMS reminders for tomorrow's pickup slots."""

import datetime as dt

from django.core.management.base import BaseCommand

from backend.distribution.services import send_reminders


class Command(BaseCommand):
    help = "Queue SMS reminders for pickups tomorrow (idempotent: run it as often as you like)."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None)

    def handle(self, *args, **options):
        count = send_reminders(options["today"])
        self.stdout.write(f"{count}")
