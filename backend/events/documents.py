"""The door list (PDF): per session, first name, age band, code with its QR, gift, a box
to tick; and the Wigilia lists (transport for drivers, take-away, diets, tables)."""

import io

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from backend.common.collation import polish
from backend.distribution.models import Participant
from backend.inventory.labels import FONT, FONT_BOLD, _draw_qr, register_fonts

from . import selectors, services
from .models import Event

ROW = 16 * mm
P = Participant.Status


def _fit(c, text: str, width: float, size: float) -> str:
    while text and c.stringWidth(text, FONT, size) > width - 2 * mm:
        text = text[:-2] + "…" if len(text) > 2 else ""
    return text


def door_list_pdf(event: Event) -> bytes:
    register_fonts()
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4, pageCompression=1)
    c.setTitle(_("Door list: %(event)s") % {"event": event.name})
    width, height = A4
    left, top, bottom = 15 * mm, height - 15 * mm, 15 * mm
    bands = list(event.bands.all())
    rows = selectors.participants(event).filter(
        status__in=[P.REGISTERED, P.OFFERED, P.CHECKED_IN]).select_related(
        "wish").prefetch_related("gifts__item").order_by("group", polish("first_name"), "id")
    sessions = {s.pk: s for s in event.sessions.all()}
    columns = [(20, _("QR")), (22, _("Code")), (50, _("First name")), (18, _("Age")),
               (50, _("Gift")), (20, _("Present"))]
    y = [0.0]

    def header(session) -> None:
        c.setFont(FONT_BOLD, 12)
        c.drawString(left, top, f"{event.name} — {session}")
        c.setFont(FONT, 8)
        c.drawRightString(width - left, top, formats.date_format(event.date, "SHORT_DATE_FORMAT")
                          + " · " + _("printed %(at)s") % {"at": formats.date_format(
                              timezone.localtime(), "SHORT_DATETIME_FORMAT")})
        x = left
        c.setFont(FONT_BOLD, 9)
        for w, label in columns:
            c.drawString(x, top - 8 * mm, label)
            x += w * mm
        y[0] = top - 10 * mm

    current = None
    for participant in rows.iterator(chunk_size=2000):
        if participant.group != current or y[0] - ROW < bottom:
            if current is not None:
                c.showPage()
            current = participant.group
            header(sessions.get(current, ""))
        y[0] -= ROW
        x = left
        _draw_qr(c, participant.code, x, y[0] + 1 * mm, ROW - 2 * mm)
        x += columns[0][0] * mm
        age = services.age_at(event, participant.birth_date)
        band = services.band_for(event, age, bands)
        gift = ", ".join(g.item.name for g in participant.gifts.all())
        wish = getattr(participant, "wish", None)
        if wish is not None:
            gift = f"{wish.gift} ({wish.number})"
        elif band and not gift:
            gift = band.gift
        c.setFont(FONT_BOLD, 11)
        c.drawString(x, y[0] + ROW / 2 - 1 * mm, participant.code)
        c.setFont(FONT, 10)
        texts = [participant.first_name, "" if age is None else str(age), gift,
                 "☐" if participant.status != P.CHECKED_IN else "✓"]
        x += columns[1][0] * mm
        for (w, _label), value in zip(columns[2:], texts, strict=True):
            c.drawString(x, y[0] + ROW / 2 - 1 * mm, _fit(c, value, w * mm, 10))
            x += w * mm
        c.line(left, y[0], width - left, y[0])
    if current is None:
        c.setFont(FONT, 11)
        c.drawString(left, top, _("Nobody is registered yet."))
    c.save()
    return buffer.getvalue()


def wigilia_lists(event: Event) -> dict:
    """Who needs transport (for the drivers), take-away packages, diets, tables."""
    rows = list(selectors.participants(event).filter(
        status__in=[P.REGISTERED, P.OFFERED, P.CHECKED_IN]).select_related("household")
        .order_by(polish("first_name"), "id"))
    diets: dict[str, int] = {}
    for p in rows:
        for diet in p.details.get("diet", []):
            diets[diet] = diets.get(diet, 0) + 1
    return {"transport": [p for p in rows if p.details.get("transport")],
            "takeaway": [p for p in rows if p.details.get("takeaway")],
            "diets": diets,
            "tables": sorted({p.details.get("table") for p in rows if p.details.get("table")})}
