"""Scheduled jobs from the worker: one registry, APScheduler triggers, one run per
period whatever the number of workers (JobRun's unique run key)."""

import datetime as dt
import threading

import pytest
from django.db import connection

from backend.common import scheduler
from backend.common.models import JobRun

CALLS: list[str] = []


def _job():
    CALLS.append("ran")
    return {"done": len(CALLS)}


def _boom():
    raise RuntimeError("broken")


@pytest.fixture
def test_job():
    CALLS.clear()
    job = scheduler.register("test_job", "tests.common.test_scheduler._job",
                             period=dt.timedelta(hours=1), minute=0)
    yield job
    scheduler.REGISTRY.pop("test_job", None)


def test_apps_register_their_jobs():
    assert {"pickup_reminders", "delivery_notices", "exchange_housekeeping",
            "sms_reconcile", "privacy_retention"} <= set(scheduler.REGISTRY)


def test_the_scheduler_has_one_trigger_per_job():
    from apscheduler.schedulers.background import BackgroundScheduler

    built = scheduler.build(BackgroundScheduler)
    ids = {job.id for job in built.get_jobs()}
    assert ids == set(scheduler.REGISTRY)
    reminders = built.get_job("pickup_reminders")
    assert "hour='9'" in str(reminders.trigger)


def test_run_keys_per_period():
    from zoneinfo import ZoneInfo

    at = dt.datetime(2026, 12, 1, 9, 7, tzinfo=ZoneInfo("Europe/Warsaw"))
    daily = scheduler.Job("d", "x", dt.timedelta(days=1))
    hourly = scheduler.Job("h", "x", dt.timedelta(hours=1))
    five = scheduler.Job("f", "x", dt.timedelta(minutes=5))
    assert scheduler.run_key(daily, at) == "2026-12-01"
    assert scheduler.run_key(hourly, at) == "2026-12-01T09:00"
    assert scheduler.run_key(five, at) == "2026-12-01T09:05"


@pytest.mark.django_db
def test_a_job_runs_once_per_period_through_the_task_queue(test_job):
    at = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
    scheduler.enqueue("test_job", at)  # the immediate task backend runs it now
    scheduler.enqueue("test_job", at + dt.timedelta(minutes=10))  # a second worker
    assert CALLS == ["ran"]
    run = JobRun.objects.get(name="test_job")
    assert run.finished_at and run.result == {"done": "1"} and not run.error
    scheduler.enqueue("test_job", at + dt.timedelta(hours=1))  # the next period
    assert CALLS == ["ran", "ran"]


@pytest.mark.django_db
def test_a_failing_job_is_recorded_and_not_retried_in_its_period():
    scheduler.register("boom", "tests.common.test_scheduler._boom",
                       period=dt.timedelta(days=1), hour=3)
    try:
        assert scheduler.run_job("boom", "2026-12-01") == {}
        assert "RuntimeError" in JobRun.objects.get(name="boom").error
        assert scheduler.run_job("boom", "2026-12-01") is None
    finally:
        scheduler.REGISTRY.pop("boom", None)


@pytest.mark.django_db
def test_pickup_reminders_job_is_idempotent():
    first = scheduler.run_job("pickup_reminders", "2026-12-01")
    assert first == {"result": 0}
    assert scheduler.run_job("pickup_reminders", "2026-12-01") is None


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_run_it_once(test_job):
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is proven on PostgreSQL")
    barrier = threading.Barrier(4)
    results = []

    def worker():
        from django.db import connection as conn

        try:
            barrier.wait()
            results.append(scheduler.run_job("test_job", "2026-12-01T09:00"))
        finally:
            conn.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert CALLS == ["ran"] and sum(r is not None for r in results) == 1
    assert JobRun.objects.filter(name="test_job").count() == 1


def test_worker_command_starts_the_scheduler_beside_db_worker(tmp_path):
    """`manage.py worker` (what `make run` starts): the scheduler is up, then db_worker
    runs in the same process. A real process, stopped once it reports its jobs."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'w.sqlite3'}"}
    proc = subprocess.Popen([sys.executable, "manage.py", "worker", "--", "--queue-name",
                             "*", "--interval", "1", "--no-reload"], cwd=root, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for _ in range(50):  # APScheduler logs first; then our line
            line = proc.stdout.readline()
            if not line or line.startswith("scheduler: "):
                break
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert line.startswith("scheduler: ") and "pickup_reminders" in line


def test_the_readme_asks_for_no_cron():
    """Issue 11: the scheduled jobs run from the worker, so the README's crontab lines go
    and every job the worker schedules is named there."""
    import re
    from pathlib import Path

    from backend.common.scheduler import REGISTRY

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    field = r"[\d*/,-]+"
    crontab = re.compile(rf"^\s*(?:{field}\s+){{5}}\S", re.MULTILINE)
    assert not crontab.search(readme) and "crontab" not in readme.lower()
    assert all(f"`{name}`" in readme for name in REGISTRY if name != "test_job")
