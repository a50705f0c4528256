"""History reads as Polish: field labels and display values, not names and ids (issue 12)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from backend.accounts import audit
from backend.people import services


@pytest.mark.django_db
def test_household_history_shows_labels_names_and_choice_labels(
        make_household, coordinator, other_site, client_for):
    household = make_household(actor=coordinator)
    services.update_household(coordinator, household, {"site": other_site, "status": "inactive"})
    html = client_for("coordinator").get(
        reverse("people:household_detail", args=[household.pk]) + "?tab=history").content.decode()
    assert f"Placówka: {household.site.name} → {other_site.name}" in html
    assert "Status: aktywne → nieaktywne" in html or "Status: aktywny → nieaktywny" in html \
        or "→ " + str(household.get_status_display()) in html
    assert "<code>site</code>" not in html and "birth_date" not in html
    # The head of household: booleans as tak/nie, dates as DD.MM.RRRR, labels not names.
    assert "Data urodzenia: — → " in html and "1950" in html
    assert "-03-" not in html


@pytest.mark.django_db
def test_readable_values_and_constant_queries(make_household, coordinator, other_site, site):
    households = [make_household(actor=coordinator) for _ in range(3)]
    for h in households:
        services.update_household(coordinator, h, {"site": other_site})
    entries = list(audit.history_for(households[0])) + list(audit.history_for(households[1]))
    with CaptureQueriesContext(connection) as few:
        audit.readable(entries[:2])
    with CaptureQueriesContext(connection) as many:
        rows = audit.readable(entries)
    assert len(many) == len(few)  # one query per related model, not one per row
    flat = [row for e in rows for row in e.rows]
    assert ("Placówka", site.name, other_site.name) in flat


def test_plain_values_are_words():
    assert audit._plain(True) == "tak" and audit._plain(False) == "nie"
    assert audit._plain(None) == "—"
    assert audit._plain(["1", "2"]) == "2 pozycje"
