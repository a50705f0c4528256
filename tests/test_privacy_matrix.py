"""Every people view and API endpoint x every role (issue #2, privacy by role)."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from backend.accounts import roles

A, C, S, W, V, R = (roles.ADMINISTRATOR, roles.COORDINATOR, roles.SOCIAL_WORKER,
                    roles.WAREHOUSE_VOLUNTEER, roles.VOLUNTEER, roles.VIEWER)
ALL = {A, C, S, W, V, R}

# (name, url builder, method, roles allowed). Others get 403 (logged in).
UI = [
    ("household_list", lambda o: reverse("people:household_list"), "get", {A, C, S}),
    ("household_create", lambda o: reverse("people:household_create"), "get", {A, C, S}),
    ("household_detail", lambda o: reverse("people:household_detail", args=[o["h"]]), "get",
     {A, C, S}),
    ("household_edit", lambda o: reverse("people:household_edit", args=[o["h"]]), "get",
     {A, C, S}),
    ("household_delete", lambda o: reverse("people:household_delete", args=[o["h"]]), "get",
     {A, C}),
    ("household_export", lambda o: reverse("people:household_export", args=[o["h"]]), "get",
     {A, C, S}),
    ("person_edit", lambda o: reverse("people:person_edit", args=[o["p"]]), "get", {A, C, S}),
    ("import_upload", lambda o: reverse("people:import_upload"), "get", {A, C}),
    ("donor_list", lambda o: reverse("people:donor_list"), "get", {A, C, W}),
    ("donor_create", lambda o: reverse("people:donor_create"), "get", {A, C, W}),
    ("donor_detail", lambda o: reverse("people:donor_detail", args=[o["d"]]), "get", {A, C, W}),
    ("donor_edit", lambda o: reverse("people:donor_edit", args=[o["d"]]), "get", {A, C}),
    ("home", lambda o: reverse("home"), "get", ALL),
]
API = [
    ("households", lambda o: "/api/v1/households/", {A, C, S}),
    ("household", lambda o: f"/api/v1/households/{o['h']}/", {A, C, S}),
    ("persons", lambda o: "/api/v1/persons/", {A, C, S}),
    ("person", lambda o: f"/api/v1/persons/{o['p']}/", {A, C, S}),
    ("donors", lambda o: "/api/v1/donors/", {A, C, W}),
    ("donor", lambda o: f"/api/v1/donors/{o['d']}/", {A, C, W}),
    ("sites", lambda o: "/api/v1/sites/", ALL),
    ("me", lambda o: "/api/v1/me/", ALL),
]


@pytest.fixture
def objects(make_household, users):
    from backend.people import services

    household = make_household("Żółkiewski", pesel="44051401359")
    donor = services.create_donor(None, {"kind": "person", "name": "Jan Darczyńca"})
    return {"h": household.pk, "p": household.members.get().pk, "d": donor.pk}


@pytest.mark.django_db
@pytest.mark.parametrize("role", sorted(ALL))
@pytest.mark.parametrize("name,url,method,allowed", UI, ids=[u[0] for u in UI])
def test_ui_matrix(client, users, objects, role, name, url, method, allowed):
    client.force_login(users[role])
    response = getattr(client, method)(url(objects))
    assert response.status_code == (200 if role in allowed else 403), (name, role)
    if role in allowed and name == "household_detail":
        html = response.content.decode()
        assert "44051401359" in html and "ul. Zgierska" in html


@pytest.mark.django_db
@pytest.mark.parametrize("name,url,method,allowed", UI, ids=[u[0] for u in UI])
def test_ui_anonymous_is_sent_to_login(client, objects, name, url, method, allowed):
    response = client.get(url(objects))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("role", sorted(ALL))
@pytest.mark.parametrize("name,url,allowed", API, ids=[a[0] for a in API])
def test_api_matrix(users, objects, role, name, url, allowed):
    api = APIClient()
    api.force_authenticate(users[role])
    response = api.get(url(objects))
    assert response.status_code == (200 if role in allowed else 403), (name, role)


@pytest.mark.django_db
@pytest.mark.parametrize("name,url,allowed", API, ids=[a[0] for a in API])
def test_api_anonymous(objects, name, url, allowed):
    assert APIClient().get(url(objects)).status_code in (401, 403)


@pytest.mark.django_db
def test_pesel_is_masked_for_roles_without_sensitive_permission(users, objects, make_user):
    from django.contrib.auth.models import Permission

    # A custom role may view households without the sensitive-data permission.
    clerk = make_user(roles.VIEWER, "clerk")
    clerk.user_permissions.add(Permission.objects.get(codename="view_household"),
                               Permission.objects.get(codename="view_person"),
                               Permission.objects.get(codename="view_all_households"))
    api = APIClient()
    api.force_authenticate(clerk)
    person = api.get(f"/api/v1/persons/{objects['p']}/").json()
    assert person["pesel"].endswith("1359") and "4405140" not in person["pesel"]
    from django.test import Client

    web = Client()
    web.force_login(clerk)
    html = web.get(reverse("people:household_detail", args=[objects["h"]])).content.decode()
    assert "44051401359" not in html and "1359" in html
    assert "ul. Zgierska" not in html  # the address is sensitive too


@pytest.mark.django_db
def test_write_methods_follow_the_same_rules(users, objects):
    api = APIClient()
    api.force_authenticate(users[roles.WAREHOUSE_VOLUNTEER])
    assert api.post("/api/v1/households/", {}, format="json").status_code == 403
    assert api.delete(f"/api/v1/persons/{objects['p']}/").status_code == 403
    api.force_authenticate(users[roles.SOCIAL_WORKER])
    assert api.delete(f"/api/v1/households/{objects['h']}/").status_code == 403
