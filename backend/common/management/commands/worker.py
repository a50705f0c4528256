"""The background worker with its scheduler: `manage.py worker` = APScheduler (jobs of
backend/common/scheduler.py, enqueued as tasks) + django-tasks' `db_worker`. No cron."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from backend.common import scheduler


class Command(BaseCommand):
    help = "Run the task worker (db_worker) and the scheduled jobs (pickup reminders, ...)."

    def add_arguments(self, parser):
        parser.add_argument("--no-scheduler", action="store_true")
        parser.add_argument("worker_args", nargs="*",
                            help="passed to db_worker, e.g. -- --queue-name '*'")

    def handle(self, *args, **options):
        jobs = None
        if not options["no_scheduler"]:
            jobs = scheduler.build()
            jobs.start()
            self.stdout.write("scheduler: " + ", ".join(sorted(scheduler.REGISTRY)))
            self.stdout.flush()
        try:
            call_command("db_worker", *options["worker_args"])
        finally:
            if jobs is not None:
                jobs.shutdown(wait=False)
