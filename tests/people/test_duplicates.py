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


@pytest.mark.django_db
def test_same_name_and_birth_date_at_another_address_is_flagged(make_household):
    """Today's main: same name + birth date at another address was not flagged at all."""
    h = make_household("Kaczmarek", "Zofia", street="ul. Wólczańska", building="10",
                       phone="")
    born = h.members.get().birth_date
    found = find_duplicates(last_name="Kaczmarek", first_name="Zofia", birth_date=born,
                            street="ul. Piotrkowska", building="3", city="Łódź")
    assert [d.person.household for d in found] == [h]
    assert "data urodzenia" in found[0].reason and "pod innym adresem" in found[0].reason


@pytest.mark.django_db
def test_candidates_are_ranked_and_only_the_best_three_are_shown(make_household, pesel):
    """Today's main: a known PESEL came with a dozen 'similar' lines in no order."""
    number = pesel(dt.date(1950, 3, 2))
    same = make_household("Nowak", "Jan", pesel=number, phone="+48601000001")
    by_phone = make_household("Nowak", "Jan", phone="+48601000002", street="ul. Inna")
    for i in range(10):
        make_household("Nowak", f"Adam{i}", phone="+48601000002", street="ul. Zgierska")
    found = find_duplicates(last_name="Nowak", first_name="Jan", pesel=number,
                            phone="+48601000002", street="ul. Zgierska", building="12",
                            apartment="4", city="Łódź")
    assert len(found) == 3
    assert found[0].person.household == same and found[0].code == "pesel"
    assert found[1].person.household == by_phone
    assert found[0].score > found[1].score >= found[2].score
    assert "telefon" in found[1].reason


@pytest.mark.django_db
def test_selecting_all_for_a_drive_warns_about_likely_duplicates(client, make_household,
                                                                 coordinator, site):
    from backend.distribution.models import Enrolment
    from backend.drives import services

    drive = services.create_drive(coordinator, name="Paczki", kind="food", sites=[site])
    a = make_household("Wiśniewska", "Anna", phone="+48601000011", street="ul. A")
    b = make_household("Wisniewska", "Anna", phone="+48601000012", street="ul. B")
    b_head = b.members.get()
    b_head.birth_date = a.members.get().birth_date
    b_head.save()
    other = make_household("Lis", "Ewa", phone="+48601000013")
    client.force_login(coordinator)
    url = f"/drives/{drive.pk}/enrol/"
    page = client.post(url, {"household": [a.pk, b.pk, other.pk]})
    text = page.content.decode()
    assert page.status_code == 200 and 'id="selection-duplicates"' in text
    assert "data urodzenia" in text and Enrolment.objects.count() == 0
    done = client.post(url, {"household": [a.pk, b.pk, other.pk], "confirm_duplicates": "1"})
    assert done.status_code == 302 and Enrolment.objects.count() == 3
    flagged = Enrolment.objects.get(household=b)
    assert "possible_duplicate" in flagged.warnings
