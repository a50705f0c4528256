"""Reading ids and numbers from query strings, forms and JSON without a 500.

`?site=abc`, `slot=abc`, `{"enrolment": "abc"}`: Django's get_object_or_404 passes the text
to the database lookup, which raises ValueError (a 500). Here a value that cannot be an id
is simply "not found" (404), and a quantity must be a finite number (no NaN, no Infinity).
Use these instead of int()/Decimal()/django.shortcuts.get_object_or_404 on request data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404 as django_get_object_or_404
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

MAX_ID = 2**63 - 1  # the largest BigAutoField: bigger numbers overflow the database


def int_or_none(value: Any) -> int | None:
    """A positive database id or None ("12" → 12; "abc", "", "1.5", "-3", None → None)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    else:
        text = str(value if value is not None else "").strip()
        if not text.isdigit() or not text.isascii():
            return None
        number = int(text)
    return number if 0 < number <= MAX_ID else None


def date_or_none(value: Any) -> dt.date | None:
    """A date from request data ("2026-12-06"), or None for anything else, including a
    well-formed but impossible date ("2026-13-45"), where parse_date raises ValueError."""
    try:
        return parse_date(str(value or "").strip()[:10])
    except ValueError:
        return None


def get_object_or_404(klass, *args, **kwargs):
    """django.shortcuts.get_object_or_404 where an id that is not a number is a 404 too."""
    for key in ("pk", "id"):
        if key in kwargs and not hasattr(kwargs[key], "pk"):
            if int_or_none(kwargs[key]) is None:
                raise Http404
            kwargs[key] = int_or_none(kwargs[key])
    try:
        return django_get_object_or_404(klass, *args, **kwargs)
    except (ValueError, TypeError, ValidationError):
        raise Http404 from None


def finite_decimal(value: Any) -> Decimal:
    """A finite Decimal from text ("1 234,5" → 1234.5) or a ValueError: NaN, Infinity and
    text that is not a number are refused, never stored."""
    try:
        number = Decimal(str(value).replace("\u00a0", "").replace(" ", "").replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ValueError("not a number") from None
    if not number.is_finite():
        raise ValueError("not a finite number")
    return number


def parse_quantity(value: Any) -> Decimal | None:
    """A typed quantity ("1,5", "2 000") or None; never NaN or Infinity."""
    try:
        quantity = Decimal(str(value).replace(",", ".").replace(" ", ""))
    except (InvalidOperation, ValueError):
        return None
    return quantity if quantity.is_finite() else None


CSV_MAX_BYTES = 10 * 1024 * 1024


def csv_upload_text(upload, max_bytes: int = CSV_MAX_BYTES) -> str:
    """An uploaded CSV as text, for every import: at most `max_bytes`; UTF-16 when it starts
    with its byte-order mark (Excel's "Unicode text"), else UTF-8 or Windows-1250 (Excel on
    Polish Windows), without NUL characters; anything else is a ValidationError with a
    message, never a 500."""
    if upload.size > max_bytes:
        raise ValidationError(_("The file is larger than 10 MB."))
    raw = upload.read()
    encodings = ("utf-16",) if raw.startswith((b"\xff\xfe", b"\xfe\xff")) else (
        "utf-8-sig", "cp1250")
    for encoding in encodings:
        try:
            # NUL is never text, and PostgreSQL refuses it in any text column (a 500 when
            # an error message or a stored row quoted it): it goes here, for every import.
            return raw.decode(encoding).replace("\x00", "")
        except UnicodeDecodeError:
            continue
    raise ValidationError(_("The file is not UTF-8 or Windows-1250 text."))
