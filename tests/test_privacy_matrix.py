"""Every people view and API endpoint x every role (issue #2, privacy by role)."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from backend.accounts import roles
from tests.factories import DonorFactory, HouseholdFactory
from tests.matrix import ALL, A, C, S, V, W, api, assert_api_matrix, assert_ui_matrix, ui

# (name, url builder, roles allowed, method, body). Others get 403 (logged in).
UI = [
    ui("household_list", lambda o: reverse("people:household_list"), {A, C, S}),
    ui("household_create", lambda o: reverse("people:household_create"), {A, C, S}),
    ui("household_detail", lambda o: reverse("people:household_detail", args=[o["h"]]),
       {A, C, S}),
    ui("household_edit", lambda o: reverse("people:household_edit", args=[o["h"]]), {A, C, S}),
    ui("household_delete", lambda o: reverse("people:household_delete", args=[o["h"]]),
       {A, C}),
    ui("household_export", lambda o: reverse("people:household_export", args=[o["h"]]),
       {A, C, S}),
    ui("person_edit", lambda o: reverse("people:person_edit", args=[o["p"]]), {A, C, S}),
    ui("import_upload", lambda o: reverse("people:import_upload"), {A, C}),
    ui("donor_list", lambda o: reverse("people:donor_list"), {A, C, W}),
    ui("donor_create", lambda o: reverse("people:donor_create"), {A, C, W}),
    ui("donor_detail", lambda o: reverse("people:donor_detail", args=[o["d"]]), {A, C, W}),
    ui("donor_edit", lambda o: reverse("people:donor_edit", args=[o["d"]]), {A, C}),
    ui("home", lambda o: reverse("home"), ALL),
    # writes (a fresh household per role)
    ui("person_delete_post", lambda o: reverse("people:person_delete", args=[o["p"]]), {A, C},
       method="post"),
    ui("donor_edit_post", lambda o: reverse("people:donor_edit", args=[o["d"]]), {A, C},
       method="post", body=lambda o: {"kind": "person", "name": "Jan Poprawiony"}),
]
API = [
    api("households", lambda o: "/api/v1/households/", {A, C, S}),
    api("household", lambda o: f"/api/v1/households/{o['h']}/", {A, C, S}),
    api("persons", lambda o: "/api/v1/persons/", {A, C, S}),
    api("person", lambda o: f"/api/v1/persons/{o['p']}/", {A, C, S}),
    api("donors", lambda o: "/api/v1/donors/", {A, C, W}),
    api("donor", lambda o: f"/api/v1/donors/{o['d']}/", {A, C, W}),
    api("sites", lambda o: "/api/v1/sites/", ALL),
    api("me", lambda o: "/api/v1/me/", ALL),
    # --- Writes by role (issue #9 §7): POST and DELETE rows
    api("household_create_api", lambda o: "/api/v1/households/", {A, C, S}, method="post",
        body=lambda o: {"site": o["site"], "city": "Łódź"}),
    api("person_create_api", lambda o: "/api/v1/persons/", {A, C, S}, method="post",
        body=lambda o: {"household": o["h"], "first_name": "Ala", "last_name": "Nowa"}),
    api("donor_create_api", lambda o: "/api/v1/donors/", {A, C, W}, method="post",
        body=lambda o: {"kind": "person", "name": "Ewa Darczyńca"}),
    api("person_delete_api", lambda o: f"/api/v1/persons/{o['p']}/", {A, C}, method="delete"),
    api("household_delete_api", lambda o: f"/api/v1/households/{o['h']}/", {A, C},
        method="delete"),
]


def make_objects(site=None):
    household = HouseholdFactory(site=site, members=2) if site else HouseholdFactory(members=2)
    donor = DonorFactory(name="Jan Darczyńca")
    return {"h": household.pk, "p": household.members.order_by("pk").last().pk,
            "d": donor.pk, "site": household.site_id}


@pytest.fixture
def objects(make_household, users):
    from backend.people import services

    household = make_household("Żółkiewski", pesel="44051401359")
    donor = services.create_donor(None, {"kind": "person", "name": "Jan Darczyńca"})
    return {"h": household.pk, "p": household.members.get().pk, "d": donor.pk}


@pytest.mark.django_db
def test_ui_matrix(users, objects, site):
    assert_ui_matrix(users, UI, objects, fresh=lambda: make_objects(site))


@pytest.mark.django_db
def test_api_matrix(users, objects, site):
    assert_api_matrix(users, API, objects, fresh=lambda: make_objects(site))


@pytest.mark.django_db
@pytest.mark.parametrize("role", sorted({A, C, S}))
def test_household_detail_shows_pesel_and_address_to_staff(client, users, objects, role):
    client.force_login(users[role])
    html = client.get(reverse("people:household_detail", args=[objects["h"]])).content.decode()
    assert "44051401359" in html and "ul. Zgierska" in html


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
