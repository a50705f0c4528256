"""One equipment category tree: the public form offers equipment only, a request for "AGD"
matches offers in its subcategories, coordinators merge duplicates, the data migration
merges "Sprzęt AGD" into "AGD"."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from backend.accounts.models import AuditEntry
from backend.exchange import categories, selectors, services
from backend.exchange.forms import PublicOfferForm, RequestForm
from backend.exchange.models import EquipmentRequest, Offer
from backend.inventory.models import Category, Item

pytestmark = pytest.mark.django_db
EQUIPMENT = Category.Purpose.EQUIPMENT


@pytest.fixture
def agd(db):
    parent = Category.objects.create(name="AGD", purpose=EQUIPMENT)
    fridges = Category.objects.create(name="Lodówki", purpose=EQUIPMENT, parent=parent)
    fridge = Item.objects.create(name="Lodówka", category=fridges, individual=True)
    return {"agd": parent, "fridges": fridges, "fridge": fridge}


def _offer(coordinator, offer_data, category, item):
    offer = services.create_offer(coordinator, {**offer_data, "category": category,
                                                "title": "Lodówka Amica"})
    services.verify(coordinator, offer, item)
    return services.publish(coordinator, offer)


def test_the_public_form_offers_equipment_only(agd):
    food = Category.objects.create(name="Żywność")
    fuel = Category.objects.create(name="Opał")
    choices = set(PublicOfferForm().fields["category"].queryset)
    assert agd["agd"] in choices and agd["fridges"] in choices
    assert food not in choices and fuel not in choices
    assert food not in set(RequestForm().fields["category"].queryset)


def test_a_request_for_agd_matches_a_fridge_in_its_subcategory(agd, offer_data, coordinator,
                                                              make_request):
    """Today's main: a critical fridge request never met the available fridge."""
    offer = _offer(coordinator, offer_data, agd["fridges"], agd["fridge"])
    request = make_request(urgency=4, category=agd["agd"], needs="Lodówka po awarii")
    assert list(selectors.suggested_offers(request)) == [offer]
    assert list(selectors.suggested_requests(offer)) == [request]
    match = services.confirm_match(coordinator, offer, request)
    assert match.request == request
    # the tree only goes down: a request for fridges does not take any AGD offer
    washer = Category.objects.create(name="Pralki", purpose=EQUIPMENT, parent=agd["agd"])
    other = make_request(category=agd["fridges"], phone="+48602000009")
    item = Item.objects.create(name="Pralka", category=washer, individual=True)
    washing = _offer(coordinator, offer_data, washer, item)
    assert washing not in selectors.suggested_offers(other)


def test_a_coordinator_merges_two_categories(client, agd, offer_data, coordinator,
                                             make_request, users):
    twin = Category.objects.create(name="Sprzęt AGD", purpose=EQUIPMENT)
    Item.objects.create(name="Pralka", category=twin, individual=True)
    offer = services.create_offer(coordinator, {**offer_data, "category": twin})
    request = make_request(category=twin)
    client.force_login(users["social_worker"])
    url = reverse("exchange:categories")
    assert client.get(url).status_code == 403
    client.force_login(coordinator)
    assert "Lodówki" in client.get(url).content.decode()
    done = client.post(url, {"source": twin.pk, "into": agd["agd"].pk})
    assert done.status_code == 302
    assert not Category.objects.filter(pk=twin.pk).exists()
    assert Offer.objects.get(pk=offer.pk).category == agd["agd"]
    assert EquipmentRequest.objects.get(pk=request.pk).category == agd["agd"]
    assert Item.objects.get(name="Pralka").category == agd["agd"]
    entry = AuditEntry.objects.get(content_type__model="category", object_id=str(agd["agd"].pk))
    assert entry.changes["merged"] == ["Sprzęt AGD", "AGD"]
    with pytest.raises(services.ExchangeError):
        categories.merge(coordinator, agd["agd"], agd["fridges"])  # into its own child


def test_the_data_migration_merges_sprzet_agd_into_agd(offer_data, coordinator):
    agd = Category.objects.create(name="AGD")
    twin = Category.objects.create(name="Sprzęt AGD")
    food = Category.objects.create(name="Żywność")
    Item.objects.create(name="Lodówka", category=agd, individual=True)
    offer = services.create_offer(coordinator, {**offer_data, "category": twin})
    migration = importlib.import_module("backend.exchange.migrations.0002_equipment_categories")
    migration.forwards(apps, None)
    assert not Category.objects.filter(pk=twin.pk).exists()
    assert Offer.objects.get(pk=offer.pk).category_id == agd.pk
    assert Category.objects.get(pk=agd.pk).purpose == EQUIPMENT
    assert Category.objects.get(pk=food.pk).purpose == Category.Purpose.GOODS
