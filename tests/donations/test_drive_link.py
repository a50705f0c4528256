"""Donations reach a drive's collection: the intake form and the scanner's
"receive everything I scan into drive X" continuous mode."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from backend.donations.models import Donation
from backend.drives import services as drive_services
from backend.drives.models import Drive, Target
from backend.drives.selectors import progress
from backend.inventory import services as stock
from backend.inventory.models import Category, Item, ItemBarcode, Location


@pytest.fixture
def warehouse(site, users):
    hall = stock.create_location(users["coordinator"], site, "Magazyn", Location.Kind.WAREHOUSE)
    return stock.create_location(users["coordinator"], site, "A-1", Location.Kind.SHELF, hall)


@pytest.fixture
def coal():
    category = Category.objects.create(name="Opał")
    item = Item.objects.create(name="Węgiel", category=category, unit=Item.Unit.T)
    ItemBarcode.objects.create(code="5901234123457", item=item)
    return item


@pytest.fixture
def drive(users, site, coal):
    created = drive_services.create_drive(
        users["coordinator"], name="Opał 2026", kind=Drive.Kind.FUEL, sites=[site],
        status=Drive.Status.COLLECTING, collection_start=dt.date(2026, 10, 1),
        collection_end=dt.date(2026, 12, 1))
    drive_services.save_target(users["coordinator"], created,
                               Target(item=coal, quantity=Decimal("10")))
    return created


@pytest.mark.django_db
def test_intake_form_offers_open_drives_and_preselects_from_the_drive_page(
        client_for, drive, warehouse, coal, site):
    client = client_for("warehouse_volunteer")
    page = client.get(reverse("donations:create") + f"?drive={drive.pk}").content.decode()
    assert f'<option value="{drive.pk}" selected>Opał 2026</option>' in page
    response = client.post(reverse("donations:create"), {
        "donor_kind": "anonymous", "date": "2026-11-25", "site": site.pk,
        "drive_id": drive.pk, "lines-TOTAL_FORMS": "1", "lines-INITIAL_FORMS": "0",
        "lines-0-item": coal.pk, "lines-0-quantity": "2,5", "lines-0-location": warehouse.pk})
    assert response.status_code == 302
    assert Donation.objects.get().drive_id == drive.pk
    assert progress(drive)[0].collected == Decimal("2.5")


@pytest.mark.django_db
def test_scanner_receives_into_the_chosen_drive(client_for, drive, warehouse, coal):
    client = client_for("warehouse_volunteer")
    page = client.get(reverse("inventory:scan")).content.decode()
    assert 'name="mode_drive"' in page and "Opał 2026" in page
    result = client.post(reverse("inventory:scan_resolve"),
                         {"code": "5901234123457", "mode_drive": drive.pk}).content.decode()
    assert f'name="drive" value="{drive.pk}"' in result
    client.post(reverse("inventory:scan_action"), {
        "action": "receive", "item": coal.pk, "location": warehouse.pk, "quantity": "1,5",
        "drive": drive.pk, "nonce": "n-1"})
    donation = Donation.objects.get()
    assert donation.drive_id == drive.pk and donation.donor is None
    assert progress(drive)[0].collected == Decimal("1.5")
    # a drive that stopped collecting takes nothing more, with a clear answer
    Drive.objects.filter(pk=drive.pk).update(status=Drive.Status.DISTRIBUTING)
    answer = client.post(reverse("inventory:scan_action"), {
        "action": "receive", "item": coal.pk, "location": warehouse.pk, "quantity": "1",
        "drive": drive.pk, "nonce": "n-2"}).content.decode()
    assert "nie przyjmuje" in answer or "no longer takes" in answer
    assert Donation.objects.count() == 1


@pytest.mark.django_db
def test_receive_into_a_drive_is_a_registered_scan_mode(drive, warehouse, coal, users):
    """Inventory dispatches through its registry; donations added the drive mode."""
    from backend.inventory import scanning

    handlers = [h.run.__module__ for h in scanning.ACTIONS["receive"]]
    assert handlers == ["backend.donations.scanning", "backend.inventory.scanning"]
    done = scanning.perform(users["coordinator"], "receive", {
        "item": coal, "location": warehouse, "quantity": "2", "drive": str(drive.pk)})
    assert Donation.objects.get().drive == drive and done.lot.received_quantity == 2
    plain = scanning.perform(users["coordinator"], "receive", {
        "item": coal, "location": warehouse, "quantity": "1", "drive": ""})
    assert Donation.objects.count() == 1 and plain.lot.received_quantity == 1
    with pytest.raises(stock.StockError) as err:
        scanning.perform(users["coordinator"], "teleport", {})
    assert err.value.code == "unknown_mode"


@pytest.mark.django_db
def test_api_refuses_a_donation_to_a_closed_drive(drive, warehouse, coal,
                                                                 users, site):
    from rest_framework.test import APIClient

    Drive.objects.filter(pk=drive.pk).update(status=Drive.Status.CLOSED)
    api = APIClient()
    api.force_authenticate(users["coordinator"])
    body = {"date": "2026-11-20", "site": site.pk, "drive_id": drive.pk, "lines": [
        {"item": coal.pk, "quantity": "1", "location": warehouse.pk}]}
    response = api.post("/api/v1/donations/", body, format="json")
    assert response.status_code in (400, 409) and "drive" in str(response.json()).lower() \
        or "zbiórka" in str(response.json()).lower()
    assert not Donation.objects.exists()
    assert api.post("/api/v1/donations/", {**body, "drive_id": 999999},
                    format="json").status_code == 400  # not a drive at all
