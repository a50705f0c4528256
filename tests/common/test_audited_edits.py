"""SMS texts and the catalogue are changed through services that write the audit log,
on the page, through the API and in the admin alike (issue 10, item 6)."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from backend.accounts.models import AuditEntry
from backend.inventory.models import Category, Item
from backend.notifications.models import SmsTemplate

pytestmark = pytest.mark.django_db


def _entries(model: str, action: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(content_type__model=model, action=action))


def test_sms_template_edit_on_the_page_is_audited(client, users):
    template = SmsTemplate.objects.create(code="x_test", name="Test", language="pl",
                                          body="Stary tekst")
    client.force_login(users["coordinator"])
    response = client.post(reverse("notifications:template_edit", args=[template.pk]), {
        "code": "x_test", "name": "Test", "language": "pl", "body": "Nowy tekst"})
    assert response.status_code == 302
    [entry] = _entries("smstemplate", "update")
    assert entry.changes["body"] == ["Stary tekst", "Nowy tekst"]
    assert entry.actor == users["coordinator"]


def test_sms_template_api_writes_are_audited(users):
    api = APIClient()
    api.force_authenticate(users["coordinator"])
    made = api.post("/api/v1/sms/templates/", {"code": "y_test", "name": "T", "language": "pl",
                                               "body": "Dzień dobry"}, format="json")
    assert made.status_code == 201, made.json()
    pk = made.json()["id"]
    api.patch(f"/api/v1/sms/templates/{pk}/", {"body": "Do widzenia"}, format="json")
    api.delete(f"/api/v1/sms/templates/{pk}/")
    assert [len(_entries("smstemplate", a)) for a in ("create", "update", "delete")] == [1, 1, 1]


def test_catalogue_api_writes_are_audited(users):
    api = APIClient()
    api.force_authenticate(users["coordinator"])
    category = api.post("/api/v1/categories/", {"name": "Chemia"}, format="json")
    assert category.status_code == 201, category.json()
    item = api.post("/api/v1/items/", {"name": "Mydło", "category": category.json()["id"],
                                       "unit": "szt"}, format="json")
    assert item.status_code == 201, item.json()
    api.patch(f"/api/v1/items/{item.json()['id']}/", {"min_stock": "5"}, format="json")
    assert len(_entries("category", "create")) == 1
    assert len(_entries("item", "create")) == 1
    [update] = _entries("item", "update")
    assert "min_stock" in update.changes


def test_catalogue_admin_edit_is_audited(client, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "x")
    client.force_login(admin)
    category = Category.objects.create(name="Opał")
    item = Item.objects.create(name="Węgiel", category=category, unit=Item.Unit.T)
    response = client.post(reverse("admin:inventory_item_change", args=[item.pk]), {
        "name": "Węgiel kamienny", "category": category.pk, "unit": "t", "min_stock": "0",
        "is_active": "on", "barcodes-TOTAL_FORMS": "0", "barcodes-INITIAL_FORMS": "0"})
    assert response.status_code == 302, response.content.decode()[:2000]
    [entry] = _entries("item", "update")
    assert entry.changes["name"] == ["Węgiel", "Węgiel kamienny"]
