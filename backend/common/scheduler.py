"""Scheduled jobs, run from the worker itself: no cron (docs/decisions/0071).

Apps register their jobs in AppConfig.ready()::

    from backend.common import scheduler
    scheduler.register("pickup_reminders", "backend.distribution.services.send_reminders",
                       period=dt.timedelta(days=1), hour=9, minute=0)

`manage.py worker` (what `make run` starts) runs APScheduler 3.x in the background of
the django-tasks database worker. At each cron time the scheduler only *enqueues* the
task `run_scheduled(name, run_key)`; the task claims the run key (unique per job and
period, a JobRun row) before doing anything, so any number of workers, restarts or
retries run a job once per period. Each job must also be idempotent by itself.
"""

from __future__ import annotations

import datetime as dt
import logging
import traceback
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

log = logging.getLogger(__name__)
WARSAW = ZoneInfo("Europe/Warsaw")


@dataclass(frozen=True)
class Job:
    name: str
    func: str  # dotted path, imported when the job runs (no import cycles at ready())
    period: dt.timedelta
    cron: dict = field(default_factory=dict)  # APScheduler CronTrigger fields


REGISTRY: dict[str, Job] = {}


def register(name: str, func: str, *, period: dt.timedelta, **cron) -> Job:
    """Add (or replace: ready() may run twice in tests) a job. `cron`: minute, hour,
    day_of_week... in Europe/Warsaw; `period`: one run per this much time."""
    job = Job(name, func, period, cron)
    REGISTRY[name] = job
    return job


def run_key(job: Job, now: dt.datetime | None = None) -> str:
    """The period `now` falls in, e.g. '2026-12-01' (daily) or '2026-12-01T09:15'."""
    local = timezone.localtime(now or timezone.now(), WARSAW)
    seconds = int(job.period.total_seconds())
    if seconds >= 86400 and seconds % 86400 == 0:
        days = seconds // 86400
        ordinal = local.date().toordinal() // days * days
        return dt.date.fromordinal(ordinal).isoformat()
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    since = int((local - midnight).total_seconds()) // seconds * seconds
    return (midnight + dt.timedelta(seconds=since)).strftime("%Y-%m-%dT%H:%M")


def claim(name: str, key: str):
    """The JobRun row for this period, or None if another worker already took it."""
    from .models import JobRun

    try:
        with transaction.atomic():
            return JobRun.objects.create(name=name, run_key=key)
    except IntegrityError:
        return None


def run_job(name: str, key: str | None = None) -> dict | None:
    """Run a registered job once for its period; None if it already ran (or runs)."""
    from .models import JobRun

    job = REGISTRY[name]
    run = claim(name, key or run_key(job))
    if run is None:
        return None
    result, error = {}, ""
    try:
        value = import_string(job.func)()
        result = value if isinstance(value, dict) else {"result": value}
    except Exception:  # noqa: BLE001 - recorded on the run row, the worker goes on
        error = traceback.format_exc()[-4000:]
        log.exception("scheduled job %s failed", name)
    JobRun.objects.filter(pk=run.pk).update(
        finished_at=timezone.now(), result={k: str(v) for k, v in result.items()},
        error=error)
    return result


@task()
def run_scheduled(name: str, key: str) -> dict | None:
    return run_job(name, key)


def enqueue(name: str, now: dt.datetime | None = None) -> None:
    """What the scheduler does at a job's time: queue the task with this period's key."""
    run_scheduled.enqueue(name, run_key(REGISTRY[name], now))


def build(scheduler_class=None):
    """An APScheduler scheduler with one cron trigger per registered job (not started)."""
    from apscheduler.schedulers.background import BackgroundScheduler
    from apscheduler.triggers.cron import CronTrigger

    scheduler = (scheduler_class or BackgroundScheduler)(timezone=WARSAW)
    for job in REGISTRY.values():
        scheduler.add_job(enqueue, CronTrigger(timezone=WARSAW, **job.cron), args=[job.name],
                          id=job.name, coalesce=True, max_instances=1,
                          misfire_grace_time=int(job.period.total_seconds()) // 2 or 1,
                          replace_existing=True)
    return scheduler
