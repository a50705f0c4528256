import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from backend.common.phones import format_phone, parse_phone
from backend.people.validators import make_pesel, pesel_birth_date, validate_nip, validate_pesel


@pytest.mark.parametrize("pesel,birth", [
    ("44051401359", dt.date(1944, 5, 14)),   # the textbook example
    ("02270803624", dt.date(2002, 7, 8)),    # 21st century: month + 20
])
def test_valid_pesel_and_encoded_birth_date(pesel, birth):
    validate_pesel(pesel)
    assert pesel_birth_date(pesel) == birth


@pytest.mark.parametrize("pesel,code", [
    ("44051401358", "pesel_checksum"),
    ("4405140135", "pesel_format"),
    ("4405140135a", "pesel_format"),
    ("44133101352", "pesel_date"),  # month 13 with a right checksum below
])
def test_invalid_pesel(pesel, code):
    if code == "pesel_date":
        body = "4413310135"
        weights = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
        pesel = body + str((10 - sum(w * int(d) for w, d in zip(weights, body)) % 10) % 10)
    with pytest.raises(ValidationError) as exc:
        validate_pesel(pesel)
    assert exc.value.code == code


def test_make_pesel_round_trips_for_any_century():
    for birth in (dt.date(1899, 12, 31), dt.date(1950, 1, 1), dt.date(2015, 6, 30)):
        value = make_pesel(birth, 4321)
        validate_pesel(value)
        assert pesel_birth_date(value) == birth


def test_nip():
    validate_nip("7251801126")
    validate_nip("725-180-11-26")
    with pytest.raises(ValidationError):
        validate_nip("7251801127")
    with pytest.raises(ValidationError):
        validate_nip("12345")


def test_phone_numbers_are_e164_and_mobile_comes_from_phonenumbers():
    mobile = parse_phone("601 234 567")
    assert mobile.e164 == "+48601234567" and mobile.is_mobile
    landline = parse_phone("42 638 40 00")  # Łódź fixed line
    assert landline.e164 == "+48426384000" and not landline.is_mobile
    assert parse_phone("0048 601234567").e164 == "+48601234567"
    assert format_phone("+48601234567") == "601 234 567"
    with pytest.raises(ValidationError):
        parse_phone("12345")
