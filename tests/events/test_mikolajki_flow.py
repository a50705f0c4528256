"""A Mikołajki end to end: 40 children invited, 25 TAK, 20 wishes pledged by two donors
on the public page, gifts received by scanning their labels, checked in at the door,
the report adds up and stock_check passes."""

import re

import pytest
from django.urls import reverse

from backend.distribution.models import Participant, ParticipantGift
from backend.donations.models import Donation
from backend.events import invitations, pledges, selectors, services
from backend.events.models import Pledge, Wish
from backend.inventory.models import Balance
from backend.inventory.selectors import stock_check
from backend.notifications import services as sms
from backend.notifications.models import OutboxMessage
from backend.people.models import Household

from .conftest import sent

pytestmark = pytest.mark.django_db
P = Participant.Status


def test_mikolajki_end_to_end(event, session, families, coordinator, volunteer, client,
                              make_user, mailoutbox, django_capture_on_commit_callbacks):
    session.capacity = 30
    session.save()
    homes = families(40)  # one child of 7 in each
    assert invitations.send(coordinator, event, session, Household.objects.all()) == 40
    sent()
    for home in homes[:25]:
        sms.receive_inbound(phone=home.members.get(relation="head").phone, body="TAK")
    registered = Participant.objects.filter(distribution=event.distribution, status=P.REGISTERED)
    assert registered.count() == 25
    assert event.wishes.filter(status=Wish.Status.OPEN).count() == 25

    # Two donors pledge 20 wishes on the public page (no log-in); no name is shown there.
    client.logout()
    page = client.get(reverse("events:public_pledge", args=[event.pk]))
    body = page.content.decode()
    assert page.status_code == 200 and "dziewczynka, 7 lat" in body
    assert "Kowalska" not in body and "Dziecko" not in body
    wishes = list(event.wishes.order_by("id").values_list("pk", flat=True))
    for name, chosen in (("Szkoła Podstawowa nr 5", wishes[:12]),
                         ("Parafia św. Anny", wishes[12:20])):
        done = client.post(reverse("events:public_pledge", args=[event.pk]), {
            "wish": chosen, "name": name, "email": "sekretariat@example.org"})
        assert done.status_code == 200 and "labels" in done.content.decode()
    taken = client.post(reverse("events:public_pledge", args=[event.pk]), {
        "wish": [wishes[0]], "name": "Firma", "email": "a@example.org"})
    assert taken.status_code == 422 and Pledge.objects.count() == 2
    school = Pledge.objects.get(name__startswith="Szkoła")
    labels = client.get(reverse("events:pledge_labels", args=[school.token]))
    assert labels["Content-Type"] == "application/pdf" and labels.content[:4] == b"%PDF"

    # Gifts arrive: a warehouse volunteer scans each label at the intake page.
    keeper = make_user("warehouse_volunteer", "magazynier")
    client.force_login(keeper)
    intake = reverse("events:gift_intake", args=[event.pk])
    for wish in Wish.objects.filter(status=Wish.Status.PLEDGED):
        card = client.post(intake, {"code": pledges.label_url(wish)})
        assert 'data-code="received"' in card.content.decode()
    again = client.post(intake, {"code": pledges.label_url(wish)})
    assert 'data-code="already"' in again.content.decode()
    assert Donation.objects.count() == 20
    assert Balance.objects.filter(reserved=1).count() == 20

    # At the door: the volunteer types the SMS codes; the gift goes out with the check-in.
    client.force_login(volunteer)
    scan = reverse("events:checkin_scan", args=[event.pk])
    code_in_sms = re.compile(r"Kod wejscia: (\d{6})")
    checked = 0
    for home in homes[:22]:
        message = OutboxMessage.objects.get(purpose="event_registered",
                                            phone=home.members.get(relation="head").phone)
        code = code_in_sms.search(message.body)[1]
        card = client.post(scan, {"code": code, "nonce": f"n-{code}"}).content.decode()
        assert 'data-code="ok"' in card and "Kowalska" not in card
        checked += 1
    card = client.post(scan, {"code": code, "nonce": "other"}).content.decode()
    assert 'data-code="already_checked_in"' in card

    client.force_login(coordinator)
    url = reverse("events:action", args=[event.pk, "thank"])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302 and not mailoutbox  # asks first
        asked = client.get(url).content.decode()
        assert "Podziękowano darczyńcom: 2" in asked and not mailoutbox  # dry run only
        thank = client.post(url, {"confirmed": "1"})
    assert thank.status_code == 302 and len(mailoutbox) == 2
    services.advance(coordinator, event)  # closed
    services.advance(coordinator, event)  # held: the 3 who did not come are released
    report = selectors.report(event)
    handed = ParticipantGift.objects.filter(status="handed_over").count()
    assert report["registered"] == 25 and report["checked_in"] == checked == 22
    assert report["no_shows"] == 3 and report["gifts_handed"] == handed
    assert report["wishes"]["handed_over"] == handed
    assert report["by_band"][2] == {"band": "7–10", "registered": 25, "checked_in": 22}
    assert report["donors"] == 2
    returned = Wish.objects.filter(status=Wish.Status.RECEIVED).count()
    assert handed + returned == 20  # the gifts of no-shows are back in free stock
    assert Balance.objects.filter(reserved__gt=0).count() == 0
    assert stock_check() == []
    page = client.get(reverse("events:report", args=[event.pk]))
    assert page.status_code == 200
