import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from backend.accounts.models import AuditEntry


@pytest.fixture
def api():
    return APIClient()


@pytest.mark.django_db
def test_token_auth_and_filters_shared_with_the_ui(api, users, make_household):
    make_household("Żółkiewski")
    make_household("Kowalski", phone="+48609111222", heating_type="coal")
    token = Token.objects.create(user=users["coordinator"])
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    data = api.get("/api/v1/households/", {"q": "zolkiewski"}).json()
    assert data["count"] == 1 and data["results"][0]["display_name"].startswith("Żółkiewski")
    assert api.get("/api/v1/households/", {"heating_type": "coal"}).json()["count"] == 1
    assert api.get("/api/v1/households/", {"per_page": 1}).json()["next"]


@pytest.mark.django_db
def test_create_person_through_api_is_validated_and_audited(api, users, make_household):
    household = make_household("Nowak")
    api.force_authenticate(users["social_worker"])
    bad = api.post("/api/v1/persons/", {"household": household.pk, "first_name": "A",
                                        "last_name": "B", "pesel": "44051401358"}, format="json")
    assert bad.status_code == 400 and "pesel" in bad.json()
    ok = api.post("/api/v1/persons/", {"household": household.pk, "first_name": "Ala",
                                       "last_name": "Nowak", "pesel": "44051401359",
                                       "phone": "601 234 568"}, format="json")
    assert ok.status_code == 201, ok.json()
    assert ok.json()["birth_date"] == "1944-05-14" and ok.json()["phone"] == "+48601234568"
    assert AuditEntry.objects.filter(action="create", content_type__model="person").count() == 2


@pytest.mark.django_db
def test_volunteer_gets_403_on_people_endpoints(api, users, make_household):
    household = make_household()
    api.force_authenticate(users["volunteer"])
    for url in ("/api/v1/households/", f"/api/v1/households/{household.pk}/",
                "/api/v1/persons/", "/api/v1/donors/"):
        assert api.get(url).status_code == 403, url
    assert api.get("/api/v1/sites/").status_code == 200
    me = api.get("/api/v1/me/").json()
    assert me["roles"] == ["volunteer"] and "people.view_household" not in me["permissions"]


@pytest.mark.django_db
def test_openapi_schema_and_docs(client_for):
    client = client_for("coordinator")
    schema = client.get("/api/schema/")
    assert schema.status_code == 200 and b"/api/v1/households/" in schema.content
    docs = client.get("/api/docs/")
    assert docs.status_code == 200 and b"swagger-ui" in docs.content
    assert b"cdn" not in docs.content.lower()  # served from the sidecar, offline
