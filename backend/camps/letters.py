"""The thank-you letter to a camp sponsor (common/pdf.py: the centre's header, fonts)."""

import io

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from backend.common.pdf import (
    FONT,
    FONT_BOLD,
    NumberedCanvas,
    centre,
    draw_centre_header,
    register_fonts,
)

from .models import Sponsorship

WIDTH, HEIGHT = A4
LEFT, RIGHT = 25 * mm, WIDTH - 25 * mm


def _money(value) -> str:
    text = formats.number_format(value, 2, use_l10n=True, force_grouping=True)
    return text.replace(" ", "\u00a0") + "\u00a0zł"


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Break at plain spaces only: "2 000,00 zł" (no-break spaces) stays on one line."""
    lines, line = [], ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if line and stringWidth(candidate, font, size) > width:
            lines.append(line)
            candidate = word
        line = candidate
    return [*lines, line] if line else lines


def thank_you_pdf(sponsorship: Sponsorship) -> bytes:
    register_fonts()
    session, donor = sponsorship.session, sponsorship.donor
    buffer = io.BytesIO()
    c = NumberedCanvas(buffer, pagesize=A4, pageCompression=1)
    c.setTitle(_("Thank-you letter"))
    y = draw_centre_header(c, LEFT, HEIGHT - 15 * mm, RIGHT) - 12 * mm
    c.setFont(FONT, 10)
    c.drawRightString(RIGHT, y, formats.date_format(timezone.localdate(), "DATE_FORMAT"))
    y -= 14 * mm
    c.setFont(FONT_BOLD, 11)
    c.drawString(LEFT, y, donor.name)
    for line in (donor.contact_person, donor.address):
        if line:
            y -= 5 * mm
            c.setFont(FONT, 10)
            c.drawString(LEFT, y, line)
    y -= 20 * mm
    c.setFont(FONT_BOLD, 16)
    c.drawCentredString(WIDTH / 2, y, _("THANK YOU"))
    y -= 14 * mm
    gifts = []
    if sponsorship.amount:
        gifts.append(_money(sponsorship.amount))
    if sponsorship.places:
        gifts.append(_("%(n)s places for children") % {"n": sponsorship.places})
    text = _(
        "On behalf of the children and their families we thank you warmly for your support "
        "of the summer stay \u201e%(camp)s\u201d (%(session)s, %(place)s): %(gifts)s%(purpose)s. "
        "Thanks to you children from families in need can spend their holidays away from "
        "home, with friends, in safety and with joy.") % {
        "camp": session.camp.name, "session": str(session), "place": session.place,
        "gifts": ", ".join(gifts),
        "purpose": f" ({sponsorship.purpose})" if sponsorship.purpose else ""}
    c.setFont(FONT, 11)
    for line in _wrap(text, FONT, 11, RIGHT - LEFT):
        c.drawString(LEFT, y, line)
        y -= 6.5 * mm
    y -= 20 * mm
    c.setFont(FONT, 10)
    c.drawRightString(RIGHT, y, _("With gratitude,"))
    y -= 6 * mm
    c.drawRightString(RIGHT, y, centre()["name"])
    y -= 18 * mm
    c.drawRightString(RIGHT, y, "." * 50)
    c.showPage()
    c.save()
    return buffer.getvalue()
