"""The whole flow, as a new user would try it (SQLite and PostgreSQL):
a public offer → verified → matched to the most urgent request → TAK by SMS through
the fake Twilio server → collected by scanning → delivered → handed over with a protocol."""

import io

from django.urls import reverse
from PIL import Image

from backend.exchange import selectors
from backend.exchange.models import EquipmentRequest, Match, Offer, TransportTask
from backend.inventory import selectors as stock_selectors
from backend.inventory.models import Balance, Movement
from backend.notifications import dispatch
from backend.notifications.models import OutboxMessage

from .conftest import INBOUND_URL, photo_upload


def test_public_offer_to_handover(client, coordinator, driver, furniture, warehouse,
                                  make_request, fake_twilio, django_capture_on_commit_callbacks):
    # 1. A resident offers a wardrobe through the public form (no log-in).
    response = client.post(reverse("exchange:public_offer"), {
        "category": furniture["category"].pk, "title": "Szafa dwudrzwiowa",
        "description": "Dębowa", "width_cm": 100, "height_cm": 190, "depth_cm": 60,
        "condition": "good", "donor_name": "Jan Darczyńca", "donor_phone": "603 000 003",
        "pickup_address": "ul. Piotrkowska 1, Łódź", "availability": "po 16:00",
        "consent": "on", "website": "", "photos": [photo_upload()]})
    assert response.status_code == 200, response.content.decode()[:2000]
    offer = Offer.objects.get()
    assert offer.status == "new" and offer.source == "public" and offer.consent_at
    assert offer.donor_phone == "+48603000003"
    photo = offer.photos.get()
    with Image.open(photo.image.path) as image:
        assert max(image.size) == 1600 and not image.getexif()

    # Two households wait; the later one is more urgent and comes first.
    normal = make_request(urgency=2, phone="+48602000001", last_name="Kowalska")
    urgent = make_request(urgency=4, phone="+48602000002", last_name="Nowak")

    # 2. The coordinator verifies it (photos checked, donor called).
    client.force_login(coordinator)
    client.post(reverse("exchange:offer_action", args=[offer.pk, "verify"]),
                {"item": furniture["wardrobe"].pk})
    offer.refresh_from_db()
    assert offer.status == "available" and offer.item == furniture["wardrobe"]
    page = client.get(offer.get_absolute_url()).content.decode()
    assert page.index(f'data-request="{urgent.pk}"') < page.index(f'data-request="{normal.pk}"')

    # 3. Matched to the most urgent request; the household gets "Mamy dla Państwa …".
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("exchange:match_confirm", args=[offer.pk, urgent.pk]))
    match = Match.objects.get()
    assert match.request == urgent and match.status == "proposed"
    offer.refresh_from_db()
    assert offer.status == "reserved"
    dispatch.dispatch_pass()
    assert [to for to, body in fake_twilio.received] == ["+48602000002"]
    assert fake_twilio.received[0][1].startswith(
        "MOPS Zgorzelec: mamy dla Panstwa: Szafa dwudrzwiowa")  # the centre, one GSM-7 segment

    # 4. TAK by SMS, through the signed inbound webhook.
    client.logout()
    response = fake_twilio.inbound(INBOUND_URL, "+48602000002", "Tak", client)
    assert response.status_code == 200
    match.refresh_from_db()
    assert match.status == "accepted"
    donor_sms = OutboxMessage.objects.get(purpose="exchange_donor")
    assert donor_sms.phone == "+48603000003"

    # 5. Pick-up: the unit gets its QR label; the driver confirms each step by scanning.
    client.force_login(coordinator)
    client.post(reverse("exchange:plan_transport", args=[offer.pk]), {
        "kind": "to_warehouse", "driver": driver.pk, "date": "2030-01-02",
        "warehouse": warehouse.pk})
    task = TransportTask.objects.get()
    offer.refresh_from_db()
    tag = offer.lot.tags.get()
    assert offer.lot.kind == "unit" and offer.lot.condition == "good"
    assert offer.lot.photos.count() == 1  # copied through inventory's add_photo
    client.force_login(driver)
    sheet = client.get(reverse("exchange:run_sheet") + "?date=2030-01-02").content.decode()
    assert "ul. Piotrkowska 1" in sheet
    scan = reverse("exchange:task_scan", args=[task.pk])
    client.post(scan, {"code": tag.short_code.lower()})  # typed by hand
    client.post(scan, {"code": tag.url})  # scanned by the camera
    task.refresh_from_db()
    offer.refresh_from_db()
    assert task.status == "done" and offer.status == "collected"
    balance = Balance.objects.get(lot=offer.lot, location=warehouse)
    assert balance.quantity == 1 and balance.reserved == 1

    # 6. Delivery to the household, again scan by scan.
    client.force_login(coordinator)
    page = client.get(offer.get_absolute_url()).content.decode()
    assert f'action="/exchange/offers/{offer.pk}/transport/"' in page
    client.post(reverse("exchange:plan_transport", args=[offer.pk]), {
        "kind": "from_warehouse", "driver": driver.pk, "date": "2030-01-03"})
    delivery = TransportTask.objects.get(kind="from_warehouse")
    client.force_login(driver)
    for _step in range(2):
        client.post(reverse("exchange:task_scan", args=[delivery.pk]), {"code": tag.token})
    offer.refresh_from_db()
    assert offer.status == "delivered"
    assert Balance.objects.get(lot=offer.lot, location=warehouse).quantity == 0
    assert Movement.objects.filter(lot=offer.lot, kind="issue").count() == 1

    # 7. The coordinator prints the protocol; the signed copy comes back: handed over.
    client.force_login(coordinator)
    page = client.get(offer.get_absolute_url()).content.decode()
    assert reverse("exchange:protocol", args=[match.pk]) in page
    pdf = client.get(reverse("exchange:protocol", args=[match.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    client.post(reverse("exchange:offer_action", args=[offer.pk, "handover"]))
    offer.refresh_from_db()
    urgent.refresh_from_db()
    assert offer.status == "handed_over" and urgent.status == "fulfilled"
    assert EquipmentRequest.objects.get(pk=normal.pk).status == "waiting"
    assert stock_selectors.stock_check() == []

    # Both the offer and the request show their whole history.
    offer_story = [e.changes.get("status") for e in selectors.history(offer)]
    for step in (["new", "verified"], ["verified", "available"], ["available", "reserved"],
                 ["reserved", "collected"], ["collected", "delivered"],
                 ["delivered", "handed_over"], ["proposed", "accepted"],
                 ["planned", "picked_up"], ["picked_up", "done"]):
        assert step in offer_story, step
    request_story = [e.changes.get("status") for e in selectors.history(urgent)]
    assert ["waiting", "matched"] in request_story and ["matched", "fulfilled"] in request_story
    page = client.get(urgent.get_absolute_url()).content.decode()
    assert "Szafa dwudrzwiowa" in page and 'id="history"' in page
    assert "oczekuje → skojarzone" in page and "skojarzone → zrealizowane" in page
    page = client.get(offer.get_absolute_url()).content.decode()
    assert "nowa → zweryfikowana" in page and "dostarczona → przekazana" in page


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, format="PNG")
    return buffer.getvalue()
