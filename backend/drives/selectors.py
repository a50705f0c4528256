"""Drive reads: collection progress (no personal data), the report, list rows."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from backend.common.collation import polish
from backend.common.parsing import int_or_none
from backend.distribution import selectors as engine_selectors
from backend.distribution.models import Allocation, Enrolment
from backend.donations.models import DonationLine
from backend.people.models import Person, years_before
from backend.people.selectors import restrict_to_sites

from .models import Drive

ZERO = Decimal("0")


def open_drives() -> list[Drive]:
    """Drives that take donations now (collecting), for the intake form and the scanner."""
    return list(Drive.objects.filter(status=Drive.Status.COLLECTING).order_by(polish("name"), "id")
                .only("id", "name"))


def open_drive(drive_id) -> Drive | None:
    """The collecting drive with this id, or None (closed, unknown, not a number)."""
    try:
        wanted = int(drive_id)
    except (TypeError, ValueError):
        return None
    return Drive.objects.filter(pk=wanted, status=Drive.Status.COLLECTING).first()


def accepts_donations(drive_id) -> bool:
    """A donation may name this drive: it exists and is not closed (the intake form and the
    scanner offer only collecting drives; a late donation to a running drive still counts)."""
    return Drive.objects.filter(pk=int_or_none(drive_id) or 0).exclude(
        status=Drive.Status.CLOSED).exists()


def children_in_range(drive: Drive, target, enrolments) -> dict[int, int]:
    """Household id -> members aged target.min_age..max_age on the drive's first
    distribution day (today when not set): one query, for the policy per child."""
    if target.policy != "per_child" or target.min_age is None or target.max_age is None:
        return {}
    day = drive.distribution_start or timezone.localdate()
    born_after = years_before(day, target.max_age + 1)  # not yet max_age + 1 on the day
    born_by = years_before(day, target.min_age)
    rows = (Person.objects.filter(household__in={e.household_id for e in enrolments},
                                  birth_date__gt=born_after, birth_date__lte=born_by)
            .values("household").annotate(n=Count("id")).values_list("household", "n"))
    return dict(rows)


@dataclass
class Progress:
    item: str
    unit: str
    target: Decimal
    collected: Decimal

    @property
    def percent(self) -> int:
        return min(100, int(self.collected * 100 / self.target)) if self.target else 0


def progress(drive: Drive) -> list[Progress]:
    got = dict(DonationLine.objects.filter(donation__drive_id=drive.pk).values("item_id")
               .annotate(total=Sum("quantity")).values_list("item_id", "total"))
    return [Progress(t.item.name, t.item.get_unit_display(), t.quantity,
                     got.get(t.item_id) or ZERO)
            for t in drive.targets.select_related("item")]


def enrolments(drive: Drive, user=None):
    """The drive's enrolments; with `user`, only households that user may open."""
    return engine_selectors.enrolments(drive.distribution, user)


def distribution_rows(drive: Drive, site=None, day=None, user=None):
    """One row per allocation for the list to sign: name, what, quantity, slot."""
    qs = restrict_to_sites(Allocation.objects.filter(
        enrolment__distribution=drive.distribution), user, "enrolment__household",
        "enrolment__slot").exclude(
        status=Allocation.Status.RELEASED).select_related(
        "item", "enrolment__contact", "enrolment__household", "enrolment__slot__site")
    if site is not None:
        qs = qs.filter(enrolment__slot__site=site)
    if day is not None:
        qs = qs.filter(enrolment__slot__date=day)
    return qs.order_by(polish("enrolment__household__display_name"), "enrolment_id", "item_id")


def status_counts(drive: Drive) -> dict[str, int]:
    """Enrolments per status: one GROUP BY."""
    return dict(enrolments(drive).values_list("status").annotate(n=Count("id")).order_by())


def report(drive: Drive) -> dict:
    """The drive's figures in a fixed number of aggregates (ages counted by the database
    from birth-date bounds on the first distribution day, not person by person)."""
    by_status = status_counts(drive)
    reached = sum(by_status.get(s, 0) for s in (Enrolment.Status.HANDED_OVER,
                                                 Enrolment.Status.PARTIAL))
    day = drive.distribution_start or timezone.localdate()
    adult, senior = years_before(day, 18), years_before(day, 60)
    persons = Person.objects.filter(household__enrolments__in=enrolments(drive)).aggregate(
        persons=Count("pk"), children=Count("pk", filter=Q(birth_date__gt=adult)),
        seniors=Count("pk", filter=Q(birth_date__lte=senior)),
        disabled=Count("pk", filter=Q(is_disabled=True)))
    items = Allocation.objects.filter(enrolment__distribution=drive.distribution).values(
        "item__name", "item__unit").annotate(
        allocated=Sum("quantity"), given=Sum("handed_over"),
        households=Count("enrolment", filter=Q(handed_over__gt=0))).order_by(
        polish("item__name"))
    households = sum(by_status.values())
    return {
        "households": households,
        "reached": reached,
        "not_reached": households - reached,
        **persons,
        "items": [{**row, "left": row["allocated"] - row["given"]} for row in items],
        "by_status": by_status,
    }


# --- confirmations of bulk actions (notifications/partials/confirm.html) -------------

CONFIRM = ("advance", "assign", "remind_no_shows", "release_no_shows")


def confirmation(actor, drive: Drive, action: str):
    """(title, SendSummary) for a drive's bulk action: the service is dry-run (rolled
    back) so the count and the example message are exactly what a click would queue."""
    from django.utils.translation import gettext as _

    from backend.distribution import services as engine
    from backend.notifications.selectors import dry_run, send_summary

    from . import services

    if action == "advance":
        after = services.NEXT.get(drive.status)
        labels = dict(Drive.Status.choices)
        changes = [_("Stage: %(before)s → %(after)s") % {
            "before": labels[drive.status], "after": labels.get(after, "—")}]
        if after == Drive.Status.DISTRIBUTING:
            changes.append(_("Donations are no longer recorded for this drive; "
                             "hand-overs can start."))
        elif after == Drive.Status.CLOSED:
            changes.append(_("The drive can no longer be changed."))
        return _("Next stage"), send_summary(changes=changes)
    if action == "assign":
        count, texts = dry_run(engine.assign_slots, actor, drive.distribution)
        changes = [_("Households given a pickup slot and a code: %(n)s") % {"n": count}]
        return _("Assign slots and send SMS"), send_summary(texts, changes=changes)
    if action == "remind_no_shows":
        _count, texts = dry_run(engine.remind_no_shows, drive.distribution)
        return _("Send a reminder"), send_summary(texts)
    count = engine.no_shows(drive.distribution).count()
    return _("Release their reservations"), send_summary(changes=[
        _("Reservations released, households marked as not come: %(n)s") % {"n": count}])


def allocation_summary(plans) -> object:
    from django.utils.translation import gettext as _

    from backend.notifications.selectors import send_summary

    households = {row[0].pk for plan in plans for row in plan.rows if row[2] > 0}
    lines = [_("Households that get an allocation: %(n)s") % {"n": len(households)}]
    for plan in plans:
        lines.append(_("%(item)s: %(total)s %(unit)s reserved of %(stock)s available") % {
            "item": plan.target.item.name, "total": plan.total, "stock": plan.stock,
            "unit": plan.target.item.get_unit_display()})
    return send_summary(changes=lines)
