"""Camp reads: counts per session, the bus list, offers, the report and the costs."""

from collections import Counter
from decimal import Decimal

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from backend.common.collation import sort_key
from backend.distribution.models import Participant
from backend.people.models import age_on

from . import funding
from .models import Application, Camp, CampSession, DaySignup

P = Participant.Status


def participants(camp: Camp):
    return Participant.objects.filter(distribution_id=camp.distribution_id)


def sessions_with_counts(camp: Camp) -> list[CampSession]:
    counts = {r["group"]: r for r in participants(camp).values("group").annotate(
        holding=Count("id", filter=Q(status__in=Participant.HOLDING)),
        waiting=Count("id", filter=Q(status=P.WAITING)),
        offered=Count("id", filter=Q(status=P.OFFERED)),
        checked_in=Count("id", filter=Q(status=P.CHECKED_IN)))}
    sessions = list(camp.sessions.all())
    for session in sessions:
        c = counts.get(session.pk, {})
        for name in ("holding", "waiting", "offered", "checked_in"):
            setattr(session, name, c.get(name, 0))
        session.free = max(session.capacity - session.holding, 0)
    return sessions


def bus_list(session: CampSession) -> list[Participant]:
    """Who travels: on board (checked in) and still missing; first name order."""
    rows = list(Participant.objects.filter(
        distribution_id=session.camp.distribution_id, group=session.pk,
        status__in=[P.REGISTERED, P.OFFERED, P.CHECKED_IN]).select_related(
        "contact", "person", "return_boarding"))
    for row in rows:
        row.aboard = row.status == P.CHECKED_IN
        row.returned = hasattr(row, "return_boarding")
    return sorted(rows, key=lambda p: (p.aboard, sort_key(p.first_name)))


def return_list(session: CampSession) -> list[Participant]:
    """The bus home: the children who left on the departure bus, `aboard` once they
    boarded the return; first name order, the missing first."""
    rows = list(Participant.objects.filter(
        distribution_id=session.camp.distribution_id, group=session.pk,
        status=P.CHECKED_IN).select_related("contact", "person", "return_boarding"))
    for row in rows:
        row.aboard = hasattr(row, "return_boarding")
    return sorted(rows, key=lambda p: (p.aboard, sort_key(p.first_name)))


def offers(camp: Camp):
    """Every offer made and what came of it (the coordinator's view)."""
    return participants(camp).filter(offer_expires_at__isnull=False).order_by(
        "-offer_expires_at", "-id")


def report(camp: Camp) -> dict:
    """Children by session, age and reasons; costs and sources; attendance."""
    sessions = sessions_with_counts(camp)
    placed = list(Application.objects.filter(camp=camp, participant__isnull=False,
                                             participant__status__in=[
                                                 P.REGISTERED, P.CHECKED_IN])
                  .select_related("participant", "child"))
    by_session: dict[int, list[Application]] = {}
    for application in placed:
        by_session.setdefault(application.participant.group, []).append(application)
    rows, total = [], Counter()
    days_by_session = {r["day__session"]: r for r in DaySignup.objects.filter(
        day__session__camp=camp).values("day__session").annotate(
        signed=Count("id"), present=Count("id", filter=Q(attended_at__isnull=False)),
        days=Count("day", distinct=True))}
    for session in sessions:
        apps = by_session.get(session.pk, [])
        n = len(apps)
        ages = Counter(age_on(a.birth_date, session.start) for a in apps)
        money = {
            "cost": session.cost_per_child * n, "centre": session.funding_centre * n,
            "gmina": session.funding_gmina * n, "sponsor": session.funding_sponsor * n,
            "parents": session.parents_contribution * n}
        given = funding.session_funding(session)  # sponsorships on top of the per-child rates
        money["donations"] = given["amount"]
        money["covered"] = money["centre"] + money["gmina"] + money["sponsor"] \
            + money["parents"] + money["donations"]
        money["gap"] = money["cost"] - money["covered"]
        attendance = days_by_session.get(session.pk, {})
        row = {"session": session, "children": n, "checked_in": session.checked_in,
               "day_signups": attendance.get("signed", 0),
               "day_present": attendance.get("present", 0),
               "days_held": attendance.get("days", 0),
               "waiting": session.waiting, "places_funded": given["places"],
               "ages": sorted((a, c) for a, c in ages.items() if a is not None),
               "reasons": {"difficult": sum(a.reason_difficult for a in apps),
                           "disability": sum(a.reason_disability for a in apps),
                           "first_time": sum(a.first_time for a in apps),
                           "siblings": sum(a.siblings_together for a in apps)},
               **money}
        rows.append(row)
        for key in ("children", "checked_in", "waiting", "cost", "centre", "gmina", "sponsor",
                    "parents", "donations", "covered", "gap", "places_funded", "day_signups",
                    "day_present"):
            total[key] += row[key]
    statuses = Counter(Application.objects.filter(camp=camp).values_list("status", flat=True))
    money_keys = ("cost", "centre", "gmina", "sponsor", "parents", "donations", "covered",
                  "gap")
    return {"sessions": rows, "total": {k: total.get(k, Decimal("0")) if k in money_keys
                                        else total.get(k, 0) for k in (
        "children", "checked_in", "waiting", *money_keys, "places_funded", "day_signups",
        "day_present")},
        "applications": {s: statuses.get(s, 0) for s, _l in Application.Status.choices},
        "applied": sum(statuses.values())}


def report_rows(camp: Camp) -> list[list]:
    """The report as CSV rows (common/exports.py writes them)."""
    data = report(camp)
    out = [[_("session"), _("children"), _("on board"), _("waiting list"), _("cost"),
            _("centre budget"), _("gmina programme"), _("sponsor"), _("parents"),
            _("sponsors' donations"), _("covered"), _("missing"),
            _("difficult family situation"), _("disability"),
            _("first time at a camp"), _("with siblings"), _("day sign-ups"),
            _("present on days")]]
    for row in data["sessions"]:
        out.append([str(row["session"]), row["children"], row["checked_in"], row["waiting"],
                    row["cost"], row["centre"], row["gmina"], row["sponsor"], row["parents"],
                    row["donations"], row["covered"], row["gap"], *row["reasons"].values(),
                    row["day_signups"], row["day_present"]])
    return out
