import datetime as dt
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation


@pytest.mark.django_db
def test_polish_is_the_default_and_english_is_switchable(client_for):
    client = client_for("coordinator")
    # an English browser still gets Polish until the user switches
    html = client.get(reverse("people:household_list"),
                      HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="pl">' in html and "Gospodarstwa domowe" in html
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("people:household_list")).content.decode()
    assert '<html lang="en">' in html and "Households" in html


def test_dates_and_numbers_follow_polish_conventions():
    with translation.override("pl"):
        rendered = Template(
            '{% load wspolnie %}{{ d|date:"SHORT_DATE_FORMAT" }}|{{ n|num }}|{{ big|num }}|{{ big }}'
        ).render(Context({"d": dt.date(2026, 12, 6), "n": Decimal("1234.5"), "big": 1234567}))
    # ids stay plain (they end up in attributes and URLs)
    assert rendered == "06.12.2026|1\xa0234,5|1\xa0234\xa0567|1234567"


def test_every_polish_catalogue_entry_is_translated():
    """A msgid without a Polish msgstr would show English in the Polish UI."""
    from pathlib import Path

    import polib
    from django.conf import settings

    from backend.common.i18n import locale_dirs

    missing = []
    for directory in locale_dirs():
        for po_path in Path(directory).glob("pl/LC_MESSAGES/*.po"):
            for entry in polib.pofile(str(po_path)):
                if not entry.obsolete and (not entry.translated() or entry.fuzzy):
                    missing.append(f"{po_path.relative_to(settings.BASE_DIR)}: {entry.msgid}")
    assert not missing, "\n".join(missing[:50])
