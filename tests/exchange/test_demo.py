import pytest
from django.core.management import call_command

from backend.exchange.models import EquipmentRequest, Offer


@pytest.mark.django_db
def test_demo_data_has_offers_and_requests_and_is_idempotent():
    call_command("demo_data")
    offers, requests = Offer.objects.count(), EquipmentRequest.objects.count()
    assert offers == 4 and requests == 4
    assert Offer.objects.filter(status="available").count() == 3
    call_command("demo_data")
    assert (Offer.objects.count(), EquipmentRequest.objects.count()) == (offers, requests)
