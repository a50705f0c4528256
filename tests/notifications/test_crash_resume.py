"""A real worker process killed in the middle of a batch of 500, then restarted:
the fake Twilio server received every message exactly once.

The worker is `manage.py sms_dispatch` in a subprocess. On SQLite it runs against a
file database of its own (pytest-django's in-memory database cannot be shared with
another process); on PostgreSQL against the test database (transactional_db)."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from tests.fakes.twilio_server import ACCOUNT_SID, AUTH_TOKEN

ROOT = Path(__file__).resolve().parents[2]
COUNT = 500
ENQUEUE = f"""
from django.db import transaction
from backend.notifications import services
with transaction.atomic():
    services.enqueue_many([dict(purpose="crash-test", phone=f"+4860100{{i:04d}}",
                                text=f"Paczka do odbioru, kod {{i:04d}}") for i in range({COUNT})])
"""
REPORT = """
from collections import Counter
from backend.notifications.models import OutboxMessage
print(dict(Counter(OutboxMessage.objects.values_list("status", flat=True))))
"""


def _env(fake, tmp_path, database_url):
    return {**os.environ, "DATABASE_URL": database_url, "WSPOLNIE_VAR_DIR": str(tmp_path),
            "SMS_BACKEND": "twilio", "TWILIO_API_BASE": fake.base_url,
            "TWILIO_ACCOUNT_SID": ACCOUNT_SID, "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
            "TWILIO_FROM": "+48500000000", "SMS_RATE_PER_SECOND": "0", "SMS_QUIET_HOURS": "",
            "LOG_LEVEL": "WARNING", "PYTHONUNBUFFERED": "1",
            "SMS_STALE_SENDING_SECONDS": "1", "TWILIO_TIMEOUT": "1"}


def _manage(env, *args, timeout=120):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env,
                          check=True, capture_output=True, text=True, timeout=timeout)


@pytest.fixture
def database_url(tmp_path):
    if connection.vendor == "postgresql":
        s = connection.settings_dict
        return (f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}"
                f"/{s['NAME']}")
    return f"sqlite:///{tmp_path / 'worker.sqlite3'}"


@pytest.mark.django_db(transaction=True)
def test_killed_worker_resumes_without_sending_twice(fake_twilio, tmp_path, database_url):
    env = _env(fake_twilio, tmp_path, database_url)
    if database_url.startswith("sqlite"):
        _manage(env, "migrate", "--no-input")
    _manage(env, "shell", "-c", ENQUEUE)
    fake_twilio.delay = 0.005
    worker = subprocess.Popen([sys.executable, "manage.py", "sms_dispatch"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while len(fake_twilio.received) < COUNT // 3 and time.monotonic() < deadline:
        time.sleep(0.02)
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=10)
    received_at_kill = len(fake_twilio.received)
    assert 0 < received_at_kill < COUNT, "the worker must die in the middle of the batch"
    # The dead worker's lease (stale threshold 1 s, time-out 1 s + margin) runs out.
    time.sleep(3.5)
    # Restarted: first settle rows the dead worker left in `sending`, then send the rest.
    _manage(env, "sms_dispatch", "--reconcile-after", "0")
    assert len(fake_twilio.received) == COUNT
    assert not fake_twilio.duplicates()
    assert set(fake_twilio.per_number().values()) == {1}
    report = eval(_manage(env, "shell", "-c", REPORT).stdout.strip().splitlines()[-1])  # noqa: S307
    # The one request in flight at the kill reached Twilio unanswered: with no callback
    # (no web server here) nothing proves it is that row's, so it waits for a person.
    assert report.get("sent", 0) + report.get("unknown", 0) == COUNT
    assert report.get("unknown", 0) <= 1


@pytest.mark.django_db(transaction=True)
def test_two_workers_in_parallel_never_send_the_same_row(fake_twilio, tmp_path, database_url):
    """Claims lock rows (skip_locked on PostgreSQL, IMMEDIATE transactions on SQLite)."""
    env = _env(fake_twilio, tmp_path, database_url)
    if database_url.startswith("sqlite"):
        _manage(env, "migrate", "--no-input")
    _manage(env, "shell", "-c", ENQUEUE.replace("range(500)", "range(300)"))
    fake_twilio.delay = 0.002
    workers = [subprocess.Popen([sys.executable, "manage.py", "sms_dispatch"], cwd=ROOT,
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
               for _ in range(2)]
    for worker in workers:
        assert worker.wait(timeout=120) == 0, worker.stderr.read()
    assert len(fake_twilio.received) == 300
    assert not fake_twilio.duplicates()


@pytest.mark.django_db(transaction=True)
def test_db_worker_runs_the_dispatch_task_enqueued_on_commit(fake_twilio, tmp_path,
                                                             database_url):
    """enqueue() wakes the worker after commit: a django-tasks task on the `sms` queue that
    the real `manage.py db_worker` (django-tasks-db) runs."""
    env = _env(fake_twilio, tmp_path, database_url)
    env["TASKS_BACKEND"] = "django_tasks_db.DatabaseBackend"
    if database_url.startswith("sqlite"):
        _manage(env, "migrate", "--no-input")
    _manage(env, "shell", "-c", """
from django.db import transaction
from backend.notifications import services
with transaction.atomic():
    for i in range(5):
        services.enqueue(purpose="pickup", phone=f"+4860200{i:04d}", body="Kod 1234")
""")
    _manage(env, "db_worker", "--batch", "--queue-name", "sms", "--no-startup-delay")
    assert sorted(fake_twilio.per_number()) == [f"+4860200{i:04d}" for i in range(5)]
    assert not fake_twilio.duplicates()
