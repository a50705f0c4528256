"""The dispatch pass: claim due outbox rows, send them, record what happened.

Never twice: a row is claimed under a row lock (skip_locked on PostgreSQL; SQLite
serialises writers with IMMEDIATE transactions) and marked `sending` in that
transaction, before the provider is called. A timeout after the request left makes
it `unknown`; reconcile() settles it by looking the message up, never by resending.
"""

import datetime as dt
import time
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Min
from django.utils import timezone

from . import providers
from .models import OptOut, OutboxMessage
from .services import apply_status

S = OutboxMessage.Status
WARSAW = ZoneInfo("Europe/Warsaw")
CLAIM_SIZE = 50


@dataclass
class PassResult:
    sent: int = 0
    failed: int = 0
    retried: int = 0
    unknown: int = 0
    skipped: int = 0
    expired: int = 0
    deferred_until: dt.datetime | None = None
    counts: dict = field(default_factory=dict)

    @property
    def handled(self) -> int:
        return self.sent + self.failed + self.retried + self.unknown + self.skipped + self.expired


def sending_window() -> tuple[dt.time, dt.time] | None:
    raw = (getattr(settings, "SMS_QUIET_HOURS", "") or "").strip()
    if not raw or raw.lower() in {"off", "none", "0"}:
        return None
    start, end = (dt.time.fromisoformat(part.strip().zfill(5)) for part in raw.split("-"))
    return start, end


def next_window_start(now: dt.datetime) -> dt.datetime | None:
    """None if `now` is inside the sending window, else when it next opens."""
    window = sending_window()
    if window is None:
        return None
    start, end = window
    local = now.astimezone(WARSAW)
    if start <= local.time() < end:
        return None
    day = local.date() if local.time() < start else local.date() + dt.timedelta(days=1)
    return dt.datetime.combine(day, start, tzinfo=WARSAW)


def backoff(attempts: int) -> dt.timedelta:
    return dt.timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 3600))


def _lock(queryset):
    if connection.features.has_select_for_update_skip_locked:
        return queryset.select_for_update(skip_locked=True)
    return queryset.select_for_update()


def claim(now: dt.datetime, limit: int = CLAIM_SIZE) -> list[OutboxMessage]:
    """Take due rows and mark them `sending` in one transaction. Expired, opted-out
    and (since enqueue) non-mobile rows are settled here instead."""
    with transaction.atomic():
        rows = list(_lock(OutboxMessage.objects.filter(
            status=S.QUEUED, next_attempt_at__lte=now).order_by("next_attempt_at", "id"))
            [:limit])
        if not rows:
            return []
        opted = set(OptOut.objects.filter(phone__in={r.phone for r in rows})
                    .values_list("phone", flat=True))
        ready, settled = [], []
        for row in rows:
            if row.expires_at and row.expires_at <= now:
                row.status, row.error_code = S.EXPIRED, "expired"
            elif row.phone in opted:
                row.status, row.error_code = S.SKIPPED_OPTED_OUT, "opted_out"
            else:
                row.status, row.claimed_at = S.SENDING, now
                row.attempts += 1
                ready.append(row)
                continue
            row.status_changed_at = now
            settled.append(row)
        OutboxMessage.objects.bulk_update(
            rows, ["status", "error_code", "claimed_at", "attempts", "status_changed_at"])
    return ready


class Pacer:
    """At most SMS_RATE_PER_SECOND sends per second for this sender (0 = off)."""

    def __init__(self, rate: float):
        self.interval = 1.0 / rate if rate and rate > 0 else 0.0
        self.next_at = 0.0

    def wait(self) -> None:
        if not self.interval:
            return
        now = time.monotonic()
        if self.next_at > now:
            time.sleep(self.next_at - now)
        self.next_at = max(now, self.next_at) + self.interval


def _record(row: OutboxMessage, result: providers.SendResult, provider_name: str,
            result_counts: PassResult) -> None:
    now = timezone.now()
    fields = {"provider": provider_name, "status_changed_at": now,
              "error_code": result.error_code, "error_text": result.error_text}
    if result.outcome == providers.SENT:
        fields.update(status=S.SENT, provider_message_id=result.message_id, sent_at=now)
        result_counts.sent += 1
    elif result.outcome == providers.UNKNOWN:
        fields.update(status=S.UNKNOWN)
        result_counts.unknown += 1
    elif result.outcome == providers.TRANSIENT and row.attempts < settings.SMS_MAX_ATTEMPTS:
        fields.update(status=S.QUEUED, next_attempt_at=now + backoff(row.attempts))
        result_counts.retried += 1
    else:
        fields.update(status=S.FAILED)
        result_counts.failed += 1
    # Only a row still `sending` is ours to settle (a callback may have moved it on).
    OutboxMessage.objects.filter(pk=row.pk, status=S.SENDING).update(**fields)


def dispatch_pass(*, now: dt.datetime | None = None, limit: int | None = None) -> PassResult:
    """Send every due row once; returns what happened. Safe to run in parallel."""
    result = PassResult()
    live = now is None  # a real pass re-checks the window between chunks
    now = now or timezone.now()
    result.deferred_until = next_window_start(now)
    if result.deferred_until is not None:
        return result  # quiet hours: rows wait for the window, never dropped
    provider = providers.get_provider()
    pacer = Pacer(getattr(settings, "SMS_RATE_PER_SECOND", 0))
    done = 0
    while limit is None or done < limit:
        if live and done and next_window_start(timezone.now()) is not None:
            result.deferred_until = next_window_start(timezone.now())
            break  # the window closed during a long pass: the rest waits
        size = CLAIM_SIZE if limit is None else min(CLAIM_SIZE, limit - done)
        rows = claim(now if done == 0 else max(now, timezone.now()), size)
        if not rows:
            break
        for row in rows:
            pacer.wait()
            outcome = provider.send(to=row.phone, body=row.body, reference=str(row.pk))
            _record(row, outcome, provider.name, result)
            done += 1
    return result


def next_due() -> dt.datetime | None:
    return OutboxMessage.objects.filter(status=S.QUEUED).aggregate(
        at=Min("next_attempt_at"))["at"]


def reconcile(*, older_than: dt.timedelta | None = None) -> int:
    """Settle `unknown` rows and `sending` rows left by a dead worker, without resending:
    fetch by id, else look the message up by number and body; a `sending` row the
    provider never saw goes back to the queue (its request never left)."""
    if older_than is None:
        older_than = dt.timedelta(seconds=settings.SMS_STALE_SENDING_SECONDS)
    provider = providers.get_provider()
    cutoff = timezone.now() - older_than
    settled = 0
    stale = OutboxMessage.objects.filter(status__in=[S.UNKNOWN, S.SENDING],
                                         claimed_at__lte=cutoff)
    for row in stale.iterator():
        remote = None
        if row.provider_message_id:
            remote = provider.fetch(row.provider_message_id)
        elif provider.name != "console":
            remote = provider.find(to=row.phone, body=row.body,
                                   since=row.claimed_at - dt.timedelta(minutes=5))
        if remote is not None:
            OutboxMessage.objects.filter(pk=row.pk, status=row.status).update(
                provider_message_id=remote.message_id, status=S.SENT, provider=provider.name,
                sent_at=row.claimed_at, status_changed_at=timezone.now())
            row.refresh_from_db()
            apply_status(row, remote.status, remote.error_code)
            settled += 1
        elif row.status == S.SENDING or provider.name == "console":
            OutboxMessage.objects.filter(pk=row.pk, status=row.status).update(
                status=S.QUEUED, next_attempt_at=timezone.now())
            settled += 1
    return settled


def scheduled_pass() -> dict:
    """The scheduler's job (every 5 minutes): settle stale rows, then wake the sender."""
    from .tasks import dispatch_outbox

    settled = reconcile()
    if OutboxMessage.objects.filter(status=S.QUEUED).exists():
        dispatch_outbox.enqueue()
    return {"reconciled": settled}
