"""Reads that matter: batch progress, unreachable people, a person's timeline."""

from django.db.models import Count, Q, QuerySet, Sum

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
