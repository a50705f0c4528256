"""Reads that matter: batch progress, unreachable people, a person's timeline, the
summary every bulk-action confirmation shows (send_summary)."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from . import encoding
from .models import InboundMessage, OutboxMessage, SmsBatch

S = OutboxMessage.Status
UNREACHABLE = [S.SKIPPED_NOT_MOBILE, S.SKIPPED_OPTED_OUT, S.FAILED, S.UNDELIVERED, S.EXPIRED]


def for_object(obj) -> QuerySet[OutboxMessage]:
    """Every outbox row raised for a business object (a drive allocation, a match, ...)."""
    from django.contrib.contenttypes.models import ContentType

    return OutboxMessage.objects.filter(content_type=ContentType.objects.get_for_model(obj),
                                        object_id=str(obj.pk))


def batch_progress(batch: SmsBatch) -> dict:
    rows = batch.messages.values("status").annotate(n=Count("id"))
    counts = {row["status"]: row["n"] for row in rows}
    total = sum(counts.values())
    done = total - counts.get(S.QUEUED, 0) - counts.get(S.SENDING, 0)
    labels = dict(S.choices)
    labels[S.QUEUED] = waiting_label() or labels[S.QUEUED]  # not a bare "w kolejce" at night
    return {"total": total, "done": done, "percent": round(100 * done / total) if total else 100,
            "counts": [(labels[k], counts[k], k) for k in labels if counts.get(k)],
            "segments": batch.messages.aggregate(s=Sum("segments"))["s"] or 0,
            "failed": counts.get(S.FAILED, 0) + counts.get(S.UNDELIVERED, 0)}


def unreachable(batch: SmsBatch) -> QuerySet[OutboxMessage]:
    return batch.messages.filter(status__in=UNREACHABLE).select_related("person")


def timeline(person) -> list:
    """Messages to and from a person, newest first."""
    out = list(OutboxMessage.objects.filter(Q(person=person) | Q(phone=person.phone)
                                            if person.phone else Q(person=person))[:200])
    inbound = list(InboundMessage.objects.filter(Q(person=person) | Q(phone=person.phone)
                                                 if person.phone else Q(person=person))[:200])
    items = [("out", m.created_at, m) for m in out] + [("in", m.received_at, m) for m in inbound]
    return sorted(items, key=lambda item: item[1], reverse=True)


# --- what a bulk action will do: one summary for every confirmation page -------------

@dataclass
class SendSummary:
    """Count, one rendered example, its encoding and segments, the total cost at
    SMS_PRICE_PER_SEGMENT and, outside the sending hours, when messages really leave."""

    count: int = 0
    example: str = ""
    info: encoding.SegmentInfo | None = None
    total_segments: int = 0
    total_cost: Decimal = Decimal("0")
    leaves_at: dt.datetime | None = None
    changes: list[str] = field(default_factory=list)

    @property
    def sends(self) -> bool:
        return self.count > 0 and bool(self.example)


def send_summary(texts: Iterable[str] = (), *, changes: Iterable[str] = (),
                 now: dt.datetime | None = None) -> SendSummary:
    """Build the confirmation of a bulk action from the texts it would queue (rendered,
    nothing written). `changes`: what else it does, in words ("Status: ... → ...")."""
    from .dispatch import next_window_start

    texts = [t for t in texts if t]
    infos = [encoding.analyse(t) for t in texts]
    segments = sum(i.segments for i in infos)
    return SendSummary(
        count=len(texts), example=texts[0] if texts else "",
        info=infos[0] if infos else None, total_segments=segments,
        total_cost=encoding.price_per_segment() * segments,
        leaves_at=next_window_start(now or timezone.now()) if texts else None,
        changes=list(changes))


def waiting_label(now: dt.datetime | None = None) -> str:
    """'czeka na godziny wysyłki do 08:00' outside the sending hours, else ''."""
    from .dispatch import next_window_start

    opens = next_window_start(now or timezone.now())
    if opens is None:
        return ""
    return _("waiting for sending hours until %(time)s") % {
        "time": timezone.localtime(opens).strftime("%H:%M")}


def dry_run(action, *args, **kwargs) -> tuple[object, list[str]]:
    """Run a service in a transaction that is rolled back and return its result and the
    texts it would have queued: the confirmation shows exactly what the action does,
    rendered by the same code, with nothing written (no worker is woken: on_commit
    never fires)."""
    from django.db import transaction

    with transaction.atomic():
        last = OutboxMessage.objects.order_by("-id").values_list("id", flat=True).first() or 0
        result = action(*args, **kwargs)
        texts = list(OutboxMessage.objects.filter(id__gt=last, status=S.QUEUED)
                     .order_by("id").values_list("body", flat=True))
        transaction.set_rollback(True)
    return result, texts
