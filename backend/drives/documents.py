"""Printed lists: the distribution list to sign (PDF, drawn directly on the canvas:
2,000 rows in well under a second), and CSV exports of the same rows."""

import hashlib
import io

from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm

from backend.common import exports
from backend.common.pdf import (
    FONT,
    FONT_BOLD,
    NumberedCanvas,
    draw_centre_header,
    draw_fitted,
    register_fonts,
)
from backend.distribution.models import HandOver
from backend.inventory.selectors import num

from . import selectors

ROW = 9 * mm
COLUMNS = [(12, gettext_noop("No.")), (52, gettext_noop("Full name")), (48, gettext_noop("What")),
           (22, gettext_noop("Quantity")), (22, gettext_noop("Date")),
           (34, gettext_noop("Signature"))]
ITEM_COLUMNS_MAX = 8  # more items than this: one "what" summary column instead


def _rows(drive, site=None, day=None, user=None):
    for index, a in enumerate(selectors.distribution_rows(drive, site, day, user).iterator(
            chunk_size=2000), start=1):
        e = a.enrolment
        name = f"{e.contact.first_name} {e.contact.last_name}" if e.contact_id else str(
            e.household)
        date = formats.date_format(e.slot.date, "SHORT_DATE_FORMAT") if e.slot_id else ""
        yield [str(index), name, a.item.name, f"{num(a.quantity)} {a.item.get_unit_display()}",
               date]


def _households(drive, site=None, day=None, user=None):
    """One entry per household (enrolment): its allocations as {item: quantity}."""
    handed = dict(HandOver.objects.filter(enrolment__distribution=drive.distribution)
                  .values("enrolment_id").annotate(last=Max("at"))
                  .values_list("enrolment_id", "last"))
    households, items = [], {}
    for a in selectors.distribution_rows(drive, site, day, user).iterator(chunk_size=2000):
        e = a.enrolment
        items.setdefault(a.item_id, a.item)
        if not households or households[-1]["id"] != e.pk:
            name = f"{e.contact.first_name} {e.contact.last_name}" if e.contact_id else str(
                e.household)
            at = handed.get(e.pk)
            households.append({
                "id": e.pk, "name": name, "persons": str(e.persons),
                "referral": e.household.referral_number or "", "code": e.pickup_code or "",
                "date": formats.date_format(timezone.localtime(at), "SHORT_DATE_FORMAT")
                if at else "", "qty": {}})
        qty = households[-1]["qty"]
        qty[a.item_id] = qty.get(a.item_id, 0) + a.quantity
    ordered = sorted(items.values(), key=lambda i: (i.name, i.pk))
    return households, ordered


def distribution_list_pdf(drive, site=None, day=None, user=None) -> bytes:
    """One row per household with ONE signature box; the centre, programme, site and day on
    top; totals per item, "wydał(a)" and page x of y below. The same data gives the same
    bytes (no print time; a checksum of the rows in the footer proves two copies agree)."""
    register_fonts()
    households, items = _households(drive, site, day, user)
    per_item = len(items) <= ITEM_COLUMNS_MAX
    fixed = [(9, _("No.")), (46, _("Full name")), (13, _("Persons")),
             (24, _("Referral no.")), (18, _("Pickup code"))]
    item_cols = [(20, i.name) for i in items] if per_item else [(70, _("What"))]
    tail = [(20, _("Date of hand-over")), (38, _("Signature"))]
    cols = [*fixed, *item_cols, *tail]
    page = landscape(A4) if sum(w for w, _l in cols) > 180 else A4
    width, height = page
    left = 12 * mm
    spare = (width - 2 * left) / mm - sum(w for w, _l in cols)
    cols[1] = (cols[1][0] + spare, cols[1][1])  # the name takes what is left
    total = {i.pk: 0 for i in items}
    for h in households:
        for pk, q in h["qty"].items():
            total[pk] += q
    digest = hashlib.sha256(repr([(h["name"], h["persons"], h["referral"], h["code"],
                                   h["date"], sorted((k, str(v)) for k, v in h["qty"].items()))
                                  for h in households]).encode()).hexdigest()[:12]

    buffer = io.BytesIO()
    c = NumberedCanvas(buffer, pagesize=page, pageCompression=1, invariant=1)
    c.footer_note = _("checksum %(sum)s") % {"sum": digest}
    c.setTitle(_("Distribution list: %(drive)s") % {"drive": drive.name})
    place = " · ".join(p for p in (
        site.name if site is not None else _("all sites"),
        formats.date_format(day, "SHORT_DATE_FORMAT") if day is not None else _("all days")) if p)
    bottom = 16 * mm

    def unit_of(item):
        return item.get_unit_display()

    def header() -> float:
        y = draw_centre_header(c, left, height - 10 * mm, width - left)
        c.setFont(FONT_BOLD, 12)
        c.drawString(left, y - 6 * mm, _("Distribution list: %(drive)s") % {"drive": drive.name})
        c.setFont(FONT, 9)
        c.drawString(left, y - 11 * mm, place)
        y -= 20 * mm
        x = left
        for w, label in cols:
            draw_fitted(c, x + 1 * mm, y + 3 * mm, str(label), FONT_BOLD, 8, w * mm - 2 * mm,
                        shorten=True, minimum=6.5)
            x += w * mm
        c.line(left, y + 1 * mm, x, y + 1 * mm)
        return y

    y = header()
    for n, h in enumerate(households, start=1):
        if y - ROW < bottom + 4 * mm:
            c.showPage()
            y = header()
        y -= ROW
        if per_item:
            values = [f"{num(h['qty'][i.pk])} {unit_of(i)}" if i.pk in h["qty"] else "—"
                      for i in items]
        else:
            values = [", ".join(f"{i.name} {num(h['qty'][i.pk])} {unit_of(i)}"
                                for i in items if i.pk in h["qty"])]
        cells = [str(n), h["name"], h["persons"], h["referral"], h["code"], *values, h["date"],
                 ""]
        x = left
        for index, ((w, _label), text) in enumerate(zip(cols, cells, strict=True)):
            draw_fitted(c, x + 1 * mm, y + 3 * mm, text, FONT, 9, w * mm - 2 * mm,
                        shorten=index == 1 or (not per_item and index == len(fixed)))
            x += w * mm
        c.line(left, y, x, y)
        c.rect(x - cols[-1][0] * mm, y, cols[-1][0] * mm, ROW)  # the one signature box

    # Totals per item and the issuing worker, after the last row (new page if no room).
    lines = [f"{i.name}: {num(total[i.pk])} {unit_of(i)}" for i in items]
    needed = (len(lines) + 1) * 5 * mm + 22 * mm
    if y - needed < bottom:
        c.showPage()
        y = header()
    y -= 8 * mm
    c.setFont(FONT_BOLD, 9)
    c.drawString(left, y, _("Totals (%(n)d households):") % {"n": len(households)})
    for line in lines:
        y -= 5 * mm
        draw_fitted(c, left + 4 * mm, y, line, FONT, 9, width - 2 * left - 4 * mm)
    y -= 14 * mm
    c.setFont(FONT, 9)
    c.drawString(left, y, _("Handed out by (name):"))
    c.line(left + 40 * mm, y - 1 * mm, left + 110 * mm, y - 1 * mm)
    c.drawString(left + 118 * mm, y, _("signature:"))
    c.line(left + 136 * mm, y - 1 * mm, left + 186 * mm, y - 1 * mm)
    c.showPage()
    c.save()
    return buffer.getvalue()


def distribution_list_csv(drive, site=None, day=None, user=None) -> str:
    out = io.StringIO()
    out.write(exports.BOM)
    writer = exports.writer(out)
    writer.writerow([_(label) for _w, label in COLUMNS])
    for row in _rows(drive, site, day, user):
        writer.writerow([*row, ""])
    return out.getvalue()


def report_csv(data: dict) -> str:
    out = io.StringIO()
    out.write(exports.BOM)
    writer = exports.writer(out)
    for key, label in (("households", _("Households")), ("reached", _("Reached")),
                       ("not_reached", _("Not reached")), ("persons", _("Persons")),
                       ("children", _("Children")), ("seniors", _("Seniors")),
                       ("disabled", _("People with disabilities"))):
        writer.writerow([label, data[key]])
    writer.writerow([])
    writer.writerow([_("Item"), _("Allocated"), _("Handed over"), _("Left")])
    for row in data["items"]:
        writer.writerow([row["item__name"], num(row["allocated"]), num(row["given"]),
                         num(row["left"])])
    return out.getvalue()
