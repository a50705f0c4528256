"""Printed documents: the karta kwalifikacyjna uczestnika wypoczynku (pre-filled for the
parents to sign) and the bus list for the meeting point (first name, code and its QR; no
health data and no phone numbers: a volunteer may hold it)."""

import io

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from backend.common.pdf import (
    FONT,
    FONT_BOLD,
    NumberedCanvas,
    draw_centre_header,
    draw_fitted,
    register_fonts,
)
from backend.inventory.labels import _draw_qr

from . import selectors
from .models import Application, CampSession

WIDTH, HEIGHT = A4
LEFT, RIGHT = 18 * mm, WIDTH - 18 * mm


def _date(value) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else "—"


def _lines(c, y: float, title: str, rows: list[tuple[str, str]]) -> float:
    c.setFont(FONT_BOLD, 10)
    c.drawString(LEFT, y, title)
    y -= 6 * mm
    for label, value in rows:
        c.setFont(FONT, 8)
        c.drawString(LEFT, y, label)
        draw_fitted(c, LEFT + 55 * mm, y, value or "." * 60, FONT, 9, RIGHT - LEFT - 55 * mm,
                    shorten=True)
        y -= 6 * mm
    return y - 3 * mm


def card_pdf(application: Application, with_health: bool) -> bytes:
    """The card's parts: I organiser, II parents (health only when allowed, else blank
    lines for the parents to fill in by hand), III decision, IV stay, V staff notes."""
    register_fonts()
    buffer = io.BytesIO()
    c = NumberedCanvas(buffer, pagesize=A4, pageCompression=1)
    c.setTitle(_("Qualification card"))
    y = draw_centre_header(c, LEFT, HEIGHT - 15 * mm, RIGHT) - 10 * mm
    c.setFont(FONT_BOLD, 13)
    c.drawCentredString(WIDTH / 2, y, _("QUALIFICATION CARD OF A PARTICIPANT IN A STAY"))
    y -= 12 * mm
    participant = application.participant
    session = CampSession.objects.filter(pk=participant.group).first() if participant \
        else CampSession.objects.filter(pk__in=application.preferences[:1]).first()
    child = application.child
    y = _lines(c, y, _("I. Information from the organiser"), [
        (_("kind of stay"), session.get_kind_display() if session else ""),
        (_("dates"), f"{_date(session.start)} – {_date(session.end)}" if session else ""),
        (_("address / place"), session.place if session else ""),
        (_("organiser"), session.organiser if session else ""),
        (_("register number"), session.registry_number if session else ""),
    ])
    health = getattr(application, "health", None) if with_health else None
    y = _lines(c, y, _("II. Information from the parents"), [
        (_("first name and surname"), f"{child.first_name} {child.last_name}" if child
         else application.child_first_name),
        (_("birth date"), _date(application.birth_date)),
        (_("parents' address"), application.household.address if application.household
         else ""),
        (_("parent's phone"), application.contact.phone if application.contact else
         application.parent_phone),
        (_("health (illnesses, allergies)"), health.health_notes if health else ""),
        (_("diet"), health.diet if health else ""),
        (_("medicines"), health.medicines if health else ""),
        (_("vaccinations"), health.vaccinations if health else ""),
    ])
    c.setFont(FONT, 8)
    c.drawString(LEFT, y, _("date and parent's signature") + " " + "." * 60)
    y -= 12 * mm
    y = _lines(c, y, _("III. The organiser's decision to qualify the participant"), [
        (_("decision"), _("qualified") if application.status == "placed" else ""),
        (_("date and signature"), ""),
    ])
    y = _lines(c, y, _("IV. Confirmation of the stay"), [
        (_("stayed from – to"), ""), (_("signature of the head of the stay"), "")])
    _lines(c, y, _("V. Notes of the educator and the camp's staff"), [
        (_("notes"), health.staff_notes if health else ""), (_("signature"), "")])
    c.save()
    return buffer.getvalue()


def bus_list_pdf(session: CampSession) -> bytes:
    register_fonts()
    buffer = io.BytesIO()
    c = NumberedCanvas(buffer, pagesize=A4, pageCompression=1)
    c.setTitle(_("Bus list: %(session)s") % {"session": session})
    rows = selectors.bus_list(session)
    row_h = 16 * mm

    def header() -> float:
        y = draw_centre_header(c, LEFT, HEIGHT - 15 * mm, RIGHT) - 7 * mm
        c.setFont(FONT_BOLD, 12)
        c.drawString(LEFT, y, f"{session.camp.name} — {session}")
        c.setFont(FONT, 8)
        when = timezone.localtime(session.departure_at).strftime("%d.%m.%Y %H:%M") \
            if session.departure_at else ""
        c.drawString(LEFT, y - 5 * mm, f"{session.meeting_point} {when}")
        return y - 12 * mm

    y = header()
    for number, participant in enumerate(rows, 1):
        if y - row_h < 15 * mm:
            c.showPage()
            y = header()
        _draw_qr(c, participant.code, LEFT, y - row_h + 2 * mm, row_h - 4 * mm)
        c.setFont(FONT, 9)
        c.drawString(LEFT + row_h, y - 7 * mm, f"{number}.")
        c.setFont(FONT_BOLD, 11)
        c.drawString(LEFT + row_h + 10 * mm, y - 7 * mm, participant.first_name)
        c.setFont(FONT, 11)
        c.drawString(LEFT + row_h + 70 * mm, y - 7 * mm, participant.code)
        c.rect(RIGHT - 8 * mm, y - 10 * mm, 6 * mm, 6 * mm)
        y -= row_h
    c.save()
    return buffer.getvalue()
