"""Event reads: counts per session, registrations, wishes, the after-event report."""

from collections import Counter

from django.db.models import Count, Q

from backend.distribution.models import CheckIn, Participant, ParticipantGift

from .models import Event, Pledge, Wish

P = Participant.Status


def participants(event: Event):
    return Participant.objects.filter(distribution_id=event.distribution_id)


def session_counts(event: Event) -> dict[int, dict[str, int]]:
    rows = participants(event).values("group").annotate(
        holding=Count("id", filter=Q(status__in=Participant.HOLDING)),
        waiting=Count("id", filter=Q(status=P.WAITING)),
        checked_in=Count("id", filter=Q(status=P.CHECKED_IN)))
    return {r["group"]: r for r in rows}


def sessions_with_counts(event: Event) -> list:
    counts = session_counts(event)
    sessions = list(event.sessions.all())
    for session in sessions:
        c = counts.get(session.pk, {})
        session.holding = c.get("holding", 0)
        session.waiting = c.get("waiting", 0)
        session.checked_in = c.get("checked_in", 0)
        session.free = max(session.capacity - session.holding, 0)
    return sessions


def wish_counts(event: Event) -> dict[str, int]:
    counts = dict(event.wishes.values_list("status").annotate(n=Count("id")))
    return {status: counts.get(status, 0) for status, _label in Wish.Status.choices}


def report(event: Event) -> dict:
    """Attendance, gifts handed and returned, no-shows, children by age band."""
    from . import services

    rows = list(participants(event).only("status", "birth_date", "walk_in", "group"))
    by_status = Counter(p.status for p in rows)
    bands = list(event.bands.all())
    by_band: dict[str, Counter] = {b.label: Counter() for b in bands}
    seniors = adults = 0
    for participant in rows:
        age = services.age_at(event, participant.birth_date)
        band = services.band_for(event, age, bands)
        if band is not None:
            by_band[band.label][participant.status] += 1
        elif age is not None and age >= 60:
            seniors += participant.status == P.CHECKED_IN
        elif age is not None and age >= 18:
            adults += participant.status == P.CHECKED_IN
    gifts = Counter(ParticipantGift.objects.filter(
        participant__distribution_id=event.distribution_id).values_list("status", flat=True))
    return {
        "registered": sum(by_status[s] for s in (P.REGISTERED, P.CHECKED_IN, P.NO_SHOW)),
        "checked_in": by_status[P.CHECKED_IN],
        "no_shows": by_status[P.NO_SHOW],
        "waiting": by_status[P.WAITING],
        "walk_ins": sum(1 for p in rows if p.walk_in),
        "cancelled": by_status[P.CANCELLED] + by_status[P.DECLINED] + by_status[P.EXPIRED],
        "by_band": [{"band": label, "registered": sum(c.values()) - c[P.WAITING],
                     "checked_in": c[P.CHECKED_IN]} for label, c in by_band.items()],
        "seniors": seniors, "adults": adults,
        "gifts_handed": gifts[ParticipantGift.Status.HANDED_OVER],
        "gifts_returned": gifts[ParticipantGift.Status.RELEASED],
        "gifts_reserved": gifts[ParticipantGift.Status.RESERVED],
        "wishes": wish_counts(event),
        "donors": Pledge.objects.filter(event=event).count(),
        "checkins": CheckIn.objects.filter(
            participant__distribution_id=event.distribution_id).count(),
    }


# Buttons that send SMS or change the stage: a GET shows what they will do, POST needs
# confirmed=1 (the drives' pattern: drives/selectors.confirmation).
CONFIRM = ("advance", "offer", "expire", "thank")


def confirmation(actor, event: Event, action: str):
    """(title, SendSummary): the service dry-run (rolled back), so the count and the example
    message are exactly what the click would queue."""
    from django.utils.translation import gettext as _

    from backend.notifications.selectors import dry_run, send_summary

    from . import pledges, services

    if action == "advance":
        flow, labels = Event.FLOW, dict(Event.Status.choices)
        index = flow.index(event.status)
        after = flow[index + 1] if index + 1 < len(flow) else None
        changes = [_("Stage: %(before)s → %(after)s") % {
            "before": labels[event.status], "after": labels.get(after, "—")}]
        if after == Event.Status.HELD:
            changes.append(_("Those registered who did not come are marked as no-shows and "
                             "their gifts go back to free stock."))
        return _("Next stage"), send_summary(changes=changes)
    if action == "offer":
        count, texts = dry_run(services.offer_places, actor, event)
        return _("Offer free places to the waiting list"), send_summary(texts, changes=[
            _("Places offered: %(n)s") % {"n": count}])
    if action == "expire":
        count, texts = dry_run(services.expire_offers, actor, event)
        return _("Pass on unanswered offers"), send_summary(texts, changes=[
            _("Offers expired: %(n)s") % {"n": count}])
    count, texts = dry_run(pledges.thank, actor, event)
    return _("Thank pledgers"), send_summary(texts, changes=[
        _("Pledgers thanked: %(n)s") % {"n": count}])
