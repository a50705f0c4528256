"""Background work (django-tasks): the day-before reminders, for a scheduler that runs
tasks rather than cron (`manage.py pickup_reminders` does the same)."""

from django_tasks import task

from . import services


@task()
def send_pickup_reminders() -> int:
    return services.send_reminders()
