"""The transfer protocol (protokół przekazania): the centre, the partner, the drive, the
items and quantities, two signatures."""

import io

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from backend.common.pdf import (
    FONT,
    FONT_BOLD,
    NumberedCanvas,
    centre,
    draw_centre_header,
    draw_fitted,
    register_fonts,
)
from backend.inventory.selectors import num

from .models import Transfer
from .services import unit_label


def protocol_pdf(record: Transfer) -> bytes:
    register_fonts()
    width, height = A4
    left, right = 15 * mm, A4[0] - 15 * mm
    buffer = io.BytesIO()
    c = NumberedCanvas(buffer, pagesize=A4, pageCompression=1, invariant=1)
    title = _("Transfer protocol no. %(n)s") % {"n": f"{record.pk}/{record.at:%Y}"}
    c.setTitle(title)
    y = draw_centre_header(c, left, height - 12 * mm, right)
    draw_fitted(c, left, y - 8 * mm, title, FONT_BOLD, 13, right - left)
    day = formats.date_format(timezone.localtime(record.at), "SHORT_DATE_FORMAT")
    partner = record.partner
    lines = [_("Date: %(day)s") % {"day": day},
             _("Handed over by: %(centre)s") % {"centre": centre()["name"]},
             _("Received by: %(name)s, %(address)s") % {"name": partner.name,
                                                       "address": partner.address}
             + (f", NIP {partner.nip}" if partner.nip else ""),
             _("Goods collected in the drive: %(drive)s") % {"drive": record.drive.name}]
    y -= 16 * mm
    for line in lines:
        draw_fitted(c, left, y, line, FONT, 10, right - left)
        y -= 6 * mm
    y -= 4 * mm
    cols = [(12, _("No.")), (110, _("Item")), (35, _("Quantity")), (23, _("unit"))]
    x = left
    for w, label in cols:
        draw_fitted(c, x + 1 * mm, y, label, FONT_BOLD, 9, w * mm - 2 * mm)
        x += w * mm
    c.line(left, y - 2 * mm, right, y - 2 * mm)
    for n, line in enumerate(record.lines, start=1):
        if y < 60 * mm:
            c.showPage()
            y = height - 20 * mm
        y -= 8 * mm
        x = left
        for (w, _label), text in zip(cols, [str(n), line["item"], num(line["quantity"]),
                                            unit_label(line["unit"])], strict=True):
            draw_fitted(c, x + 1 * mm, y, text, FONT, 10, w * mm - 2 * mm, shorten=w == 110)
            x += w * mm
        c.line(left, y - 2 * mm, right, y - 2 * mm)
    y -= 12 * mm
    draw_fitted(c, left, y, _("The goods listed above were handed over and received without "
                              "objections."), FONT, 9, right - left)
    y -= 25 * mm
    c.setFont(FONT, 9)
    c.line(left, y, left + 70 * mm, y)
    c.line(right - 70 * mm, y, right, y)
    c.drawString(left, y - 5 * mm, _("handed over by (signature)"))
    c.drawString(right - 70 * mm, y - 5 * mm, _("received by (signature)"))
    c.showPage()
    c.save()
    return buffer.getvalue()
