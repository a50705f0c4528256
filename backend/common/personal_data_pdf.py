"""The right-of-access export as a readable PDF: one section per kind of record, each row
as label: value lines (DejaVu Sans for Polish letters)."""

import io
from typing import Any
from xml.sax.saxutils import escape

from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from backend.inventory.labels import FONT, FONT_BOLD, register_fonts


def _text(value: Any) -> str:
    if value in (None, "", [], {}):
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, str) and len(value) >= 10 and value[4] == "-":
        moment = parse_datetime(value) if "T" in value else None
        if moment is not None:
            return formats.date_format(timezone.localtime(moment) if moment.tzinfo
                                       else moment, "SHORT_DATETIME_FORMAT")
        day = parse_date(value[:10]) if len(value) == 10 else None
        if day is not None:
            return formats.date_format(day, "SHORT_DATE_FORMAT")
    return str(value)


def export_pdf(data: dict[str, Any]) -> bytes:
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=8.5, leading=11)
    bold = ParagraphStyle("bold", parent=body, fontName=FONT_BOLD)
    h1 = ParagraphStyle("h1", parent=bold, fontSize=14, leading=18, spaceAfter=4 * mm)
    h2 = ParagraphStyle("h2", parent=bold, fontSize=11, leading=14, spaceBefore=4 * mm,
                        spaceAfter=2 * mm)
    subject = data["subject"]
    story = [
        Paragraph(escape(_("Personal data held about: %(who)s") % {"who": subject["label"]}), h1),
        Paragraph(escape(_("Prepared %(at)s. Every record in every module of the system; "
                           "empty sections mean nothing of that kind is held.")
                         % {"at": _text(data["generated_at"])}), body),
    ]
    style = TableStyle([("FONT", (0, 0), (-1, -1), FONT, 8.5),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LINEBELOW", (0, -1), (-1, -1), 0.3, "#999999")])
    for section in data["sections"]:
        story.append(Paragraph(escape(f"{section['title']} ({len(section['rows'])})"), h2))
        for row in section["rows"]:
            cells = [[Paragraph(escape(label), bold), Paragraph(escape(_text(row.get(key))), body)]
                     for key, label in section["fields"].items()]
            table = Table(cells, colWidths=[55 * mm, 120 * mm])
            table.setStyle(style)
            story.append(KeepTogether([table, Spacer(1, 2 * mm)]))
    story.append(Paragraph(escape(_("History of changes (%(n)s)") % {"n": len(data["audit"])}),
                           h2))
    for entry in data["audit"]:
        line = f"{_text(entry['at'])} · {entry['action']} · {entry['object']} · " \
               f"{entry['who'] or '—'}"
        story.append(Paragraph(escape(line), body))
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm,
                      topMargin=15 * mm, bottomMargin=15 * mm,
                      title=_("Personal data"), author="Wspólnie").build(story)
    return buffer.getvalue()
