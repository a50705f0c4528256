"""Background work on the django-tasks API (DESIGN §4): the same code runs on the
database backend (`manage.py db_worker`) and on django-tasks-rq (settings only)."""

import datetime as dt

from django.utils import timezone
from django_tasks import task

from . import dispatch


@task(queue_name="sms")
def dispatch_outbox() -> dict:
    """One pass; if rows wait (backoff, quiet hours, send_after), schedule the next pass."""
    dispatch.reconcile()
    result = dispatch.dispatch_pass()
    wake = result.deferred_until or dispatch.next_due()
    if wake is not None:
        wake = max(wake, timezone.now() + dt.timedelta(seconds=1))
        if wake > timezone.now() + dt.timedelta(seconds=1):
            try:
                dispatch_outbox.using(run_after=wake).enqueue()
            except Exception:  # noqa: BLE001 - a backend without run_after: cron catches up
                pass
    return {"sent": result.sent, "failed": result.failed, "retried": result.retried,
            "unknown": result.unknown}
