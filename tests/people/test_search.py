import pytest

from backend.common.text import fold
from backend.people import selectors
from backend.people.models import Household


def test_fold_strips_polish_diacritics_and_case():
    assert fold("Żółkiewski, ŁÓDŹ  Ęą") == "zolkiewski, lodz ea"


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["zolkiewski", "ŻÓŁKIEWSKI", "Żółkiewski", "zolk lodz",
                                   "601234567", "601 234 567", "zgierska"])
def test_search_ignores_diacritics_and_case(make_household, query):
    target = make_household("Żółkiewski", city="Łódź")
    make_household("Nowak", city="Zgierz", phone="+48609000111", street="ul. Długa")
    found = list(selectors.search_households(Household.objects.all(), query))
    assert target in found
    if query not in ("zgierska",):
        assert len(found) == 1


@pytest.mark.django_db
def test_search_by_pesel_and_every_term_must_match(make_household, pesel):
    import datetime as dt

    number = pesel(dt.date(1950, 3, 2))
    target = make_household("Kowalski", pesel=number)
    make_household("Kowalski", first_name="Jan", phone="+48609000222")
    assert list(selectors.search_households(Household.objects.all(), number)) == [target]
    assert list(selectors.search_households(Household.objects.all(), "kowalski xyz")) == []
