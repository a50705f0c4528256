"""Engine reads (issue 10): enrolment lists under the household site rule, the owner's
distribution for a lookup, slot counts and no-shows. Writes are in services.py."""

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from backend.people.selectors import restrict_to_sites

from .models import Distribution, Enrolment

E = Enrolment.Status
ACTIVE = [E.ENROLLED, E.CONFIRMED]  # hold a place in a slot


def visible_enrolments(user) -> QuerySet:
    """Every enrolment the user may see: a site-bound worker only her sites' households."""
    return restrict_to_sites(Enrolment.objects.select_related("contact", "distribution__drive"),
                             user, slot_path="slot")


def enrolments(distribution: Distribution, user=None) -> QuerySet:
    """One distribution's enrolments; with `user`, only households that user may open."""
    return restrict_to_sites(Enrolment.objects.filter(distribution=distribution),
                             user, slot_path="slot").select_related("household", "contact",
                                                                    "slot__site")


def owned_distribution(params):
    """The distribution named in a request — `?distribution=` or its owner (`?drive=`; an
    event or a camp adds its own key the same way, docs/decisions/0030) — as a one-row
    subquery to filter by (no read of the owner: decision 0120), or None."""
    from backend.common.parsing import int_or_none

    if params.get("distribution"):
        return Distribution.objects.filter(
            pk=int_or_none(params["distribution"]) or 0).values("pk")[:1]
    for owner in ("drive", "event", "camp"):
        if params.get(owner) and owner in {f.name for f in Distribution._meta.related_objects}:
            return Distribution.objects.filter(
                **{f"{owner}__pk": int_or_none(params[owner]) or 0}).values("pk")[:1]
    return None


def slot_counts(slot_ids: list[int]) -> dict[int, int]:
    """Active enrolments booked per slot."""
    rows = Enrolment.objects.filter(slot_id__in=slot_ids, status__in=ACTIVE).values(
        "slot_id").annotate(n=Count("id"))
    return {row["slot_id"]: row["n"] for row in rows}


def no_shows(distribution: Distribution, now: dt.datetime | None = None) -> QuerySet:
    """Active enrolments whose slot has passed without a hand-over."""
    now = timezone.localtime(now or timezone.now())
    return Enrolment.objects.filter(distribution=distribution, status__in=ACTIVE).filter(
        Q(slot__date__lt=now.date()) | Q(slot__date=now.date(), slot__end__lte=now.time())
    ).select_related("contact", "slot__site", "household")
