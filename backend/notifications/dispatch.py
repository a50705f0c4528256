"""The dispatch pass: claim due outbox rows, send them, record what happened.

Never twice (decisions 0020, 0023): a row is claimed under a row lock (skip_locked on
PostgreSQL; SQLite serialises writers with IMMEDIATE transactions) and marked `sending`
with a lease (owner id + expiry) in that transaction, before the provider is called.
Right before each call the owner renews the lease of what it still holds (a conditional
UPDATE ... WHERE lease_owner = me) and skips a row it no longer owns; reconcile() never
touches a live lease. A timeout after the request left makes the row `unknown`;
reconcile() settles it by our own reference, never by resending, and in doubt leaves it
`unknown` for a person.
"""

import datetime as dt
import time
import uuid
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Min, Q
from django.utils import timezone

from . import providers
from .models import OptOut, OutboxMessage, PendingStatus
from .services import apply_pending, apply_status

S = OutboxMessage.Status
WARSAW = ZoneInfo("Europe/Warsaw")
CLAIM_SIZE = 50
LEASE_MARGIN = 2  # seconds beyond the provider's time-out (clocks of two app servers)


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


def lease_length(provider=None) -> dt.timedelta:
    """How long a claim or a renewal holds a row: the stale threshold, and never less than
    one provider call can take, so a row is not taken from a dispatcher mid-call."""
    provider = provider or providers.get_provider()
    return dt.timedelta(seconds=max(settings.SMS_STALE_SENDING_SECONDS,
                                    getattr(provider, "timeout", 0) + LEASE_MARGIN))


def new_owner() -> str:
    return uuid.uuid4().hex


def claim(now: dt.datetime, limit: int = CLAIM_SIZE, owner: str = "") -> list[OutboxMessage]:
    """Take due rows and mark them `sending`, leased to `owner`, in one transaction.
    Expired, opted-out and (since enqueue) non-mobile rows are settled here instead."""
    owner = owner or new_owner()
    until = now + lease_length()
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
                row.lease_owner, row.lease_until = owner, until
                row.attempts += 1
                ready.append(row)
                continue
            row.status_changed_at = now
            settled.append(row)
        OutboxMessage.objects.bulk_update(
            rows, ["status", "error_code", "claimed_at", "attempts", "status_changed_at",
                   "lease_owner", "lease_until"])
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


def _still_mine(owner: str, held: list[int], row: OutboxMessage, lease: dt.timedelta) -> bool:
    """Renew the lease on every row this pass still holds (one UPDATE) and say whether
    `row` is among them: a row reconciled away from us after a stall is not ours to send."""
    renewed = OutboxMessage.objects.filter(pk__in=held, status=S.SENDING,
                                           lease_owner=owner).update(
        lease_until=timezone.now() + lease)
    if renewed == len(held):
        return True
    return OutboxMessage.objects.filter(pk=row.pk, status=S.SENDING, lease_owner=owner).exists()


def _record(row: OutboxMessage, result: providers.SendResult, provider_name: str,
            owner: str, result_counts: PassResult) -> None:
    now = timezone.now()
    fields = {"provider": provider_name, "status_changed_at": now, "lease_owner": "",
              "lease_until": None, "error_code": result.error_code,
              "error_text": result.error_text}
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
    with transaction.atomic():
        # Only a row still `sending` and still ours is ours to settle. Its lock orders us
        # with a status callback that may have come before this answer (kept, see below).
        mine = OutboxMessage.objects.select_for_update().filter(
            pk=row.pk, status=S.SENDING, lease_owner=owner).first()
        if mine is None:
            if result.outcome == providers.SENT:  # the lease was lost mid-call: keep the id
                PendingStatus.objects.create(reference=row.reference, status="sent",
                                             provider_message_id=result.message_id)
            return
        OutboxMessage.objects.filter(pk=row.pk).update(**fields)
        if result.outcome == providers.SENT:
            mine.refresh_from_db()
            apply_pending(mine)


def dispatch_pass(*, now: dt.datetime | None = None, limit: int | None = None) -> PassResult:
    """Send every due row once; returns what happened. Safe to run in parallel."""
    result = PassResult()
    live = now is None  # a real pass re-checks the window between chunks
    now = now or timezone.now()
    result.deferred_until = next_window_start(now)
    if result.deferred_until is not None:
        return result  # quiet hours: rows wait for the window, never dropped
    provider = providers.get_provider()
    lease = lease_length(provider)
    owner = new_owner()
    pacer = Pacer(getattr(settings, "SMS_RATE_PER_SECOND", 0))
    done = 0
    while limit is None or done < limit:
        if live and done and next_window_start(timezone.now()) is not None:
            result.deferred_until = next_window_start(timezone.now())
            break  # the window closed during a long pass: the rest waits
        size = CLAIM_SIZE if limit is None else min(CLAIM_SIZE, limit - done)
        rows = claim(now if done == 0 else max(now, timezone.now()), size, owner)
        if not rows:
            break
        held = [row.pk for row in rows]
        for row in rows:
            pacer.wait()
            if _still_mine(owner, held, row, lease):
                outcome = provider.send(to=row.phone, body=row.body,
                                        reference=str(row.reference))
                _record(row, outcome, provider.name, owner, result)
            else:
                result.skipped += 1
            held.remove(row.pk)
            done += 1
    return result


def next_due() -> dt.datetime | None:
    return OutboxMessage.objects.filter(status=S.QUEUED).aggregate(
        at=Min("next_attempt_at"))["at"]


def reconcile(*, older_than: dt.timedelta | None = None) -> int:
    """Settle `sending` rows whose lease has run out (their dispatcher died) and `unknown`
    rows older than `older_than`, without resending and never racing a live lease:

    - a status kept for the row's reference (a callback came) gives its id;
    - a known id is fetched;
    - otherwise the provider's messages to that number with that text (not claimed by
      another row) are looked at: none means the request never left (a `sending` row goes
      back to the queue); some means doubt — the row stays (becomes) `unknown` for its
      callback or a person, never `sent` on a guess."""
    if older_than is None:
        older_than = dt.timedelta(seconds=settings.SMS_STALE_SENDING_SECONDS)
    provider = providers.get_provider()
    now = timezone.now()
    cutoff = now - older_than
    stale = OutboxMessage.objects.filter(
        Q(status=S.SENDING, lease_until__lte=now)
        | Q(status=S.SENDING, lease_until__isnull=True, claimed_at__lte=cutoff)
        | Q(status=S.UNKNOWN, claimed_at__lte=cutoff))
    settled = sum(_settle(row, provider) for row in stale.iterator())
    _sweep_kept(now)
    return settled


def _sweep_kept(now: dt.datetime) -> None:
    """Apply kept statuses whose message id a row has learnt since; forget old ones."""
    sids = PendingStatus.objects.values_list("provider_message_id", flat=True).distinct()
    for row in OutboxMessage.objects.filter(provider_message_id__in=list(sids[:500])):
        apply_pending(row)
    PendingStatus.objects.filter(received_at__lt=now - dt.timedelta(days=7)).delete()


def _unchanged(row: OutboxMessage):
    """The row exactly as we read it: an update through this loses to any owner that
    renewed, a callback that settled it, or a dispatcher that claimed it since."""
    return OutboxMessage.objects.filter(
        pk=row.pk, status=row.status, lease_owner=row.lease_owner,
        lease_until=row.lease_until, provider_message_id=row.provider_message_id)


def _settle(row: OutboxMessage, provider) -> int:
    now = timezone.now()
    done = {"lease_owner": "", "lease_until": None, "status_changed_at": now}
    if not row.provider_message_id:
        kept = PendingStatus.objects.filter(reference=row.reference).first()
        if kept is not None:  # its callback came: the id is proven ours
            if not _unchanged(row).update(provider_message_id=kept.provider_message_id,
                                          status=S.SENT, sent_at=row.claimed_at,
                                          provider=provider.name, error_code="", **done):
                return 0
            row.refresh_from_db()
            apply_pending(row)
            return 1
    if row.provider_message_id:
        remote = provider.fetch(row.provider_message_id)
        if remote is None:
            return 0
        if row.status in (S.SENDING, S.UNKNOWN):
            _unchanged(row).update(status=S.SENT, sent_at=row.sent_at or row.claimed_at,
                                   **done)
        row.refresh_from_db()
        apply_status(row, remote.status, remote.error_code)
        return 1
    found = provider.candidates(to=row.phone, body=row.body,
                                since=row.claimed_at - dt.timedelta(minutes=5))
    if found is not None:
        owned = set(OutboxMessage.objects.filter(
            provider_message_id__in=[m.message_id for m in found]).values_list(
            "provider_message_id", flat=True))
        found = [m for m in found if m.message_id not in owned]
    if not found and row.status == S.SENDING or found is None:
        # The provider never got it (or, console, nothing ever leaves): send it again.
        return _unchanged(row).update(status=S.QUEUED, next_attempt_at=now, **done)
    if row.status == S.SENDING or row.error_code != "in_doubt" and found:
        _unchanged(row).update(status=S.UNKNOWN, error_code="in_doubt", **done)
    return 0
