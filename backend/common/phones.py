"""Phone numbers: stored E.164, shown the Polish way, mobile-ness from phonenumbers."""

from dataclasses import dataclass

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MOBILE_TYPES = {phonenumbers.PhoneNumberType.MOBILE}


@dataclass(frozen=True)
class Phone:
    e164: str
    is_mobile: bool


def parse_phone(raw: str) -> Phone:
    """Parse what a person typed ('601 234 567', '+48601234567', '0048 ...').

    Raises ValidationError with a Polish-first message on anything invalid.
    """
    text = (raw or "").strip()
    if text.startswith("00"):
        text = "+" + text[2:]
    try:
        number = phonenumbers.parse(text, getattr(settings, "PHONE_DEFAULT_REGION", "PL"))
    except phonenumbers.NumberParseException:
        raise ValidationError(_("Enter a valid phone number, e.g. 601 234 567."), code="invalid")
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(_("Enter a valid phone number, e.g. 601 234 567."), code="invalid")
    number_type = phonenumbers.number_type(number)
    return Phone(
        e164=phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
        is_mobile=number_type in MOBILE_TYPES,
    )


def is_mobile(e164: str) -> bool:
    try:
        return parse_phone(e164).is_mobile
    except ValidationError:
        return False


def format_phone(e164: str) -> str:
    """'+48601234567' -> '601 234 567' for Polish numbers, international otherwise."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    if number.country_code == 48:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
