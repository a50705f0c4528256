import datetime as dt

import pytest
from django.urls import reverse

from backend.accounts.models import AuditEntry
from backend.people.models import Household, Person


def _formset(members):
    data = {"members-TOTAL_FORMS": "4", "members-INITIAL_FORMS": "0",
            "members-MIN_NUM_FORMS": "0", "members-MAX_NUM_FORMS": "20"}
    for index, member in enumerate(members):
        for key, value in member.items():
            data[f"members-{index}-{key}"] = value
    return data


def _household_post(site, members, **extra):
    return {"site": site.pk, "street": "ul. Piotrkowska", "building": "10", "apartment": "3",
            "postal_code": "90-004", "city": "Łódź", "status": "active",
            "heating_type": "coal", **_formset(members), **extra}


HEAD = {"first_name": "Stanisław", "last_name": "Żółkiewski", "birth_date": "14.05.1944",
        "pesel": "44051401359", "relation": "head", "phone": "601 234 567",
        "sms_consent": "on", "sms_consent_source": "paper", "preferred_language": "pl"}
CHILD = {"first_name": "Zuzia", "last_name": "Żółkiewska", "birth_date": "01.02.2016",
         "relation": "child", "preferred_language": "pl"}


@pytest.mark.django_db
def test_coordinator_creates_household_with_child_and_it_is_audited(client_for, site):
    client = client_for("coordinator")
    response = client.post(reverse("people:household_create"), _household_post(site, [HEAD, CHILD]))
    assert response.status_code == 302, response.content.decode()[:2000]
    household = Household.objects.get()
    assert household.member_count == 2
    assert household.display_name == "Żółkiewski Stanisław"
    head, child = household.members.order_by("birth_date")
    assert head.phone == "+48601234567" and head.phone_is_mobile and head.sms_consent_at
    assert child.is_child and not head.is_child and head.is_senior
    entries = AuditEntry.objects.filter(action="create")
    assert entries.count() == 3
    person_entry = entries.get(object_id=str(head.pk), content_type__model="person")
    assert person_entry.changes["pesel"] == [None, "***"]  # never the value itself
    assert person_entry.actor.username == "coordinator"
    # the history tab lists the household's and its members' entries
    page = client.get(reverse("people:household_detail", args=[household.pk]) + "?tab=history")
    assert page.content.decode().count("<tr>") >= 3


@pytest.mark.django_db
def test_invalid_input_keeps_everything_and_says_what_is_wrong(client_for, site):
    client = client_for("coordinator")
    bad = {**HEAD, "pesel": "44051401358", "phone": "123"}
    response = client.post(reverse("people:household_create"), _household_post(site, [bad]))
    assert response.status_code == 400
    html = response.content.decode()
    assert "błędną cyfrę kontrolną" in html or "wrong check digit" in html
    assert 'value="Żółkiewski"' in html  # nothing lost
    assert Household.objects.count() == 0


@pytest.mark.django_db
def test_pesel_and_birth_date_must_agree(client_for, site):
    client = client_for("coordinator")
    bad = {**HEAD, "birth_date": "15.05.1944"}
    response = client.post(reverse("people:household_create"), _household_post(site, [bad]))
    assert response.status_code == 400
    assert "14.05.1944" in response.content.decode()


@pytest.mark.django_db
def test_duplicate_is_shown_and_can_be_overridden(client_for, site, make_household):
    existing = make_household("Żółkiewski", pesel="44051401359")
    client = client_for("coordinator")
    response = client.post(reverse("people:household_create"), _household_post(site, [HEAD]))
    html = response.content.decode()
    assert response.status_code == 200 and 'id="duplicates"' in html
    assert reverse("people:household_detail", args=[existing.pk]) in html
    assert Household.objects.count() == 1
    other = {**HEAD, "pesel": "", "birth_date": "14.05.1944"}
    response = client.post(reverse("people:household_create"),
                           _household_post(site, [other], confirm_not_duplicate="on"))
    assert response.status_code == 302
    assert Household.objects.count() == 2


@pytest.mark.django_db
def test_edit_person_records_what_changed(client_for, make_household):
    household = make_household("Nowak", first_name="Jan")
    person = household.members.get()
    client = client_for("social_worker")
    response = client.post(reverse("people:person_edit", args=[person.pk]), {
        "first_name": "Janusz", "last_name": "Nowak", "birth_date": "02.03.1950",
        "relation": "head", "phone": "", "preferred_language": "pl"})
    assert response.status_code == 302
    entry = AuditEntry.objects.filter(action="update").get()
    assert entry.changes["first_name"] == ["Jan", "Janusz"]
    assert entry.root_id == str(household.pk)
    household.refresh_from_db()
    assert household.display_name == "Nowak Janusz"


@pytest.mark.django_db
def test_add_member_inline_with_htmx(client_for, make_household):
    household = make_household("Nowak")
    client = client_for("coordinator")
    response = client.post(reverse("people:member_add", args=[household.pk]), {
        "new-first_name": "Ola", "new-last_name": "Nowak", "new-birth_date": "01.01.2018",
        "new-relation": "child", "new-preferred_language": "pl"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Ola Nowak" in response.content.decode()
    assert "<html" not in response.content.decode()  # a partial, not a page
    household.refresh_from_db()
    assert household.member_count == 2


@pytest.mark.django_db
def test_list_search_and_htmx_partial(client_for, make_household):
    make_household("Żółkiewski")
    make_household("Kowalski", phone="+48609111222")
    client = client_for("coordinator")
    full = client.get(reverse("people:household_list"), {"q": "zolkiewski"})
    assert "Żółkiewski" in full.content.decode() and "Kowalski" not in full.content.decode()
    partial = client.get(reverse("people:household_list"), {"q": "kowal"},
                         HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results")
    html = partial.content.decode()
    assert "Kowalski" in html and "<html" not in html
    empty = client.get(reverse("people:household_list"), {"q": "nikogo"})
    assert "Brak gospodarstw" in empty.content.decode() or "No households match" in \
        empty.content.decode()


@pytest.mark.django_db
def test_csv_export_of_the_filtered_list_is_audited(client_for, make_household):
    make_household("Żółkiewski")
    make_household("Kowalski", phone="+48609111222")
    client = client_for("coordinator")
    response = client.get(reverse("people:household_list"), {"q": "kowal", "export": "csv"})
    body = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert "Kowalski" in body and "Żółkiewski" not in body
    assert AuditEntry.objects.filter(action="export").exists()
    assert client_for("social_worker").get(
        reverse("people:household_list"), {"export": "csv"}).status_code == 403


@pytest.mark.django_db
def test_social_worker_sees_only_households_of_their_sites(make_user, make_household, site,
                                                           other_site, client):
    mine = make_household("Mój", site_obj=site)
    theirs = make_household("Cudzy", site_obj=other_site, phone="+48609333444")
    worker = make_user("social_worker", "sw", sites=[site])
    client.force_login(worker)
    assert client.get(reverse("people:household_detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("people:household_detail", args=[theirs.pk])).status_code == 404


@pytest.mark.django_db
def test_anonymise_keeps_statistics_and_erases_personal_data(client_for, make_household, pesel):
    household = make_household("Żółkiewski", pesel=pesel(dt.date(1950, 3, 2)))
    client = client_for("coordinator")
    client.post(reverse("people:household_anonymise", args=[household.pk]))
    household.refresh_from_db()
    person = Person.objects.get(household=household)
    assert household.status == "anonymised" and household.street == ""
    assert person.pesel == "" and person.phone == "" and "Żółkiewski" not in person.last_name
    assert person.birth_date.year == 1950  # age groups still count
    assert not AuditEntry.objects.filter(changes__has_key="first_name").exists()
