"""`make run`: the web server and the background worker (with its scheduler) together,
demo log-ins printed."""

import signal
import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the development web server and the task worker (db_worker) together."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--no-worker", action="store_true")

    def handle(self, *args, **options):
        from backend.people.demo import DEMO_PASSWORD, DEMO_USERS

        self.stdout.write(self.style.SUCCESS(f"\nWspólnie: http://{options['addrport']}/"))
        self.stdout.write(f"Demo log-ins (password for all: {DEMO_PASSWORD}):")
        for username, _first, _last, role in DEMO_USERS:
            self.stdout.write(f"  {role:<20} {username}")
        self.stdout.write("")
        worker = None
        if not options["no_worker"]:
            worker = subprocess.Popen(
                # The worker runs the scheduled jobs too (backend/common/scheduler.py): no cron.
                [sys.executable, "manage.py", "worker", "--", "--queue-name", "*", "--interval",
                 "1", "--no-reload"]
            )
        try:
            call_command("runserver", options["addrport"], use_reloader=False)
        finally:
            if worker is not None:
                worker.send_signal(signal.SIGTERM)
                worker.wait(timeout=10)
