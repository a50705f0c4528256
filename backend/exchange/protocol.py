"""Protokół przekazania: the hand-over protocol (one A4 page, signed by both sides)."""

import io

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from backend.common.pdf import FONT, FONT_BOLD, NumberedCanvas, draw_centre_header, register_fonts

from .models import Match


def _wrap(c, text: str, width: float, font: str, size: int) -> list[str]:
    lines, line = [], ""
    for word in (text or "").split():
        trial = f"{line} {word}".strip()
        if c.stringWidth(trial, font, size) > width and line:
            lines.append(line)
            line = word
        else:
            line = trial
    return [*lines, line] if line else lines


def protocol_pdf(match: Match) -> bytes:
    register_fonts()
    offer, request = match.offer, match.request
    household = request.household
    buffer = io.BytesIO()
    c = NumberedCanvas(buffer, pagesize=A4, invariant=1)
    width, height = A4
    left = 20 * mm
    c.setTitle(_("Hand-over protocol"))
    y = draw_centre_header(c, left, height - 12 * mm, width - left) - 7 * mm
    c.setFont(FONT, 10)
    c.drawString(left, y, household.site.name)
    day = match.handed_over_at or timezone.now()
    c.drawRightString(width - left, y, formats.date_format(timezone.localtime(day),
                                                           "SHORT_DATE_FORMAT"))
    y -= 5 * mm
    c.drawString(left, y, household.site.address)
    y -= 14 * mm
    c.setFont(FONT_BOLD, 16)
    c.drawCentredString(width / 2, y, _("Hand-over protocol"))
    y -= 7 * mm
    c.setFont(FONT, 11)
    c.drawCentredString(width / 2, y, _("no. %(number)s") % {"number": f"W/{match.pk}"})
    y -= 15 * mm
    head = household.members.filter(relation="head").first() or household.members.first()
    rows = [
        (_("Recipient"), f"{head.first_name} {head.last_name}" if head else str(household)),
        (_("Address"), household.address),
        (_("Item"), offer.title),
        (_("Category"), offer.category.name),
        (_("Condition"), offer.get_condition_display()),
        (_("Dimensions"), offer.dimensions or "—"),
        (_("Stock unit"), offer.lot.tags.filter(retired=False).first().short_code
         if offer.lot_id and offer.lot.tags.exists() else "—"),
        (_("Description"), offer.description or "—"),
    ]
    for label, value in rows:
        c.setFont(FONT_BOLD, 11)
        c.drawString(left, y, f"{label}:")
        c.setFont(FONT, 11)
        for line in _wrap(c, str(value), width - 2 * left - 45 * mm, FONT, 11) or [""]:
            c.drawString(left + 45 * mm, y, line)
            y -= 6 * mm
        y -= 2 * mm
    y -= 8 * mm
    c.setFont(FONT, 10)
    for line in _wrap(c, _(
            "The recipient confirms receiving the item described above, free of charge, in "
            "the condition described, and has no objections to it."), width - 2 * left, FONT,
            10):
        c.drawString(left, y, line)
        y -= 5 * mm
    y -= 30 * mm
    c.line(left, y, left + 65 * mm, y)
    c.line(width - left - 65 * mm, y, width - left, y)
    c.setFont(FONT, 9)
    c.drawCentredString(left + 32.5 * mm, y - 4 * mm, _("handed over by (signature)"))
    c.drawCentredString(width - left - 32.5 * mm, y - 4 * mm, _("received by (signature)"))
    c.save()
    return buffer.getvalue()
