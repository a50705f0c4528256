from decimal import Decimal

import pytest

from backend.drives.models import PackageLine, PackageTemplate
from backend.drives.packing import pack
from backend.inventory import services as stock
from backend.inventory.models import Balance, Item, Movement
from backend.inventory.selectors import active_tag, stock_check
from backend.inventory.services import StockError

pytestmark = pytest.mark.django_db


@pytest.fixture
def template(store):
    package = Item.objects.create(name="Paczka A", category=store["rice"].category, unit="opak")
    oil = Item.objects.create(name="Olej", category=store["rice"].category, unit="l")
    template = PackageTemplate.objects.create(name="Paczka żywnościowa A", item=package)
    PackageLine.objects.create(template=template, item=store["rice"], quantity=2)
    PackageLine.objects.create(template=template, item=oil, quantity=1)
    return template


def test_pack_issues_contents_and_makes_a_labelled_lot(store, template, coordinator):
    oil = template.lines.get(item__name="Olej").item
    rice_a = stock.create_lot(None, store["rice"], store["shelf"], 1)
    rice_b = stock.create_lot(None, store["rice"], store["shelf"], 5)
    oil_lot = stock.create_lot(None, oil, store["shelf"], 3)
    package = pack(coordinator, template, store["shelf"], [rice_a, oil_lot, rice_b])
    assert active_tag(package) is not None
    assert Balance.objects.get(lot=package).quantity == 1
    assert Balance.objects.get(lot=rice_a).quantity == 0
    assert Balance.objects.get(lot=rice_b).quantity == 4
    assert Balance.objects.get(lot=oil_lot).quantity == 2
    assert Movement.objects.filter(kind="issue", ref_id=str(package.pk)).count() == 3
    assert not stock_check()


def test_pack_without_enough_scanned_changes_nothing(store, template, coordinator):
    rice = stock.create_lot(None, store["rice"], store["shelf"], 5)
    with pytest.raises(StockError):
        pack(coordinator, template, store["shelf"], [rice])
    assert Balance.objects.get(lot=rice).quantity == Decimal("5")
    assert not Balance.objects.filter(lot__item=template.item).exists()


def test_packing_station_page(client, users, store, template):
    from django.urls import reverse

    oil = template.lines.get(item__name="Olej").item
    rice = stock.create_lot(None, store["rice"], store["shelf"], 5)
    oil_lot = stock.create_lot(None, oil, store["shelf"], 1)
    url = reverse("drives:packing")
    client.force_login(users["volunteer"])
    assert client.get(url).status_code == 403
    client.force_login(users["warehouse_volunteer"])
    assert client.get(url).status_code == 200
    codes = f"{active_tag(rice).url}\n{active_tag(oil_lot).short_code}"
    done = client.post(url, {"template": template.pk, "location": store["shelf"].pk,
                             "codes": codes})
    assert done.status_code == 200
    assert Balance.objects.get(lot__item=template.item).quantity == 1
