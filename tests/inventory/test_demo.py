import pytest
from django.core.management import call_command

from backend.inventory import selectors
from backend.inventory.models import Item, Location, Lot


@pytest.mark.django_db
def test_demo_is_idempotent_and_consistent():
    call_command("demo_data")
    counts = (Item.objects.count(), Location.objects.count(), Lot.objects.count())
    call_command("demo_data")
    assert counts == (Item.objects.count(), Location.objects.count(), Lot.objects.count())
    assert Item.objects.filter(name="Węgiel kamienny", unit="t").exists()
    assert Location.objects.filter(kind="shelf").count() >= 8
    assert selectors.stock_check() == []
    # Oil is below its minimum in the demo (pasta was, until the food drive demo added lots)
    assert selectors.low_stock().filter(name="Olej rzepakowy").exists()
    assert selectors.expiring(14).exists()
