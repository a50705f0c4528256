import datetime as dt

import pytest

from backend.people.selectors import find_duplicates


@pytest.mark.django_db
def test_same_pesel_is_a_duplicate(make_household, pesel):
    number = pesel(dt.date(1950, 3, 2))
    h = make_household("Wiśniewski", pesel=number)
    dups = find_duplicates(last_name="Inny", pesel=number)
    assert [d.person.household for d in dups] == [h]
    assert "PESEL" in dups[0].reason


@pytest.mark.django_db
def test_same_phone_and_surname_ignoring_diacritics(make_household):
    h = make_household("Wiśniewski", phone="+48601000111")
    assert [d.person.household for d in find_duplicates(last_name="wisniewski",
                                                        phone="+48601000111")] == [h]
    assert find_duplicates(last_name="Nowak", phone="+48601000111") == []


@pytest.mark.django_db
def test_same_address_and_surname(make_household):
    h = make_household("Dąbrowski", street="ul. Łagiewnicka", building="5", apartment="2",
                       phone="")
    found = find_duplicates(last_name="DABROWSKI",
                            street="ul. Lagiewnicka", building="5", apartment="2", city="lodz")
    assert [d.person.household for d in found] == [h]
    assert find_duplicates(last_name="Dąbrowski", street="ul. Łagiewnicka", building="5",
                           apartment="3", city="Łódź") == []
