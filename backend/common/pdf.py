"""Shared bits of every printed document: fonts with Polish letters, the centre's header,
a "page x of y" footer and text fitting that shrinks instead of cutting.

Documents draw on a reportlab canvas directly (fast for 2,000-row lists). Page totals are
known only at the end, so NumberedCanvas keeps each page's state and draws the footer on
save (the reportlab "page x of y" recipe).
"""

from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"


def register_fonts() -> None:
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    fonts = Path(settings.BASE_DIR) / "static" / "fonts"
    pdfmetrics.registerFont(TTFont(FONT, str(fonts / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(fonts / "DejaVuSans-Bold.ttf")))


def fit_size(text: str, font: str, size: float, width: float, minimum: float = 5) -> float:
    """The largest size <= `size` at which `text` fits `width` (never below `minimum`)."""
    while size > minimum and pdfmetrics.stringWidth(text, font, size) > width:
        size -= 0.25
    return size


def draw_fitted(c: canvas.Canvas, x: float, y: float, text: str, font: str, size: float,
                width: float, *, shorten: bool = False, minimum: float = 5) -> float:
    """Draw `text` within `width`: shrink first; only free text (shorten=True, e.g. a long
    name) is cut with "…" once it would be smaller than `minimum`. Dates, codes and
    quantities are never cut. Returns the size used."""
    size = fit_size(text, font, size, width, minimum)
    if shorten:
        while len(text) > 2 and pdfmetrics.stringWidth(text, font, size) > width:
            text = text[:-2] + "…"
    c.setFont(font, size)
    c.drawString(x, y, text)
    return size


def centre() -> dict[str, str]:
    return {"name": getattr(settings, "CENTRE_NAME", "") or "",
            "address": getattr(settings, "CENTRE_ADDRESS", "") or "",
            "phone": getattr(settings, "CENTRE_PHONE", "") or "",
            "logo": getattr(settings, "CENTRE_LOGO", "") or ""}


def draw_centre_header(c: canvas.Canvas, left: float, top: float, right: float) -> float:
    """The centre's logo, name, address and phone at the top; returns the y below it."""
    info = centre()
    x = left
    if info["logo"] and Path(info["logo"]).is_file():
        try:
            c.drawImage(info["logo"], left, top - 14 * mm, width=14 * mm, height=14 * mm,
                        preserveAspectRatio=True, mask="auto")
            x = left + 17 * mm
        except OSError:  # an unreadable logo must not stop a document being printed
            pass
    width = right - x
    draw_fitted(c, x, top - 4 * mm, info["name"], FONT_BOLD, 11, width)
    line = " · ".join(p for p in (info["address"], _("tel. %(phone)s") % {"phone": info["phone"]}
                                  if info["phone"] else "") if p)
    if line:
        draw_fitted(c, x, top - 9 * mm, line, FONT, 8, width)
    c.setLineWidth(0.5)
    c.line(left, top - 16 * mm, right, top - 16 * mm)
    return top - 16 * mm


class NumberedCanvas(canvas.Canvas):
    """A canvas that writes "page x of y" (and an optional fixed note) on every page."""

    footer_note = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []

    def showPage(self):  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        if self._code:  # an unfinished last page (documents that end without showPage)
            self.showPage()
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._draw_page_number(total)
            super().showPage()
        super().save()

    def _draw_page_number(self, total: int) -> None:
        width, _height = self._pagesize
        self.setFont(FONT, 7)
        text = _("page %(n)s of %(total)s") % {"n": self._pageNumber, "total": total}
        self.drawRightString(width - 12 * mm, 7 * mm, text)
        if self.footer_note:
            self.drawString(12 * mm, 7 * mm, self.footer_note)
