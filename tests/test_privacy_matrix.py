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


# --- Writes by role (issue #9 §7): POST and DELETE rows -----------------------------------
WRITES = [
    # (name, method, url builder, body builder, roles allowed)
    ("household_create_api", "post", lambda o: "/api/v1/households/",
     lambda o: {"site": o["site"], "city": "Łódź"}, {A, C, S}),
    ("person_create_api", "post", lambda o: "/api/v1/persons/",
     lambda o: {"household": o["h"], "first_name": "Ala", "last_name": "Nowa"}, {A, C, S}),
    ("donor_create_api", "post", lambda o: "/api/v1/donors/",
     lambda o: {"kind": "person", "name": "Ewa Darczyńca"}, {A, C, W}),
    ("person_delete_api", "delete", lambda o: f"/api/v1/persons/{o['p']}/", lambda o: None,
     {A, C}),
    ("household_delete_api", "delete", lambda o: f"/api/v1/households/{o['h']}/",
     lambda o: None, {A, C}),
]


@pytest.fixture
def write_objects(objects, site):
    return {**objects, "site": site.pk}


@pytest.mark.django_db
@pytest.mark.parametrize("role", sorted(ALL))
@pytest.mark.parametrize("name,method,url,body,allowed", WRITES, ids=[w[0] for w in WRITES])
def test_api_write_matrix(users, write_objects, role, name, method, url, body, allowed):
    api = APIClient()
    api.force_authenticate(users[role])
    response = getattr(api, method)(url(write_objects), body(write_objects), format="json")
    expected = {"post": 201, "delete": 204}[method] if role in allowed else 403
    assert response.status_code == expected, (name, role, response.content[:300])


@pytest.mark.django_db
@pytest.mark.parametrize("name,method,url,body,allowed", WRITES, ids=[w[0] for w in WRITES])
def test_api_write_anonymous(write_objects, name, method, url, body, allowed):
    response = getattr(APIClient(), method)(url(write_objects), body(write_objects),
                                            format="json")
    assert response.status_code in (401, 403)


@pytest.mark.django_db
def test_social_worker_registers_households_only_at_her_sites(make_user, site, other_site):
    from django.test import Client

    from backend.people import services
    from backend.people.models import Household

    worker = make_user(roles.SOCIAL_WORKER, "pracownik-baluty", sites=[site])
    web = Client()
    web.force_login(worker)
    form = web.get(reverse("people:household_create")).content.decode()
    assert "Filia Bałuty" in form and "Filia Widzew" not in form
    post = {"site": other_site.pk, "city": "Łódź", "status": "active",
            "members-TOTAL_FORMS": "1", "members-INITIAL_FORMS": "0",
            "members-0-first_name": "Ala", "members-0-last_name": "Nowa",
            "members-0-relation": "head", "members-0-preferred_language": "pl"}
    assert web.post(reverse("people:household_create"), post).status_code == 400
    api = APIClient()
    api.force_authenticate(worker)
    assert api.post("/api/v1/households/", {"site": other_site.pk, "city": "Łódź"},
                    format="json").status_code == 400
    with pytest.raises(services.PeopleError) as refused:
        services.create_household(worker, {"site": other_site, "city": "Łódź"}, [])
    assert refused.value.code == "site_not_allowed"
    assert not Household.objects.filter(site=other_site).exists()
    # her own site works
    assert api.post("/api/v1/households/", {"site": site.pk, "city": "Łódź"},
                    format="json").status_code == 201
    mine = Household.objects.get(site=site)
    assert api.patch(f"/api/v1/households/{mine.pk}/", {"site": other_site.pk},
                     format="json").status_code == 400


@pytest.mark.django_db
def test_an_enrolled_household_is_refused_deletion_with_a_message(users, make_household,
                                                                   client):
    from backend.distribution.models import Distribution, Enrolment

    household = make_household("Zapisany")
    Enrolment.objects.create(distribution=Distribution.objects.create(name="Paczki"),
                             household=household)
    api = APIClient()
    api.force_authenticate(users[C])
    response = api.delete(f"/api/v1/households/{household.pk}/")
    assert response.status_code == 409 and response.json()["code"] == "household_in_use"
    client.force_login(users[C])
    page = client.post(reverse("people:household_delete", args=[household.pk]), follow=True)
    assert page.status_code == 200 and "nie można usunąć" in page.content.decode()
    household.refresh_from_db()


@pytest.mark.django_db
def test_api_schema_and_docs_need_a_login(users, client):
    assert APIClient().get("/api/schema/").status_code in (401, 403)
    docs = client.get("/api/docs/")
    assert docs.status_code == 302 and "/accounts/login/" in docs["Location"]
    api = APIClient()
    api.force_authenticate(users[V])
    assert api.get("/api/schema/").status_code == 200
    client.force_login(users[V])
    assert client.get("/api/docs/").status_code == 200
