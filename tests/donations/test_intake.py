import datetime as dt

import pytest
from django.urls import reverse

from backend.inventory import selectors
from backend.inventory.models import Lot, Movement, QRTag
from backend.people.models import Donor


def post_data(tree, items, **extra):
    data = {"donor_kind": "new", "new_donor_name": "Piekarnia Łódzka", "date": "2026-11-25",
            "site": tree["a1"].site_id, "lines-TOTAL_FORMS": "3", "lines-INITIAL_FORMS": "0",
            "lines-MIN_NUM_FORMS": "1", "lines-MAX_NUM_FORMS": "1000",
            "lines-0-item": items["rice"].pk, "lines-0-quantity": "12,5",
            "lines-0-expiry": "2027-01-31", "lines-0-location": tree["a1"].pk,
            "lines-1-item": items["pasta"].pk, "lines-1-quantity": "4",
            "lines-1-expiry": "2027-03-01", "lines-1-location": tree["a1"].pk,
            "lines-2-item": items["fridge"].pk, "lines-2-quantity": "2",
            "lines-2-location": tree["b3"].pk}
    data.update(extra)
    return data


@pytest.mark.django_db
def test_intake_of_three_lines_makes_lots_units_tags_and_receipts(client, make_user, tree, items):
    from backend.accounts import roles

    client.force_login(make_user(roles.WAREHOUSE_VOLUNTEER, "magazynier"))
    response = client.post(reverse("donations:create"), post_data(tree, items))
    assert response.status_code == 302, response.content.decode()[:2000]
    detail = client.get(response["Location"])
    assert "Piekarnia Łódzka" in detail.content.decode()
    assert Donor.objects.filter(name="Piekarnia Łódzka").exists()
    assert Lot.objects.filter(kind="bulk").count() == 2
    assert Lot.objects.filter(kind="unit").count() == 2  # one per fridge
    assert QRTag.objects.filter(lot__isnull=False).count() == 4
    assert Movement.objects.filter(kind="receive").count() == 4
    assert selectors.stock_check() == []
    pdf = client.get(detail.context["labels_url"] + "&grid=3x8")
    assert pdf.content[:4] == b"%PDF"
    receipt = client.get(reverse("donations:receipt", args=[detail.context["donation"].pk]))
    assert receipt.content[:4] == b"%PDF"


@pytest.mark.django_db
def test_intake_is_all_or_nothing(client, coordinator, tree, items):
    client.force_login(coordinator)
    data = post_data(tree, items, **{"lines-2-quantity": "1,5"})  # half a fridge: refused
    response = client.post(reverse("donations:create"), data)
    assert response.status_code == 400
    assert Lot.objects.count() == 0 and Movement.objects.count() == 0


@pytest.mark.django_db
def test_anonymous_donation_and_perishable_needs_expiry(client, coordinator, tree, items):
    client.force_login(coordinator)
    data = post_data(tree, items, donor_kind="anonymous", **{"lines-0-expiry": ""})
    assert client.post(reverse("donations:create"), data).status_code == 400
    data["lines-0-expiry"] = "2027-01-31"
    assert client.post(reverse("donations:create"), data).status_code == 302
    from backend.donations.models import Donation

    assert Donation.objects.get().donor is None
    assert dt.date(2026, 11, 25) == Donation.objects.get().date


@pytest.mark.django_db
def test_ean_picks_the_item_and_an_unknown_ean_is_linked_once(client, coordinator, tree, items):
    from backend.inventory.models import ItemBarcode

    client.force_login(coordinator)
    data = post_data(tree, items, **{"lines-TOTAL_FORMS": "1", "lines-0-ean": "5900000000017",
                                     "lines-0-item": ""})
    response = client.post(reverse("donations:create"), data)
    assert response.status_code == 400 and "5900000000017" not in str(
        ItemBarcode.objects.values_list("code", flat=True))
    data["lines-0-item"] = items["rice"].pk  # choose it once: the EAN is linked
    assert client.post(reverse("donations:create"), data).status_code == 302
    assert ItemBarcode.objects.get(code="5900000000017").item == items["rice"]
    data["lines-0-item"] = ""  # from now on the EAN alone picks the item
    assert client.post(reverse("donations:create"), data).status_code == 302
    assert Lot.objects.filter(item=items["rice"]).count() == 2
