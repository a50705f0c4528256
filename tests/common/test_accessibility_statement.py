"""The deklaracja dostępności (issue 17 item 10): public, in the statutory structure, filled from
settings."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

SECTIONS = ["Deklaracja dostępności", "Data publikacji aplikacji",
            "Data ostatniej istotnej aktualizacji", "Stan dostępności cyfrowej",
            "częściowo zgodna", "Treści niedostępne", "Niezgodności", "Wyłączenia",
            "Przygotowanie deklaracji dostępności", "Deklarację sporządzono dnia",
            "ostatnio poddana przeglądowi i aktualizacji dnia",
            "Informacje zwrotne i dane kontaktowe",
            "wnioski o udostępnienie informacji niedostępnej",
            "Obsługa wniosków i skarg związanych z dostępnością", "nie później niż w ciągu 7 dni",
            "Rzecznika Praw Obywatelskich", "Dostępność architektoniczna"]


def test_statement_is_public_and_has_every_statutory_section(client, settings):
    settings.CENTRE_NAME = "Miejski Ośrodek Pomocy Rodzinie w Ustce"
    settings.CENTRE_ADDRESS = "ul. Kopernika 1, 76-270 Ustka"
    settings.ACCESSIBILITY_PUBLISHED = "2025-03-01"
    settings.ACCESSIBILITY_UPDATED = "2026-10-15"
    settings.ACCESSIBILITY_REVIEWED = "2026-11-20"
    settings.ACCESSIBILITY_CONTACT_NAME = "Jan Kowalski"
    settings.ACCESSIBILITY_CONTACT_EMAIL = "dostepnosc@mopr.ustka.pl"
    settings.ACCESSIBILITY_CONTACT_PHONE = "+48 59 814 00 00"
    settings.ACCESSIBILITY_ARCHITECTURE = "Wejście od ul. Kopernika, bez schodów."
    response = client.get(reverse("accessibility"))  # no log-in
    assert response.status_code == 200
    text = response.content.decode()
    positions = [text.index(section) for section in SECTIONS]
    assert positions == sorted(positions), "sections out of the statutory order"
    for value in ("Miejski Ośrodek Pomocy Rodzinie w Ustce", "2025-03-01", "2026-10-15",
                  "2026-11-20", "Jan Kowalski", "mailto:dostepnosc@mopr.ustka.pl",
                  "+48 59 814 00 00", "Wejście od ul. Kopernika, bez schodów."):
        assert value in text, value


def test_every_page_links_the_statement(client, users):
    statement = reverse("accessibility")
    assert f'href="{statement}"' in client.get(reverse("accounts:login")).content.decode()
    client.force_login(users["coordinator"])
    assert f'href="{statement}"' in client.get(reverse("home")).content.decode()
