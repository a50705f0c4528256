"""A4 label sheets (reportlab). Text is fitted by shrinking: a long item name may be
shortened, but the code, quantity and dates are never cut."""

import io
from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from backend.common.pdf import FONT, FONT_BOLD, draw_fitted, fit_size, register_fonts

from . import qr
from .models import Location, Lot, QRTag
from .selectors import num

GRIDS = {"3x8": (3, 8), "2x7": (2, 7), "3x7": (3, 7), "2x4": (2, 4)}


@dataclass
class Label:
    url: str
    short_code: str
    title: str
    line2: str = ""
    line3: str = ""


def label_for_tag(tag: QRTag) -> Label:
    today = formats.date_format(timezone.localdate(), "SHORT_DATE_FORMAT")
    if tag.lot_id:
        lot: Lot = tag.lot
        quantity = f"{num(lot.received_quantity)} {lot.item.get_unit_display()}"
        expiry = (_("exp. %(date)s") % {"date": formats.date_format(lot.expiry,
                                                                     "SHORT_DATE_FORMAT")}
                  if lot.expiry else "")
        extra = lot.serial or lot.get_condition_display() if lot.kind == Lot.Kind.UNIT else expiry
        return Label(tag.url, tag.short_code, lot.item.name, quantity,
                     " · ".join(x for x in (extra, today) if x))
    location: Location = tag.location
    return Label(tag.url, tag.short_code, location.name, location.get_kind_display(),
                 location.path)


def _draw_qr(c: canvas.Canvas, url: str, x: float, y: float, size: float) -> None:
    """The QR as one filled path of horizontal runs (fast: a fixed mask, no widget tree)."""
    matrix = qr.matrix(url)
    n = len(matrix)
    cell = size / n
    path = c.beginPath()
    for row, modules in enumerate(matrix):
        col = 0
        while col < n:
            if modules[col]:
                start = col
                while col < n and modules[col]:
                    col += 1
                path.rect(x + start * cell, y + size - (row + 1) * cell, (col - start) * cell,
                          cell)
            col += 1
    c.drawPath(path, stroke=0, fill=1)


def label_sheet(labels: list[Label], grid: str = "3x8", skip: int = 0) -> bytes:
    """A4 PDF, labels left-to-right, top-to-bottom; `skip` leaves used labels empty."""
    register_fonts()
    cols, rows = GRIDS.get(grid, GRIDS["3x8"])
    page_w, page_h = A4
    margin = 6 * mm
    cell_w, cell_h = (page_w - 2 * margin) / cols, (page_h - 2 * margin) / rows
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4, pageCompression=1)
    c.setTitle(_("QR labels"))
    per_page = cols * rows
    slots = [None] * skip + list(labels)
    for index, label in enumerate(slots):
        if index and index % per_page == 0:
            c.showPage()
        if label is None:
            continue
        pos = index % per_page
        x = margin + (pos % cols) * cell_w
        y = page_h - margin - (pos // cols + 1) * cell_h
        pad = 2 * mm
        qr_size = min(cell_h - 2 * pad, cell_w * 0.45)
        _draw_qr(c, label.url, x + pad, y + (cell_h - qr_size) / 2, qr_size)
        tx = x + 2 * pad + qr_size
        width = cell_w - qr_size - 3 * pad
        size = 9 if rows > 7 else 12
        top = y + cell_h - pad - size
        draw_fitted(c, tx, top, label.short_code, FONT_BOLD, size + 1, width, minimum=4)
        lines = [label.title, label.line2, label.line3]
        if fit_size(label.line3, FONT, size, width) < 6 and " · " in label.line3:
            lines[2:] = label.line3.split(" · ")  # expiry and print date on their own lines
        for n, line in enumerate(lines, start=1):
            if line:  # only the item name may be shortened, and only after shrinking
                draw_fitted(c, tx, top - n * (size + 3), line, FONT, size, width,
                            shorten=n == 1, minimum=6 if n == 1 else 4)
    c.save()
    return buffer.getvalue()


def tags_for(lots=(), locations=()) -> list[QRTag]:
    tags = list(QRTag.objects.filter(lot__in=lots, retired=False).select_related("lot__item")
                .order_by("lot_id")) if lots else []
    if locations:
        tags += list(QRTag.objects.filter(location__in=locations, retired=False)
                     .select_related("location").order_by("location__path"))
    return tags
