"""The people rules live in people.services, so the API obeys the same ones as the page:
SMS consent needs a phone and a source, the PESEL must be valid and match the birth date,
and a possible duplicate is refused unless confirmed (the same PESEL never)."""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from backend.people import services
from backend.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(users):
    client = APIClient()
    client.force_authenticate(users["social_worker"])
    return client


def _post(api, household, **data):
    return api.post("/api/v1/persons/", {"household": household.pk, "first_name": "Ola",
                                         "last_name": "Wiśniewska", **data}, format="json")


def test_api_refuses_sms_consent_without_phone_or_source(api, make_household):
    household = make_household("Nowak")
    no_phone = _post(api, household, sms_consent=True, sms_consent_source="paper")
    assert no_phone.status_code == 400 and "phone" in no_phone.json()
    no_source = _post(api, household, sms_consent=True, phone="601 234 999")
    assert no_source.status_code == 400 and "sms_consent_source" in no_source.json()
    assert not Person.objects.filter(first_name="Ola").exists()


def test_api_patch_cannot_switch_consent_on_without_a_phone(api, make_household):
    household = make_household("Nowak", phone="")
    person = household.members.get()
    response = api.patch(f"/api/v1/persons/{person.pk}/", {"sms_consent": True,
                                                           "sms_consent_source": "paper"},
                         format="json")
    assert response.status_code == 400 and "phone" in response.json()
    person.refresh_from_db()
    assert person.sms_consent is False


def test_api_refuses_a_birth_date_that_contradicts_the_pesel(api, make_household):
    household = make_household("Nowak")
    response = _post(api, household, pesel="44051401359", birth_date="1950-01-01")
    assert response.status_code == 400 and "birth_date" in response.json()


def test_api_possible_duplicate_needs_confirmation(api, make_household):
    first = make_household("Wiśniewska", first_name="Ola")
    other = make_household("Zieliński", first_name="Jan", street="ul. Inna", phone="")
    birth = first.members.get().birth_date.isoformat()
    refused = _post(api, other, birth_date=birth)
    assert refused.status_code == 409 and refused.json()["code"] == "duplicate"
    assert other.members.count() == 1
    confirmed = _post(api, other, birth_date=birth, confirm_not_duplicate=True)
    assert confirmed.status_code == 201, confirmed.json()
    assert other.members.count() == 2


def test_the_same_pesel_is_never_overridden(api, make_household):
    make_household("Nowak", pesel="44051401359")
    other = make_household("Zieliński", street="ul. Inna", phone="")
    response = _post(api, other, pesel="44051401359", confirm_not_duplicate=True)
    assert response.status_code == 400 and "pesel" in response.json()  # DRF: unique field
    assert other.members.count() == 1
    with pytest.raises(services.PossibleDuplicate) as err:  # the service says the same
        services.add_member(None, other, {"first_name": "Ola", "last_name": "Nowak",
                                          "pesel": "44051401359"}, confirm_not_duplicate=True)
    assert err.value.code == "duplicate_pesel"


def test_service_refuses_what_the_form_would(make_household):
    household = make_household("Nowak")
    with pytest.raises(services.PersonInvalid) as err:
        services.add_member(None, household, {"first_name": "A", "last_name": "B",
                                              "sms_consent": True, "phone": ""})
    assert "phone" in err.value.errors
    with pytest.raises(services.PersonInvalid):
        services.add_member(None, household, {"first_name": "A", "last_name": "B",
                                              "pesel": "44051401358",
                                              "birth_date": dt.date(1944, 5, 14)})
