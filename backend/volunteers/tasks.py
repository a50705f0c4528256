"""Background work (django-tasks): the daily reminders, also run by the worker's scheduler."""

from django_tasks import task

from . import reminders


@task()
def volunteer_reminders() -> int:
    return reminders.send_day_before()
