from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from backend.inventory import reservations, selectors, services
from backend.inventory.models import Balance, Movement
from backend.inventory.services import StockError


def bal(lot, loc):
    return Balance.objects.get(lot=lot, location=loc)


@pytest.mark.django_db
def test_receive_move_issue_keep_balances_and_ledger(lot, tree, coordinator):
    services.move(coordinator, lot, tree["a1"], tree["b3"], 2)
    services.issue(coordinator, lot, tree["b3"], 1, reason="wydanie")
    assert bal(lot, tree["a1"]).quantity == 3
    assert bal(lot, tree["b3"]).quantity == 1
    kinds = list(selectors.lot_history(lot).values_list("kind", flat=True))
    assert kinds == ["issue", "move", "receive"]
    assert selectors.stock_check() == []
    call_command("stock_check")


@pytest.mark.django_db
def test_overdraw_names_what_is_available(lot, tree):
    with pytest.raises(StockError) as err:
        services.issue(None, lot, tree["a1"], 6)
    assert err.value.code == "not_enough"
    assert "5 kg" in str(err.value) and "Ryż" in str(err.value)
    assert bal(lot, tree["a1"]).quantity == 5
    assert Movement.objects.filter(kind="issue").count() == 0


@pytest.mark.django_db
def test_reserve_release_issue_from_reservation(lot, tree, coordinator):
    services.reserve(None, lot, tree["a1"], 3, ref=coordinator)
    assert reservations.reserved_for(coordinator) == 3
    with pytest.raises(StockError):
        services.issue(None, lot, tree["a1"], 3)  # only 2 free
    services.issue(None, lot, tree["a1"], 2, ref=coordinator, from_reserved=True)
    services.release(None, lot, tree["a1"], 1, ref=coordinator)
    b = bal(lot, tree["a1"])
    assert (b.quantity, b.reserved) == (3, 0)
    assert reservations.reserved_for(coordinator) == 0
    assert selectors.stock_check() == []


@pytest.mark.django_db
def test_adjust_needs_reason_and_write_off(lot, tree):
    with pytest.raises(StockError):
        services.adjust(None, lot, tree["a1"], 4, reason="")
    services.adjust(None, lot, tree["a1"], 7, reason="policzone")
    services.write_off(None, lot, tree["a1"], 2, reason="przeterminowane")
    services.return_stock(None, lot, tree["a1"], 1)
    assert bal(lot, tree["a1"]).quantity == 6
    assert selectors.stock_check() == []


@pytest.mark.django_db
def test_stock_check_names_bad_rows(lot, tree):
    Balance.objects.filter(lot=lot).update(quantity=Decimal("9"))
    with pytest.raises(CommandError):
        call_command("stock_check")
    assert selectors.stock_check()[0].lot_id == lot.pk


@pytest.mark.django_db
def test_qr_tags_are_unguessable_and_unambiguous(lot, tree):
    tag = selectors.active_tag(lot)
    assert len(tag.token) == 13 and not set(tag.token) & set("ILOU")
    assert tag.short_code.startswith("P-")
    assert tag.url.endswith(f"/q/{tag.token}")
    assert selectors.active_tag(tree["b3"]).short_code.startswith("M-")


@pytest.mark.django_db
def test_unit_photo_is_resized_and_stripped_of_exif(client, make_user, tree, items):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse
    from PIL import Image

    from backend.accounts import roles

    unit = services.create_lot(None, items["fridge"], tree["b3"], 1, kind="unit",
                               condition="good", serial="SN-1")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {2: (52.0, 14.0, 0.0)}  # GPS
    raw = io.BytesIO()
    Image.new("RGB", (4000, 3000), "white").save(raw, format="JPEG", exif=exif)
    client.force_login(make_user(roles.WAREHOUSE_VOLUNTEER, "magazynier"))
    response = client.post(reverse("inventory:lot_photo", args=[unit.pk]), {
        "photo": SimpleUploadedFile("p.jpg", raw.getvalue(), content_type="image/jpeg")})
    assert response.status_code == 302
    photo = unit.photos.get()
    with Image.open(photo.image.path) as stored:
        assert max(stored.size) == 1600
        assert not stored.getexif()
    bad = client.post(reverse("inventory:lot_photo", args=[unit.pk]), {
        "photo": SimpleUploadedFile("p.jpg", b"not an image", content_type="image/jpeg")})
    assert bad.status_code == 302 and unit.photos.count() == 1
