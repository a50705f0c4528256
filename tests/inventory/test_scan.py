"""Scanning through the views: resolve, move by scanning a shelf, actions, idempotency, log."""

import pytest
from django.urls import reverse

from backend.accounts import roles
from backend.inventory import selectors
from backend.inventory.models import Balance, ItemBarcode, Movement, ScanLog


@pytest.fixture
def wclient(client, make_user):
    client.force_login(make_user(roles.WAREHOUSE_VOLUNTEER, "magazynier"))
    return client


def scan(client, code, **extra):
    return client.post(reverse("inventory:scan_resolve"), {"code": code, **extra})


@pytest.mark.django_db
def test_scan_by_url_token_short_code_and_lowercase(wclient, lot):
    tag = selectors.active_tag(lot)
    for code in (tag.url, tag.token, tag.short_code, tag.short_code.lower()):
        response = scan(wclient, code)
        html = response.content.decode()
        assert response.status_code == 200 and "Ryż" in html and 'data-result="lot"' in html
        assert response["HX-Trigger"] == "scan-ok"


@pytest.mark.django_db
@pytest.mark.parametrize("code,result", [
    ("ZZZZZZZZZZZZZ", "unknown"), ("https://example.com/q/ABC", "foreign"), ("", "empty"),
    ("5901234123457", "ean_unknown"), ("<script>", "unknown")])
def test_bad_codes_get_a_clear_message_not_an_error_page(wclient, lot, code, result):
    response = scan(wclient, code)
    assert response.status_code == 200
    assert f'data-result="{result}"' in response.content.decode()
    assert response["HX-Trigger"] == "scan-error"
    assert ScanLog.objects.filter(result=result).exists()


@pytest.mark.django_db
def test_retired_tag(wclient, lot):
    from backend.inventory import services

    old = selectors.active_tag(lot)
    services.retire_tag(None, old)
    assert 'data-result="retired"' in scan(wclient, old.token).content.decode()
    assert 'data-result="lot"' in scan(wclient, selectors.active_tag(lot).token).content.decode()


@pytest.mark.django_db
def test_move_by_scanning_the_shelf_and_retry_is_harmless(wclient, lot, tree):
    shelf = selectors.active_tag(tree["b3"])
    data = {"pending_lot": lot.pk, "pending_from": tree["a1"].pk, "nonce": "n-1",
            "device_time": "2026-11-25T10:00:00Z"}
    response = scan(wclient, shelf.short_code, **data)
    assert 'data-result="moved"' in response.content.decode()
    again = scan(wclient, shelf.short_code, **data)  # the phone retried the same POST
    assert again.status_code == 200
    assert Balance.objects.get(lot=lot, location=tree["b3"]).quantity == 5
    assert Movement.objects.filter(kind="move").count() == 1
    log = ScanLog.objects.get(nonce="n-1")
    assert log.device_time is not None and log.actor.username == "magazynier"


@pytest.mark.django_db
def test_continuous_mode_moves_every_scanned_lot(wclient, tree, items):
    from backend.inventory import services

    lots = [services.create_lot(None, items["pasta"], tree["a1"], 2) for _ in range(3)]
    for lot in lots:
        scan(wclient, selectors.active_tag(lot).short_code, mode_move_to=tree["b3"].pk)
    assert Balance.objects.filter(location=tree["b3"], quantity=2).count() == 3
    assert selectors.stock_check() == []


@pytest.mark.django_db
def test_issue_and_count_actions_and_overdraw(wclient, lot, tree):
    url = reverse("inventory:scan_action")
    base = {"lot": lot.pk, "location": tree["a1"].pk}
    ok = wclient.post(url, {**base, "action": "issue", "quantity": "2"})
    assert ok["HX-Trigger"] == "scan-ok"
    too_much = wclient.post(url, {**base, "action": "issue", "quantity": "9"})
    assert too_much["HX-Trigger"] == "scan-error" and "3 kg" in too_much.content.decode()
    wclient.post(url, {**base, "action": "count", "quantity": "3"})
    # a warehouse volunteer may not adjust
    denied = wclient.post(url, {**base, "action": "adjust", "quantity": "1", "reason": "x"})
    assert denied["HX-Trigger"] == "scan-error"
    assert Balance.objects.get(lot=lot, location=tree["a1"]).quantity == 3


@pytest.mark.django_db
def test_unknown_ean_is_linked_once(wclient, items):
    wclient.post(reverse("inventory:scan_action"),
                 {"action": "link_ean", "code": "5901234123457", "item": items["rice"].pk})
    assert ItemBarcode.objects.get(code="5901234123457").item == items["rice"]
    response = scan(wclient, "5901234123457")
    assert 'data-result="ean"' in response.content.decode()


@pytest.mark.django_db
def test_q_url_opens_scan_page_after_login(client, wclient, lot):
    tag = selectors.active_tag(lot)
    response = wclient.get(f"/q/{tag.token}")
    assert response.status_code == 200 and tag.token in response.content.decode()
    client.logout()
    assert "/accounts/login/" in client.get(f"/q/{tag.token}")["Location"]


@pytest.mark.django_db
def test_stocktake_start_count_confirm(client, coordinator, lot, tree):
    client.force_login(coordinator)
    response = client.post(reverse("inventory:stocktake_start", args=[tree["a1"].pk]))
    take_url = response["Location"]
    client.post(take_url, {"lot": lot.pk, "counted": "4"})
    from backend.inventory import services

    services.receive(None, lot, tree["a1"], 10)  # work goes on meanwhile
    assert "row-error" in client.get(take_url).content.decode()
    client.post(take_url, {"confirm": "1"})
    assert Balance.objects.get(lot=lot, location=tree["a1"]).quantity == 14
    assert Movement.objects.filter(kind="adjust").count() == 1
    assert selectors.stock_check() == []


@pytest.mark.django_db
def test_screens_and_labels(client, coordinator, lot, tree):
    client.force_login(coordinator)
    for name in ("stock_list", "item_list", "expiring", "location_list"):
        assert client.get(reverse(f"inventory:{name}")).status_code == 200
    assert "Ryż" in client.get(reverse("inventory:item_list") + "?low=1").content.decode()
    detail = client.get(reverse("inventory:lot_detail", args=[lot.pk])).content.decode()
    assert 'data-kind="receive"' in detail
    for grid in ("3x8", "2x7"):
        pdf = client.get(reverse("inventory:labels"), {"lot": lot.pk, "location": tree["b3"].pk,
                                                       "grid": grid})
        assert pdf["Content-Type"] == "application/pdf" and pdf.content[:4] == b"%PDF"


@pytest.mark.django_db
def test_fefo_hint_names_the_earlier_lot(wclient, lot, tree, items):
    from backend.inventory import services

    lot.expiry = "2027-06-01"
    lot.save()
    early = services.create_lot(None, items["rice"], tree["b3"], 2, expiry="2027-01-01")
    html = scan(wclient, selectors.active_tag(lot).short_code).content.decode()
    assert f'data-fefo="{early.pk}"' in html
    html = scan(wclient, selectors.active_tag(early).short_code).content.decode()
    assert "data-fefo" not in html


@pytest.mark.django_db
def test_scanning_a_pallet_in_continuous_mode_moves_what_is_in_it(wclient, tree, items):
    from backend.inventory import services
    from backend.inventory.models import Location

    pallet = services.create_location(None, tree["a1"].site, "Paleta 7", "container", tree["a1"])
    lot = services.create_lot(None, items["pasta"], pallet, 8)
    response = scan(wclient, selectors.active_tag(pallet).short_code, mode_move_to=tree["b3"].pk)
    assert 'data-result="moved"' in response.content.decode()
    pallet = Location.objects.get(pk=pallet.pk)
    assert pallet.parent == tree["b3"] and pallet.path.endswith("B-3 / Paleta 7")
    in_b3 = selectors.stock_balances().filter(location__path__startswith=tree["b3"].path)
    assert list(in_b3.values_list("lot_id", flat=True)) == [lot.pk]
    with pytest.raises(services.StockError):
        services.move_container(None, tree["b3"], pallet)


@pytest.mark.django_db
def test_continuous_count_mode(wclient, lot, tree, items):
    from backend.inventory import services
    from backend.inventory.models import StockTake

    unit = services.create_lot(None, items["fridge"], tree["a1"], 1, kind="unit")
    response = scan(wclient, selectors.active_tag(unit).short_code, mode_count=tree["a1"].pk)
    assert 'data-result="counted"' in response.content.decode()  # a unit: no question
    response = scan(wclient, selectors.active_tag(lot).short_code, mode_count=tree["a1"].pk)
    assert "count-here" in response.content.decode()  # bulk: asks how many
    take = StockTake.objects.get(location=tree["a1"], status="open")
    assert list(take.lines.values_list("lot_id", "counted")) == [(unit.pk, 1)]


@pytest.mark.django_db
def test_receive_by_ean_on_the_scan_page(wclient, tree, items):
    from backend.inventory.models import Lot

    ItemBarcode.objects.create(code="5900512300108", item=items["rice"])
    html = scan(wclient, "5900512300108").content.decode()
    assert "receive-form" in html and 'name="expiry"' in html
    url = reverse("inventory:scan_action")
    base = {"action": "receive", "item": items["rice"].pk, "location": tree["b3"].pk,
            "quantity": "7,5"}
    assert wclient.post(url, base)["HX-Trigger"] == "scan-error"  # no expiry for food
    ok = wclient.post(url, {**base, "expiry": "2027-02-01", "nonce": "r1"})
    assert ok["HX-Trigger"] == "scan-ok" and "labels.pdf" in ok.content.decode()
    wclient.post(url, {**base, "expiry": "2027-02-01", "nonce": "r1"})  # retried: once only
    lot = Lot.objects.get(item=items["rice"])
    assert lot.received_quantity == 7.5 and selectors.active_tag(lot) is not None
    assert selectors.stock_check() == []


@pytest.mark.django_db
def test_scanning_a_shelf_shows_what_is_on_it(wclient, lot, tree):
    html = scan(wclient, selectors.active_tag(tree["a1"]).short_code).content.decode()
    assert 'data-result="location"' in html and f"Ryż #{lot.pk}" in html
    html = scan(wclient, selectors.active_tag(tree["b3"]).short_code).content.decode()
    assert "Ryż" not in html
