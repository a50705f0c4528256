"""Report tables as CSV (common.exports, formula-escaped), XLSX (openpyxl) and the yearly
summary as a PDF with the centre's header (common.pdf) for the sprawozdanie merytoryczne."""

import io
from decimal import Decimal

from django.http import HttpResponse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from backend.common import exports, pdf

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_response(table, filename: str) -> HttpResponse:
    return exports.csv_response(filename, [table.columns, *table.rows])


def _cell(value):
    # Numbers stay numbers in the sheet; text is escaped like the CSV (no formulas).
    if isinstance(value, Decimal):
        return float(value)
    return exports.escape_cell(value) if isinstance(value, str) else value


def xlsx_response(tables, filename: str, heading: str) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for table in tables:
        sheet = book.create_sheet(table.title[:31].replace("/", "-"))
        sheet.append([_cell(heading)])  # the scope names sites: text, never a formula
        sheet.append([])
        sheet.append([_cell(c) for c in table.columns])
        for cell in sheet[3]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([_cell(v) for v in row])
        sheet.column_dimensions["A"].width = 34
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _text(value) -> str:
    if isinstance(value, Decimal):
        places = 0 if value == value.to_integral() else 2
        return number_format(value, places, force_grouping=True)
    if isinstance(value, int):
        return number_format(value, 0, force_grouping=True)
    return str(value)


def yearly_pdf(tables, heading: str, scope_line: str) -> bytes:
    """Every table of the report, one after another, on A4 pages with the header."""
    pdf.register_fonts()
    out = io.BytesIO()
    c = pdf.NumberedCanvas(out, pagesize=A4)
    width, height = A4
    left, right = 15 * mm, width - 15 * mm

    def new_page() -> float:
        top = pdf.draw_centre_header(c, left, height - 12 * mm, right)
        return top - 8 * mm

    y = new_page()
    c.setFont(pdf.FONT_BOLD, 14)
    c.drawString(left, y, heading)
    y -= 6 * mm
    c.setFont(pdf.FONT, 9)
    c.drawString(left, y, scope_line)
    y -= 10 * mm
    for table in tables:
        needed = (len(table.rows) + 3) * 5.5 * mm
        if y - min(needed, 60 * mm) < 20 * mm:
            c.showPage()
            y = new_page()
        c.setFont(pdf.FONT_BOLD, 11)
        c.drawString(left, y, table.title)
        y -= 6 * mm
        col_w = (right - left) / len(table.columns)
        first_w = max(col_w, (right - left) * 0.34)
        other_w = (right - left - first_w) / max(len(table.columns) - 1, 1)
        xs = [left] + [left + first_w + i * other_w for i in range(len(table.columns) - 1)]
        widths = [first_w] + [other_w] * (len(table.columns) - 1)
        for row_no, row in enumerate([table.columns, *table.rows]):
            if y < 20 * mm:
                c.showPage()
                y = new_page()
            font = pdf.FONT_BOLD if row_no == 0 else pdf.FONT
            for i, value in enumerate(row):
                text = _text(value)
                if i == 0:
                    pdf.draw_fitted(c, xs[i], y, text, font, 8.5, widths[i] - 2 * mm)
                else:
                    size = pdf.fit_size(text, font, 8.5, widths[i] - 2 * mm)
                    c.setFont(font, size)
                    c.drawRightString(xs[i] + widths[i] - 2 * mm, y, text)
            if row_no == 0:
                c.setLineWidth(0.3)
                c.line(left, y - 1.8 * mm, right, y - 1.8 * mm)
            y -= 5.5 * mm
        y -= 6 * mm
    if not tables:
        c.drawString(left, y, _("No data."))
    c.save()
    return out.getvalue()
