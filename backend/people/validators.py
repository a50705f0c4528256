"""PESEL and NIP: checksum and consistency checks."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_PESEL_WEIGHTS = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
_NIP_WEIGHTS = (6, 5, 7, 2, 3, 4, 5, 6, 7)
# Month offset encodes the century (PESEL spec).
_CENTURY_BY_OFFSET = {80: 1800, 0: 1900, 20: 2000, 40: 2100, 60: 2200}


def pesel_birth_date(pesel: str) -> dt.date:
    """Birth date encoded in a PESEL; ValueError if it is not a real date."""
    year, month, day = int(pesel[0:2]), int(pesel[2:4]), int(pesel[4:6])
    offset = (month - 1) // 20 * 20
    century = _CENTURY_BY_OFFSET[offset]
    return dt.date(century + year, month - offset, day)


def validate_pesel(value: str) -> None:
    if len(value) != 11 or not value.isdigit():
        raise ValidationError(_("PESEL has 11 digits."), code="pesel_format")
    digits = [int(c) for c in value]
    check = (10 - sum(w * d for w, d in zip(_PESEL_WEIGHTS, digits, strict=False)) % 10) % 10
    if check != digits[10]:
        raise ValidationError(_("This PESEL has a wrong check digit."), code="pesel_checksum")
    try:
        pesel_birth_date(value)
    except (ValueError, KeyError):
        raise ValidationError(_("This PESEL does not encode a valid birth date."),
                              code="pesel_date")


def pesel_sex(value: str) -> str:
    return "F" if int(value[9]) % 2 == 0 else "M"


def validate_nip(value: str) -> None:
    digits = value.replace("-", "").replace(" ", "")
    if len(digits) != 10 or not digits.isdigit():
        raise ValidationError(_("NIP has 10 digits."), code="nip_format")
    check = sum(w * int(d) for w, d in zip(_NIP_WEIGHTS, digits, strict=False)) % 11
    if check == 10 or check != int(digits[9]):
        raise ValidationError(_("This NIP has a wrong check digit."), code="nip_checksum")


def make_pesel(birth: dt.date, serial: int) -> str:
    """A valid PESEL for birth date and a 4-digit serial (demo data and tests)."""
    offset = {1800: 80, 1900: 0, 2000: 20, 2100: 40, 2200: 60}[birth.year // 100 * 100]
    body = f"{birth.year % 100:02d}{birth.month + offset:02d}{birth.day:02d}{serial % 10000:04d}"
    check = (10 - sum(w * int(d) for w, d in zip(_PESEL_WEIGHTS, body, strict=False)) % 10) % 10
    return body + str(check)
