"""Background work (django-tasks) of the common layer: personal-data retention, for a
scheduler that runs tasks rather than cron (`manage.py privacy_retention` does the same)."""

from django_tasks import task

from .personal_data import run_retention


@task()
def privacy_retention() -> dict:
    return run_retention()
