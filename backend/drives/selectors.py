"""Drive reads: collection progress (no personal data), the report, list rows."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum

from backend.common.collation import polish
from backend.distribution.models import Allocation, Enrolment
from backend.donations.models import DonationLine
from backend.people.models import Person, age_on

from .models import Drive

ZERO = Decimal("0")


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


def enrolments(drive: Drive):
    return Enrolment.objects.filter(distribution=drive.distribution).select_related(
        "household", "contact", "slot__site")


def distribution_rows(drive: Drive, site=None, day=None):
    """One row per allocation for the list to sign: name, what, quantity, slot."""
    qs = Allocation.objects.filter(enrolment__distribution=drive.distribution).exclude(
        status=Allocation.Status.RELEASED).select_related(
        "item", "enrolment__contact", "enrolment__household", "enrolment__slot__site")
    if site is not None:
        qs = qs.filter(enrolment__slot__site=site)
    if day is not None:
        qs = qs.filter(enrolment__slot__date=day)
    return qs.order_by(polish("enrolment__household__display_name"), "enrolment_id", "item_id")


def report(drive: Drive) -> dict:
    rows = enrolments(drive)
    reached = rows.filter(status__in=[Enrolment.Status.HANDED_OVER, Enrolment.Status.PARTIAL])
    persons = Person.objects.filter(household__enrolments__in=rows)
    day = drive.distribution_start
    children = seniors = 0
    for birth in persons.values_list("birth_date", flat=True):
        age = age_on(birth, day)
        if age is not None and age <= 17:
            children += 1
        elif age is not None and age >= 60:
            seniors += 1
    items = Allocation.objects.filter(enrolment__distribution=drive.distribution).values(
        "item__name", "item__unit").annotate(
        allocated=Sum("quantity"), given=Sum("handed_over"),
        households=Count("enrolment", filter=Q(handed_over__gt=0))).order_by("item__name")
    return {
        "households": rows.count(),
        "reached": reached.count(),
        "not_reached": rows.exclude(pk__in=reached).count(),
        "persons": persons.count(),
        "children": children,
        "seniors": seniors,
        "disabled": persons.filter(is_disabled=True).count(),
        "items": [{**row, "left": row["allocated"] - row["given"]} for row in items],
        "by_status": dict(rows.values_list("status").annotate(n=Count("id"))),
    }
