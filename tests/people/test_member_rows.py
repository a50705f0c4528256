"""The new-household form takes any number of members ("dodaj wiersz" / "usuń")."""

import pytest
from django.urls import reverse

from backend.people.models import Household
from tests.people.test_household_views import CHILD, HEAD, _household_post

pytestmark = pytest.mark.django_db


def test_five_members_one_removed(client_for, site):
    client = client_for("coordinator")
    form = client.get(reverse("people:household_create")).content.decode()
    assert 'name="members-TOTAL_FORMS" value="2"' in form and "data-formset-add" in form
    children = [{**CHILD, "first_name": name, "pesel": ""} for name in
                ("Zuzia", "Ala", "Ola", "Jaś", "Staś")]
    data = _household_post(site, [HEAD, *children], **{"members-TOTAL_FORMS": "6",
                                                       "members-5-DELETE": "on"})
    response = client.post(reverse("people:household_create"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    household = Household.objects.get()
    assert household.member_count == 5
    assert not household.members.filter(first_name="Staś").exists()


def test_add_row_without_javascript(client_for, site):
    client = client_for("coordinator")
    data = _household_post(site, [HEAD, CHILD], **{"members-TOTAL_FORMS": "2",
                                                  "add_row": "members"})
    page = client.post(reverse("people:household_create"), data)
    html = page.content.decode()
    assert page.status_code == 200 and 'name="members-TOTAL_FORMS" value="3"' in html
    assert 'name="members-2-first_name"' in html and 'value="Zuzia"' in html
    assert not Household.objects.exists()
