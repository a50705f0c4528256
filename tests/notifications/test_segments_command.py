"""`manage.py sms_segments`: the closing table of issue 11 (code, language, encoding,
characters, segments of every SMS text with realistic long values)."""

import io

import pytest
from django.core.management import call_command

from backend.notifications.defaults import DEFAULTS, LANGUAGES
from backend.notifications.models import SmsTemplate

STANDARD = ("pickup_notice", "pickup_reminder", "pickup_missed", "delivery_notice")


def _table(*args) -> dict[tuple[str, str, str], tuple[str, int, int]]:
    out = io.StringIO()
    call_command("sms_segments", *args, stdout=out)
    rows = {}
    for line in out.getvalue().splitlines()[2:]:
        code, language, what, enc, chars, segments = (c.strip() for c in line.strip("|")
                                                       .split("|"))
        rows[(code, language, what)] = (enc, int(chars), int(segments))
    return rows


def test_every_default_text_is_counted_and_the_standard_notices_fit_one_segment():
    rows = _table("--defaults")
    assert {(code, lang) for code, lang, _w in rows} == {
        (code, lang) for code in DEFAULTS for lang in LANGUAGES}
    for code in STANDARD:
        for language in ("pl", "en"):
            for what in ("1 line", "7 lines"):  # a 7-line parcel goes out summarised
                assert rows[(code, language, what)][::2] == ("GSM-7", 1), (code, language)
        assert rows[(code, "uk", "1 line")][0] == "UCS-2"


@pytest.mark.django_db
def test_an_edited_template_is_counted_as_the_coordinator_wrote_it():
    SmsTemplate.objects.filter(code="pickup_missed", language="pl").update(
        body="{sender}: {first_name}, nie odebrano: {what}. Zadzwoń: {centre_phone}",
        transliterate=False)
    rows = _table("--language", "pl")
    assert rows[("pickup_missed", "pl", "1 line")][0] == "UCS-2"
    assert ("pickup_missed", "en", "1 line") not in rows
    assert _table("--defaults", "--language", "pl")[("pickup_missed", "pl", "1 line")][0] \
        == "GSM-7"
