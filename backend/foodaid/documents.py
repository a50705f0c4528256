"""Printed FEPŻ records (item 11): the signed list of hand-outs per site and day with the
programme's columns, the monthly and final summary for the food bank, and the attendance
list of an accompanying workshop. Drawn on the canvas with backend.common.pdf."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.utils import formats
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics

from backend.common.collation import polish
from backend.common.pdf import (
    FONT,
    FONT_BOLD,
    NumberedCanvas,
    draw_centre_header,
    draw_fitted,
    register_fonts,
)
from backend.distribution.models import Allocation
from backend.inventory.selectors import num

from .models import RationEntry, Referral, SubProgramme, TargetGroup, Workshop
from .services import referral_for

ROW = 9 * mm


@dataclass
class Table:
    title: str
    lines: list[str]  # under the title: programme, place, day
    columns: list[tuple[float, str]]  # (width in mm, label)
    rows: list[list[str]]
    flex: int = 1  # the column that takes the page's spare width
    signature: bool = True  # the last column is a box to sign in
    footer: list[str] | None = None
    blank_rows: int = 0


def _pdf(table: Table, *, signed_by: bool = True) -> bytes:
    register_fonts()
    cols = list(table.columns)
    page = landscape(A4) if sum(w for w, _l in cols) > 186 else A4
    width, height = page
    left, bottom = 12 * mm, 16 * mm
    spare = (width - 2 * left) / mm - sum(w for w, _l in cols)
    cols[table.flex] = (cols[table.flex][0] + spare, cols[table.flex][1])
    buffer = io.BytesIO()
    c = NumberedCanvas(buffer, pagesize=page, pageCompression=1, invariant=1)
    c.setTitle(table.title)

    def header() -> float:
        y = draw_centre_header(c, left, height - 10 * mm, width - left)
        draw_fitted(c, left, y - 6 * mm, table.title, FONT_BOLD, 12, width - 2 * left)
        for n, line in enumerate(table.lines):
            draw_fitted(c, left, y - (11 + 4.5 * n) * mm, line, FONT, 9, width - 2 * left)
        y -= (15 + 4.5 * len(table.lines)) * mm
        x = left
        for w, label in cols:
            draw_fitted(c, x + 1 * mm, y + 3 * mm, label, FONT_BOLD, 8, w * mm - 2 * mm,
                        shorten=True, minimum=6)
            x += w * mm
        c.line(left, y + 1 * mm, x, y + 1 * mm)
        return y

    y = header()
    rows = table.rows + [[str(len(table.rows) + i + 1)] + [""] * (len(cols) - 1)
                         for i in range(table.blank_rows)]
    for cells in rows:
        if y - ROW < bottom + 4 * mm:
            c.showPage()
            y = header()
        y -= ROW
        x = left
        for index, ((w, _label), text) in enumerate(zip(cols, cells, strict=True)):
            draw_fitted(c, x + 1 * mm, y + 3 * mm, text, FONT, 9 if index != 4 else 8,
                        w * mm - 2 * mm, shorten=index in (1, 4), minimum=6)
            x += w * mm
        c.line(left, y, x, y)
        if table.signature:
            c.rect(x - cols[-1][0] * mm, y, cols[-1][0] * mm, ROW)
    footer = table.footer or []
    if y - (len(footer) * 5 + 26) * mm < bottom:
        c.showPage()
        y = header()
    y -= 8 * mm
    for line in footer:
        draw_fitted(c, left, y, line, FONT, 9, width - 2 * left)
        y -= 5 * mm
    if signed_by:
        y -= 10 * mm
        c.setFont(FONT, 9)
        label = _("Prepared by (name):")
        c.drawString(left, y, label)
        start = left + pdfmetrics.stringWidth(label, FONT, 9) + 2 * mm
        c.line(start, y - 1 * mm, start + 60 * mm, y - 1 * mm)
        c.drawString(start + 65 * mm, y, _("signature:"))
        c.line(start + 82 * mm, y - 1 * mm, min(start + 132 * mm, width - left), y - 1 * mm)
    c.showPage()
    c.save()
    return buffer.getvalue()


def _day(day: dt.date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def handout_rows(site, day: dt.date, user=None) -> list[list[str]]:
    """Households booked at `site` on `day` in FEPŻ drives: what each gets, by article."""
    from backend.people.selectors import restrict_to_sites

    allocations = restrict_to_sites(
        Allocation.objects.filter(enrolment__slot__site=site, enrolment__slot__date=day,
                                  enrolment__distribution__foodaid__isnull=False),
        user, "enrolment__household").select_related(
        "item", "enrolment__contact", "enrolment__household",
        "enrolment__distribution__foodaid__subprogramme").order_by(
        "enrolment__household__display_name", "enrolment_id", "item__name")
    households: dict[int, dict] = {}
    for a in allocations:
        e = a.enrolment
        row = households.get(e.pk)
        if row is None:
            referral = referral_for(e.household_id, e.distribution.foodaid.subprogramme, day)
            name = f"{e.contact.first_name} {e.contact.last_name}" if e.contact_id \
                else str(e.household)
            row = households[e.pk] = {
                "name": name, "number": referral.number if referral else "—",
                "persons": str(referral.persons if referral else e.persons), "what": []}
        row["what"].append(f"{a.item.name} {num(a.quantity)} {a.item.get_unit_display()}")
    return [[str(n), h["name"], h["number"], h["persons"], ", ".join(h["what"]), _day(day),
             ""] for n, h in enumerate(households.values(), start=1)]


def handout_list_pdf(site, day: dt.date, user=None) -> bytes:
    rows = handout_rows(site, day, user)
    return _pdf(Table(
        title=_("Record of food aid hand-outs (FEPŻ 2021–2027)"),
        lines=[_("Distribution point: %(site)s, %(address)s") % {"site": site.name,
                                                                 "address": site.address},
               _("Date: %(day)s") % {"day": _day(day)}],
        columns=[(10, _("No.")), (50, _("Full name")), (32, _("Referral no.")),
                 (20, _("Household size")), (90, _("Articles and quantities")),
                 (22, _("Date")), (40, _("Signature"))],
        rows=rows, flex=4,
        footer=[_("Households: %(n)d") % {"n": len(rows)},
                _("I confirm receipt of the food aid listed above.")]))


def summary(subprogramme: SubProgramme, month: dt.date | None = None) -> dict:
    """Per article what was handed out, and persons reached by sex, age and target group —
    in one month, or over the whole sub-programme (the final summary)."""
    entries = RationEntry.objects.filter(referral__subprogramme=subprogramme)
    if month is not None:
        entries = entries.filter(at__year=month.year, at__month=month.month)
    articles = list(entries.values("article__item__name", "article__item__unit")
                    .annotate(total=Sum("quantity")).order_by(polish("article__item__name")))
    reached = Referral.objects.filter(pk__in=entries.values("referral_id"))
    counts = reached.aggregate(households=Count("id"), females=Sum("females"),
                               males=Sum("males"), children=Sum("children"),
                               seniors=Sum("seniors"))
    groups = dict.fromkeys(TargetGroup.values, 0)
    for chosen in reached.values_list("target_groups", flat=True).iterator(chunk_size=2000):
        for code in chosen:  # counted here: SQLite has no JSON "contains"
            groups[code] = groups.get(code, 0) + 1
    return {"articles": articles, "counts": {k: v or 0 for k, v in counts.items()},
            "groups": groups}


def summary_pdf(subprogramme: SubProgramme, month: dt.date | None = None) -> bytes:
    data = summary(subprogramme, month)
    c = data["counts"]
    period = formats.date_format(month, "YEAR_MONTH_FORMAT") if month else _("whole programme")
    rows = [[str(n), a["article__item__name"], num(a["total"]), a["article__item__unit"], ""]
            for n, a in enumerate(data["articles"], start=1)]
    labels = dict(TargetGroup.choices)
    footer = [_("Households reached: %(h)d; persons: %(p)d (women %(f)d, men %(m)d; "
                "aged 15 or under %(c)d, 65 or over %(s)d)") % {
        "h": c["households"], "p": c["females"] + c["males"], "f": c["females"],
        "m": c["males"], "c": c["children"], "s": c["seniors"]},
        "; ".join(f"{labels[k]}: {v}" for k, v in data["groups"].items())]
    title = _("Final summary for the food bank") if month is None else \
        _("Monthly summary for the food bank")
    return _pdf(Table(title=title, lines=[f"{subprogramme.name} · {period}"],
                      columns=[(10, _("No.")), (90, _("Article")), (30, _("Handed out")),
                               (22, _("unit")), (30, _("Remarks"))],
                      rows=rows, signature=False, footer=footer))


def attendance_pdf(workshop: Workshop, user=None) -> bytes:
    """Referred people of the workshop's site (registered there, or collecting there in a
    FEPŻ drive), and empty rows for those who come anyway."""
    from .selectors import visible_referrals

    served_here = Allocation.objects.filter(
        enrolment__slot__site=workshop.site,
        enrolment__distribution__foodaid__subprogramme=workshop.subprogramme).values(
        "enrolment__household_id")
    referrals = visible_referrals(user).filter(
        Q(household__site=workshop.site) | Q(household_id__in=served_here),
        subprogramme=workshop.subprogramme, issued_on__lte=workshop.date,
        valid_until__gte=workshop.date).order_by(polish("household__display_name"), "id")
    rows = [[str(n), f"{r.person.first_name} {r.person.last_name}" if r.person_id
             else str(r.household), r.number, ""] for n, r in enumerate(referrals, start=1)]
    return _pdf(Table(
        title=_("Attendance list: %(title)s") % {"title": workshop.title},
        lines=[_("Accompanying measures, %(programme)s") % {
            "programme": workshop.subprogramme.name},
            f"{workshop.site.name} · {_day(workshop.date)}"],
        columns=[(10, _("No.")), (80, _("Full name")), (40, _("Referral no.")),
                 (50, _("Signature"))],
        rows=rows, blank_rows=5))
