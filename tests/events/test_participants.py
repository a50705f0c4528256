"""The engine's person-level participants through the events app: capacity, waiting
list, offers that pass on, cancellation, per-person gifts in the ledger, check-in."""

import datetime as dt

import pytest
from django.utils import timezone

from backend.distribution import participants as engine
from backend.distribution.models import CheckIn, Participant, ParticipantGift
from backend.events import services
from backend.events.models import GiftBand, Wish
from backend.inventory import services as stock
from backend.inventory.models import Balance
from backend.inventory.selectors import stock_check
from backend.notifications.models import OutboxMessage

from .conftest import sent

pytestmark = pytest.mark.django_db
P = Participant.Status


def _register(event, session, coordinator, home):
    kids = [m for m in home.members.all() if m.relation == "child"]
    from backend.distribution.services import contact_for

    return services.register_people(coordinator, event, session, kids, household=home,
                                    contact=contact_for(home))


def test_capacity_then_waiting_list_in_order(event, session, families, coordinator):
    session.capacity = 2
    session.save()
    homes = families(4)
    rows = [_register(event, session, coordinator, h)[0] for h in homes]
    assert [r.status for r in rows] == [P.REGISTERED, P.REGISTERED, P.WAITING, P.WAITING]
    assert [r.position for r in rows[2:]] == [1, 2]
    assert all(len(r.code) == 6 for r in rows[:2]) and not rows[2].code
    confirm = OutboxMessage.objects.get(purpose="event_registered", phone=homes[0].members.get(
        relation="head").phone)
    assert rows[0].code in confirm.body and "Dziecko0" in confirm.body
    assert OutboxMessage.objects.filter(purpose="event_waiting").count() == 2
    # A repeated registration of the same child is the same row, not a second place.
    again = _register(event, session, coordinator, homes[0])
    assert [p.pk for p in again] == [rows[0].pk]
    assert Participant.objects.filter(group=session.pk).count() == 4


def test_cancellation_offers_the_place_and_tak_takes_it(event, session, families,
                                                        coordinator):
    session.capacity = 1
    session.save()
    first, second, third = (_register(event, session, coordinator, h)[0]
                            for h in families(3))
    services.cancel(coordinator, first)
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == P.OFFERED and second.offer_expires_at > timezone.now()
    assert third.status == P.WAITING
    offer = OutboxMessage.objects.get(purpose="event_offer")
    assert offer.expects_reply and "TAK" in offer.body and offer.object_id == str(second.pk)
    sent("event_offer")
    from backend.notifications import services as sms

    sms.receive_inbound(phone=offer.phone, body="Tak")
    second.refresh_from_db()
    assert second.status == P.REGISTERED and second.code
    assert OutboxMessage.objects.filter(purpose="event_registered",
                                        phone=offer.phone).exists()


def test_unanswered_offer_expires_and_passes_on(event, session, families, coordinator):
    session.capacity = 1
    session.save()
    first, second, third = (_register(event, session, coordinator, h)[0]
                            for h in families(3))
    services.cancel(coordinator, first)
    later = timezone.now() + dt.timedelta(hours=event.offer_hours + 1)
    assert services.expire_offers(coordinator, event, now=later) == 1
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == P.EXPIRED
    assert third.status == P.OFFERED
    assert engine.holders(event.distribution, session.pk) == 1


def test_nie_to_an_offer_passes_it_on(event, session, families, coordinator):
    session.capacity = 1
    session.save()
    first, second, third = (_register(event, session, coordinator, h)[0]
                            for h in families(3))
    services.cancel(coordinator, first)
    sent("event_offer")
    from backend.notifications import services as sms

    sms.receive_inbound(phone=second.contact.phone, body="NIE")
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == P.DECLINED and third.status == P.OFFERED


def test_gift_from_stock_reserved_per_child_and_issued_at_check_in(
        event, session, families, coordinator, store, volunteer):
    band = event.bands.get(min_age=11)
    band.source, band.item = GiftBand.Source.STOCK, store["rice"]
    band.save()
    stock.create_lot(None, store["rice"], store["shelf"], 5)
    home = families(1, kids=2)[0]
    seven, twelve = sorted(_register(event, session, coordinator, home),
                           key=lambda p: p.birth_date, reverse=True)
    assert Wish.objects.get(participant=seven).label == "dziewczynka, 7 lat"
    assert Wish.objects.get(participant=seven).gift == "zestaw plastyczny"
    gift = ParticipantGift.objects.get(participant=twelve)
    assert gift.item == store["rice"]
    assert Balance.objects.get(lot__item=store["rice"]).reserved == 1

    outcome = services.check_in(volunteer, event, twelve, nonce="n-1")
    assert outcome.code == "ok" and outcome.lines[0]["item"] == "Ryż"
    again = services.check_in(volunteer, event, twelve, nonce="n-1")  # a retry
    assert again.code == "ok" and again.checkin.pk == outcome.checkin.pk
    second = services.check_in(volunteer, event, twelve, nonce="n-2")
    assert second.code == "already_checked_in"
    balance = Balance.objects.get(lot__item=store["rice"])
    assert (balance.quantity, balance.reserved) == (4, 0)
    assert CheckIn.objects.count() == 1
    assert stock_check() == []


def test_no_shows_return_their_gifts_to_stock(event, session, families, coordinator, store):
    band = event.bands.get(min_age=7)
    band.source, band.item = GiftBand.Source.STOCK, store["rice"]
    band.save()
    stock.create_lot(None, store["rice"], store["shelf"], 3)
    for home in families(2):
        _register(event, session, coordinator, home)
    assert Balance.objects.get(lot__item=store["rice"]).reserved == 2
    services.advance(coordinator, event)  # closed
    services.advance(coordinator, event)  # held: no-shows released
    assert Participant.objects.filter(status=P.NO_SHOW).count() == 2
    assert Balance.objects.get(lot__item=store["rice"]).reserved == 0
    assert ParticipantGift.objects.filter(status="released").count() == 2
    assert stock_check() == []


def test_walk_in_only_while_places_are_free(event, session, coordinator, volunteer):
    session.capacity = 1
    session.save()
    person = services.walk_in(volunteer, event, session, first_name="Kuba", age=6)
    assert person.status == P.REGISTERED and person.walk_in
    with pytest.raises(engine.SessionFull):
        services.walk_in(volunteer, event, session, first_name="Ala", age=5)
