"""The volunteer's documents as PDFs, from text templates a centre can override
(templates/volunteers/documents/<kind>.txt): the agreement (porozumienie wolontariackie), the
authorisation to process personal data, the confidentiality declaration, and the certificate
of the volunteer's service (zaświadczenie) with dates, hours and tasks.

Markup of the templates: "# " a centred title, "## " a heading, "---" a signature line,
"||" a table row (cells separated by "|"), anything else a paragraph (blank line between)."""

import io
from decimal import ROUND_HALF_UP, Decimal
from xml.sax.saxutils import escape

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import formats, timezone
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from backend.common.phones import format_phone
from backend.inventory.labels import FONT, FONT_BOLD, register_fonts

from . import selectors
from .models import VolunteerProfile

KINDS = {"agreement": "porozumienie", "data": "upowaznienie", "confidentiality":
         "oswiadczenie-poufnosc", "certificate": "zaswiadczenie"}


def _styles():
    body = ParagraphStyle("body", fontName=FONT, fontSize=10.5, leading=14.5,
                          alignment=TA_JUSTIFY, spaceAfter=5)
    return {"body": body,
            "title": ParagraphStyle("title", parent=body, fontName=FONT_BOLD, fontSize=15,
                                    leading=19, alignment=TA_CENTER, spaceAfter=10),
            "h": ParagraphStyle("h", parent=body, fontName=FONT_BOLD, fontSize=11,
                                spaceBefore=6, alignment=TA_CENTER),
            "cell": ParagraphStyle("cell", parent=body, fontSize=9, leading=11,
                                   alignment=0, spaceAfter=0)}


def hours_text(minutes: int) -> str:
    """240 -> '4', 255 -> '4,25', 250 -> '4,17' (rounded half up, Polish decimal comma)."""
    hours = (Decimal(minutes) / 60).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return formats.number_format(hours.normalize() if hours == hours.to_integral() else hours)


def _context(profile: VolunteerProfile) -> dict:
    hours = list(selectors.hours_of(profile))
    total = sum(s.minutes for s in hours)
    dates = [s.shift.date for s in hours]
    return {
        "p": profile, "phone": format_phone(profile.phone),
        "centre": getattr(settings, "CENTRE_NAME", "Miejski Ośrodek Pomocy Społecznej"),
        "centre_address": getattr(settings, "CENTRE_ADDRESS", ""),
        "today": formats.date_format(timezone.localdate(), "SHORT_DATE_FORMAT"),
        "birth": formats.date_format(profile.birth_date, "SHORT_DATE_FORMAT"),
        "rows": [{"date": formats.date_format(s.shift.date, "SHORT_DATE_FORMAT"),
                  "what": f"{s.shift.title}: {s.tasks or s.role.name}",
                  "programme": s.shift.get_kind_display(),
                  "hours": hours_text(s.minutes)} for s in hours],
        "total_hours": hours_text(total),
        "first": formats.date_format(min(dates), "SHORT_DATE_FORMAT") if dates else "—",
        "last": formats.date_format(max(dates), "SHORT_DATE_FORMAT") if dates else "—",
    }


def _flowables(text: str) -> list:
    st = _styles()
    out, para, table = [], [], []

    def flush_para():
        if para:
            out.append(Paragraph(escape(" ".join(para)), st["body"]))
            para.clear()

    def flush_table():
        if table:
            widths = [28 * mm, 92 * mm, 28 * mm, 22 * mm][:len(table[0])]
            t = Table([[Paragraph(escape(c), st["cell"]) for c in row] for row in table],
                      colWidths=widths, repeatRows=1)
            t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                                   ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            out.extend([t, Spacer(1, 4 * mm)])
            table.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("||"):
            flush_para()
            table.append([c.strip() for c in line[2:].split("|")])
            continue
        flush_table()
        if not line:
            flush_para()
        elif line.startswith("## "):
            flush_para()
            out.append(Paragraph(escape(line[3:]), st["h"]))
        elif line.startswith("# "):
            flush_para()
            out.append(Paragraph(escape(line[2:]), st["title"]))
        elif line == "---":
            flush_para()
            sign = Table([["." * 45, "." * 45], ["", ""]], colWidths=[85 * mm, 85 * mm])
            sign.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), FONT, 8),
                                      ("ALIGN", (0, 0), (-1, -1), "CENTER")]))
            out.extend([Spacer(1, 14 * mm), sign])
        elif line.startswith("--- "):
            flush_para()
            left, _sep, right = line[4:].partition("|")
            sign = Table([["." * 45, "." * 45], [left.strip(), right.strip()]],
                         colWidths=[85 * mm, 85 * mm])
            sign.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), FONT, 8),
                                      ("ALIGN", (0, 0), (-1, -1), "CENTER")]))
            out.extend([Spacer(1, 14 * mm), sign])
        else:
            para.append(line)
    flush_para()
    flush_table()
    return out


def render(kind: str, profile: VolunteerProfile) -> tuple[bytes, str]:
    """(PDF bytes, file name) of one document for one volunteer."""
    register_fonts()
    text = render_to_string(f"volunteers/documents/{kind}.txt", _context(profile))
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                            topMargin=18 * mm, bottomMargin=18 * mm,
                            title=KINDS[kind], author="Wspólnie")
    doc.build(_flowables(text))
    return buffer.getvalue(), f"{KINDS[kind]}-{profile.pk}.pdf"
