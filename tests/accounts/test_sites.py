"""Sites managed in the app (issue #16 item 2): coordinators create and edit, audited."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from backend.accounts import roles
from backend.accounts.models import AuditEntry, Site

FORM = {"name": "Filia Górna", "kind": "field_office", "street": "ul. Rzgowska 30",
        "postal_code": "93-172", "city": "Łódź", "phone": "42 640 12 34",
        "opening_hours": "pn–pt 8–16", "is_active": "on"}


@pytest.mark.django_db
def test_coordinator_creates_and_edits_a_site_and_both_are_audited(client, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("accounts:site_create"), FORM)
    site = Site.objects.get(name="Filia Górna")
    assert response.status_code == 302
    assert site.phone == "+48426401234" and site.address == "ul. Rzgowska 30, 93-172 Łódź"
    response = client.post(reverse("accounts:site_edit", args=[site.pk]),
                           {**FORM, "phone": "601 234 567"})
    assert response.status_code == 302
    entries = AuditEntry.objects.filter(object_id=str(site.pk),
                                        content_type__model="site").order_by("id")
    assert [e.action for e in entries] == ["create", "update"]
    assert entries[1].changes == {"phone": ["+48426401234", "+48601234567"]}
    page = client.get(reverse("accounts:site_detail", args=[site.pk])).content.decode()
    assert "601 234 567" in page and "Rzgowska" in page


@pytest.mark.django_db
def test_bad_postal_code_and_phone_are_refused(client, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("accounts:site_create"),
                           {**FORM, "postal_code": "93172", "phone": "123"})
    assert response.status_code == 400 and not Site.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role,status", [(roles.COORDINATOR, 200), (roles.ADMINISTRATOR, 200),
                                         (roles.SOCIAL_WORKER, 403), (roles.VOLUNTEER, 403),
                                         (roles.WAREHOUSE_VOLUNTEER, 403), (roles.VIEWER, 403)])
def test_who_may_create_a_site(client, users, site, role, status):
    client.force_login(users[role])
    assert client.get(reverse("accounts:site_create")).status_code == status
    assert client.get(reverse("accounts:site_edit", args=[site.pk])).status_code == status
    assert client.get(reverse("accounts:site_detail", args=[site.pk])).status_code == 200


@pytest.mark.django_db
def test_api_creates_and_patches_through_the_audited_service(users, site):
    api = APIClient()
    api.force_authenticate(users[roles.COORDINATOR])
    body = {k: v for k, v in FORM.items() if k != "is_active"}
    created = api.post("/api/v1/sites/", body, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["phone"] == "+48426401234"
    patched = api.patch(f"/api/v1/sites/{site.pk}/", {"phone": "601234567"}, format="json")
    assert patched.status_code == 200 and patched.json()["phone"] == "+48601234567"
    assert AuditEntry.objects.filter(content_type__model="site").count() == 2
    assert api.delete(f"/api/v1/sites/{site.pk}/").status_code in (403, 405)
    assert Site.objects.filter(pk=site.pk).exists()
    api.force_authenticate(users[roles.VOLUNTEER])
    assert api.patch(f"/api/v1/sites/{site.pk}/", {"phone": ""}, format="json").status_code \
        == 403
