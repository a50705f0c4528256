"""The one CSV writer for every export (lists, reports, import errors, SMS batches).

What a spreadsheet needs and what keeps it from being used against the person who opens it:
- UTF-8 with a BOM (Excel shows Polish letters only with it) and `;` as the separator (Polish
  Excel expects it, because `,` is the decimal mark);
- formula injection (OWASP "CSV injection"): a text cell starting with `=`, `+`, `-`, `@`, a
  tab or a carriage return is prefixed with `'`, so `=HYPERLINK(...)` from a public form or
  an imported file is shown as text, never run. Numbers (int, Decimal, float) are written as
  they are: a negative quantity stays a number.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.http import HttpResponse

BOM = "\ufeff"
DELIMITER = ";"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value: Any) -> Any:
    """A cell as it is safe to write: numbers unchanged, text never starting a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal):
        return value
    text = str(value)
    if text.startswith(FORMULA_START):
        return "'" + text
    return text


class Writer:
    """`csv.writer` with our dialect; every cell goes through escape_cell."""

    def __init__(self, out):
        self._writer = csv.writer(out, delimiter=DELIMITER)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([escape_cell(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_text(rows: Iterable[Iterable[Any]], bom: bool = True) -> str:
    """The whole file as text (first row is usually the header)."""
    out = io.StringIO()
    if bom:
        out.write(BOM)
    Writer(out).writerows(rows)
    return out.getvalue()


def csv_response(filename: str, rows: Iterable[Iterable[Any]] | None = None) -> HttpResponse:
    """An attachment response; pass rows, or write more with `writer(response)` after."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write(BOM)
    if rows is not None:
        Writer(response).writerows(rows)
    return response


def writer(out) -> Writer:
    return Writer(out)
