"""Potwierdzenie przyjęcia darowizny: a one-page PDF of thanks."""

import io

from django.utils import formats
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from backend.common.pdf import FONT, FONT_BOLD, NumberedCanvas, draw_centre_header, register_fonts
from backend.inventory.selectors import num

from .models import Donation


def receipt_pdf(donation: Donation) -> bytes:
    register_fonts()
    buffer = io.BytesIO()
    c = NumberedCanvas(buffer, pagesize=A4, invariant=1)
    width, height = A4
    c.setTitle(_("Donation receipt"))
    y = draw_centre_header(c, 20 * mm, height - 12 * mm, width - 20 * mm) - 7 * mm
    c.setFont(FONT, 10)
    c.drawString(20 * mm, y, donation.site.name)
    c.drawRightString(width - 20 * mm, y, formats.date_format(donation.date, "SHORT_DATE_FORMAT"))
    y -= 5 * mm
    c.drawString(20 * mm, y, donation.site.address)
    y -= 14 * mm
    c.setFont(FONT_BOLD, 16)
    c.drawCentredString(width / 2, y, _("Donation receipt"))
    y -= 7 * mm
    c.setFont(FONT, 11)
    c.drawCentredString(width / 2, y, donation.number)
    y -= 15 * mm
    c.drawString(20 * mm, y, _("Donor: %(donor)s") % {"donor": donation.donor_label})
    y -= 10 * mm
    c.drawString(20 * mm, y, _("We confirm that we have received the following goods:"))
    y -= 8 * mm
    for n, line in enumerate(donation.lines.select_related("item"), start=1):
        if y < 40 * mm:
            c.showPage()
            c.setFont(FONT, 11)
            y = height - 25 * mm
        c.drawString(25 * mm, y, f"{n}. {line.item.name}")
        c.drawRightString(width - 25 * mm, y, f"{num(line.quantity)} "
                                                f"{line.item.get_unit_display()}")
        y -= 6 * mm
    y -= 12 * mm
    c.setFont(FONT_BOLD, 12)
    c.drawString(20 * mm, y, _("Thank you for your help!"))
    y -= 25 * mm
    c.setFont(FONT, 9)
    c.line(width - 80 * mm, y, width - 20 * mm, y)
    c.drawCentredString(width - 50 * mm, y - 4 * mm, _("received by (signature)"))
    c.save()
    return buffer.getvalue()
