from decimal import Decimal

import pytest

from backend.notifications.encoding import GSM7, UCS2, analyse, transliterate


@pytest.mark.parametrize("text,encoding,segments", [
    ("", GSM7, 0),
    ("a" * 160, GSM7, 1),
    ("a" * 161, GSM7, 2),
    ("a" * 306, GSM7, 2),  # 2 x 153
    ("a" * 307, GSM7, 3),
    ("ą" * 70, UCS2, 1),
    ("a" * 69 + "ą", UCS2, 1),
    ("ą" * 71, UCS2, 2),
    ("ą" * 134, UCS2, 2),  # 2 x 67
    ("ą" * 135, UCS2, 3),
    ("€" * 80, GSM7, 1),  # extension characters count twice: 160 septets
    ("€" * 81, GSM7, 2),
    ("[]{}^~|\\" * 10, GSM7, 1),
])
def test_known_segment_counts(text, encoding, segments):
    info = analyse(text)
    assert (info.encoding, info.segments) == (encoding, segments)


def test_extension_characters_count_twice():
    assert analyse("a€").length == 3
    assert analyse("a" * 159 + "€").segments == 2


def test_one_polish_letter_switches_the_whole_message_to_ucs2():
    gsm = "Odbior paczki w sobote 12.12 w godz. 10-12, ul. Zgierska 221. Kod: K7M2"
    assert analyse(gsm).encoding == GSM7
    info = analyse(gsm.replace("Odbior", "Odbiór") + " " * 20)
    assert info.encoding == UCS2 and info.segments == 2 and info.ucs2_chars == ["ó"]


def test_transliteration_keeps_gsm7():
    text = "Zażółć gęślą jaźń „dziś” – Łódź…"
    assert transliterate(text) == 'Zazolc gesla jazn "dzis" - Lodz...'
    assert analyse(transliterate(text)).encoding == GSM7


def test_transliteration_leaves_ukrainian_intact():
    """"Bez polskich znaków" folds Latin letters only: NFKD would turn й into и and ї
    into і, a misspelt Ukrainian text that is still UCS-2."""
    text = "Олена, дайте відповідь: йод, Їжак, ґанок. Łódź „Bałuty”"
    assert transliterate(text) == 'Олена, дайте відповідь: йод, Їжак, ґанок. Lodz "Baluty"'


def test_emoji_and_curly_quotes_are_reported():
    info = analyse("Dziekujemy 🙂 ’")
    assert info.encoding == UCS2 and info.ucs2_chars == ["🙂", "’"]
    assert info.length == 15  # the emoji is two UTF-16 units


def test_cost_uses_the_configured_price(settings):
    settings.SMS_PRICE_PER_SEGMENT = "0.20"
    assert analyse("ą" * 71).cost == Decimal("0.40")
