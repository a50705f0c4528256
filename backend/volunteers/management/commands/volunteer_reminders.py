"""Daily (cron or a scheduled task): SMS reminders for tomorrow's volunteer shifts."""

import datetime as dt

from django.core.management.base import BaseCommand

from backend.volunteers.reminders import send_day_before


class Command(BaseCommand):
    help = "Queue SMS reminders for volunteer shifts tomorrow (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None)

    def handle(self, *args, **options):
        self.stdout.write(f"{send_day_before(options['today'])}")
