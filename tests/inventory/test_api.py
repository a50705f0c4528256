import pytest
from rest_framework.test import APIClient

from backend.accounts import roles
from backend.inventory import selectors
from backend.inventory.models import Balance


@pytest.fixture
def api(make_user):
    client = APIClient()
    client.force_authenticate(make_user(roles.WAREHOUSE_VOLUNTEER, "magazynier"))
    return client


@pytest.mark.django_db
def test_balances_filters(api, lot, tree, items):
    from backend.inventory import services

    services.create_lot(None, items["pasta"], tree["b3"], 3, expiry="2030-01-01")
    lot.expiry = "2026-01-10"
    lot.save()
    assert api.get("/api/v1/balances/").json()["count"] == 2
    assert api.get(f"/api/v1/balances/?item={items['rice'].pk}").json()["count"] == 1
    assert api.get(f"/api/v1/balances/?location={tree['zone'].pk}").json()["count"] == 2
    assert api.get(f"/api/v1/balances/?location={tree['b3'].pk}").json()["count"] == 1
    assert api.get("/api/v1/balances/?expiring_before=2027-01-01").json()["count"] == 1
    cat = items["rice"].category_id
    assert api.get(f"/api/v1/balances/?category={cat}").json()["count"] == 2
    for path in ("items", "categories", "locations", "lots", "units", "movements", "donations"):
        assert api.get(f"/api/v1/{path}/").status_code == 200, path


@pytest.mark.django_db
def test_movements_are_read_only(api, lot):
    assert api.post("/api/v1/movements/", {"kind": "receive"}).status_code in {403, 405}


@pytest.mark.django_db
def test_scan_resolve_and_actions(api, lot, tree):
    tag = selectors.active_tag(lot)
    body = api.post("/api/v1/scan/resolve/", {"code": tag.url}).json()
    assert body["result"] == "lot" and body["id"] == lot.pk and body["url"]
    assert api.post("/api/v1/scan/resolve/", {"code": "nonsense"}).json()["result"] == "unknown"
    move = api.post("/api/v1/scan/action/", {"action": "move", "lot": lot.pk,
                                             "location": tree["a1"].pk, "target": tree["b3"].pk,
                                             "quantity": "2", "nonce": "abc"})
    assert move.json()["ok"], move.json()
    again = api.post("/api/v1/scan/action/", {"action": "move", "lot": lot.pk,
                                              "location": tree["a1"].pk,
                                              "target": tree["b3"].pk, "quantity": "2",
                                              "nonce": "abc"})
    assert again.json()["repeat"] and again.json()["code"] == "ok"  # the first answer
    refused = api.post("/api/v1/scan/action/", {"action": "issue", "lot": lot.pk,
                                                "location": tree["b3"].pk, "quantity": "5"})
    assert refused.status_code == 409 and refused.json()["code"] == "not_enough"
    assert Balance.objects.get(lot=lot, location=tree["b3"]).quantity == 2


@pytest.mark.django_db
def test_donation_via_api(api, tree, items):
    response = api.post("/api/v1/donations/", {
        "date": "2026-11-25", "site": tree["a1"].site_id,
        "lines": [{"item": items["pasta"].pk, "quantity": "10", "expiry": "2027-05-01",
                   "location": tree["a1"].pk}]}, format="json")
    assert response.status_code == 201, response.json()
    assert selectors.stock_check() == []
