"""Never twice, never "sent" when it was not: two dispatchers racing with a slow provider,
a crash between send and save with identical texts to one number, a status callback that
comes before the send call returned. The real twilio client against the fake server."""

import datetime as dt
import subprocess
import sys
import time

import pytest
from django.utils import timezone

from backend.notifications import dispatch, providers, services
from backend.notifications.models import OutboxMessage
from tests.notifications.test_crash_resume import ROOT, _env, _manage, database_url  # noqa: F401

S = OutboxMessage.Status
MOBILE = "+48601234567"
TEXT = "Paczka czeka, kod 4821"
ROWS = 40
RACE_ENQUEUE = f"""
from django.db import transaction
from backend.notifications import services
with transaction.atomic():
    for i in range({ROWS}):
        services.enqueue(purpose="race", phone=f"+4860300{{i:04d}}", body=f"Kod {{i:04d}}")
"""
LEFT = """
from backend.notifications.models import OutboxMessage
print(OutboxMessage.objects.filter(status__in=["queued", "sending"]).count())
"""


@pytest.mark.django_db(transaction=True)
def test_two_dispatchers_with_a_slow_provider_send_each_row_once(fake_twilio, tmp_path,
                                                                 database_url):  # noqa: F811
    """The db_worker task holds a long pass (0.3 s a message); cron `sms_dispatch` runs
    every half second with a one-second stale threshold. Each message arrives once."""
    env = {**_env(fake_twilio, tmp_path, database_url), "SMS_STALE_SENDING_SECONDS": "1",
           "TWILIO_TIMEOUT": "2", "TASKS_BACKEND": "django_tasks_db.DatabaseBackend"}
    if database_url.startswith("sqlite"):
        _manage(env, "migrate", "--no-input")
    _manage(env, "shell", "-c", RACE_ENQUEUE)  # commits, and enqueues the dispatch task
    fake_twilio.delay = 0.3
    task_worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--batch", "--queue-name", "sms",
         "--no-startup-delay"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE)
    time.sleep(1.5)  # the task has claimed its rows
    cron = subprocess.Popen([sys.executable, "manage.py", "sms_dispatch", "--loop",
                             "--interval", "0.5"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        assert task_worker.wait(timeout=120) == 0, task_worker.stderr.read()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if _manage(env, "shell", "-c", LEFT).stdout.strip().splitlines()[-1] == "0":
                break
            time.sleep(0.5)
    finally:
        cron.terminate()
        cron.wait(timeout=10)
    sends = len(fake_twilio.received)
    print(f"\n{ROWS} rows -> {sends} sends, duplicates: {fake_twilio.duplicates()}")
    assert sorted(fake_twilio.per_number()) == [f"+4860300{i:04d}" for i in range(ROWS)]
    assert sends == ROWS and not fake_twilio.duplicates()


def _expire_lease(row):
    """Time passes: the crashed dispatcher's claim is long over."""
    past = timezone.now() - dt.timedelta(hours=1)
    fields = {"claimed_at": past}
    if hasattr(OutboxMessage, "lease_until"):
        fields["lease_until"] = past
    OutboxMessage.objects.filter(pk=row.pk).update(**fields)


def _reference(row):
    return str(getattr(row, "reference", None) or row.pk)


def test_crash_before_the_send_is_not_taken_for_an_earlier_identical_text(db, fake_twilio):
    """Row 1 was sent; row 2 (same number, same text) was claimed and the worker died before
    its request left. Reconciling must not take row 1's message for row 2's."""
    first = services.enqueue(purpose="a", phone=MOBILE, body=TEXT)
    dispatch.dispatch_pass()
    first.refresh_from_db()
    second = services.enqueue(purpose="b", phone=MOBILE, body=TEXT)
    (claimed,) = dispatch.claim(timezone.now())  # ... and the worker dies here
    _expire_lease(claimed)
    dispatch.reconcile(older_than=dt.timedelta(0))
    dispatch.dispatch_pass()
    first.refresh_from_db()
    second.refresh_from_db()
    assert len(fake_twilio.received) == 2, "the second text was lost"
    assert second.status == S.SENT
    assert second.provider_message_id != first.provider_message_id
    assert set(fake_twilio.messages) == {first.provider_message_id, second.provider_message_id}


def test_crash_after_the_send_is_never_marked_sent_with_another_id(db, client, fake_twilio):
    """Row 2's request reached Twilio but the worker died before saving the answer. Only
    something unique to row 2 (our reference in its status callback) may settle it."""
    first = services.enqueue(purpose="a", phone=MOBILE, body=TEXT)
    dispatch.dispatch_pass()
    first.refresh_from_db()
    second = services.enqueue(purpose="b", phone=MOBILE, body=TEXT)
    (claimed,) = dispatch.claim(timezone.now())
    result = providers.get_provider().send(to=claimed.phone, body=claimed.body,
                                           reference=_reference(claimed))
    assert result.outcome == providers.SENT  # ... and the worker dies before saving it
    _expire_lease(claimed)
    dispatch.reconcile(older_than=dt.timedelta(0))
    dispatch.dispatch_pass()
    second.refresh_from_db()
    assert second.provider_message_id != first.provider_message_id
    assert second.status == S.UNKNOWN  # in doubt: a person or the callback decides
    assert len(fake_twilio.received) == 2  # not resent
    fake_twilio.status_callback(result.message_id, "delivered", client)
    second.refresh_from_db()
    assert second.status == S.DELIVERED and second.provider_message_id == result.message_id
    first.refresh_from_db()
    assert first.status == S.SENT and first.provider_message_id != result.message_id


@pytest.mark.django_db(transaction=True)
def test_a_callback_before_the_send_returned_is_kept_and_applied(live_server, fake_twilio,
                                                                 settings):
    settings.BASE_URL = live_server.url
    fake_twilio.early_callback = "delivered"
    message = services.enqueue(purpose="early", phone=MOBILE, body=TEXT)
    dispatch.dispatch_pass()
    message.refresh_from_db()
    assert fake_twilio.callbacks and fake_twilio.callbacks[0][2] == 204
    assert message.provider_message_id == fake_twilio.callbacks[0][0]
    assert message.status == S.DELIVERED
