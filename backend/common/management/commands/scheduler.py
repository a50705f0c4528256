"""`manage.py scheduler`: only the scheduled jobs, for task backends without `db_worker`
(django-tasks-rq). The jobs are enqueued as tasks; the run key keeps them once a period
even if `manage.py worker` runs a scheduler too."""

from django.core.management.base import BaseCommand

from backend.common import scheduler


class Command(BaseCommand):
    help = "Run the scheduled jobs' triggers in the foreground (they enqueue tasks)."

    def handle(self, *args, **options):
        from apscheduler.schedulers.blocking import BlockingScheduler

        jobs = scheduler.build(BlockingScheduler)
        self.stdout.write("scheduler: " + ", ".join(sorted(scheduler.REGISTRY)))
        self.stdout.flush()
        try:
            jobs.start()
        except (KeyboardInterrupt, SystemExit):
            pass
