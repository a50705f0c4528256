"""Background work (django-tasks): run housekeeping from cron or a scheduler."""

from django_tasks import task

from . import services


@task()
def exchange_housekeeping() -> dict:
    return services.housekeeping()
