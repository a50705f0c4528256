"""Waiting list, suggestions, NIE / no answer passing on, housekeeping."""

import datetime as dt

import pytest
from django.utils import timezone

from backend.exchange import selectors, services
from backend.exchange.models import Match, Offer
from backend.notifications import dispatch
from backend.notifications import services as sms
from backend.notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db


def test_waiting_list_by_urgency_then_waiting_time(make_request, furniture):
    first = make_request(urgency=2, phone="+48602000001")
    second = make_request(urgency=2, phone="+48602000002")
    urgent = make_request(urgency=3, phone="+48602000003")
    assert list(selectors.waiting_list(furniture["category"])) == [urgent, first, second]


def test_suggestions_respect_size_limits(available_offer, make_request):
    fits = make_request(max_width_cm=120, phone="+48602000001")
    too_narrow = make_request(max_width_cm=80, phone="+48602000002")
    assert list(selectors.suggested_requests(available_offer)) == [fits]
    assert list(selectors.suggested_offers(fits)) == [available_offer]
    assert list(selectors.suggested_offers(too_narrow)) == []


def test_nie_passes_the_offer_to_the_next_in_line(available_offer, make_request, coordinator):
    first = make_request(urgency=4, phone="+48602000001")
    second = make_request(urgency=2, phone="+48602000002")
    match = services.confirm_match(coordinator, available_offer, first)
    dispatch.dispatch_pass()
    sms.receive_inbound(phone="+48602000001", body="NIE")
    match.refresh_from_db()
    first.refresh_from_db()
    assert match.status == "declined" and first.status == "waiting"
    following = Match.objects.get(status="proposed")
    assert following.request == second
    assert OutboxMessage.objects.filter(phone="+48602000002", purpose="exchange_offer").exists()
    # The household that said NIE is not offered the same item again.
    assert first not in selectors.suggested_requests(available_offer)


def test_no_answer_in_time_passes_on_and_the_last_returns_it(available_offer, make_request,
                                                            coordinator):
    only = make_request(phone="+48602000001")
    match = services.confirm_match(coordinator, available_offer, only)
    assert services.expire_stale_matches(now=timezone.now()) == 0
    later = match.reply_by + dt.timedelta(minutes=1)
    assert services.expire_stale_matches(now=later) == 1
    match.refresh_from_db()
    available_offer.refresh_from_db()
    assert match.status == "expired" and available_offer.status == "available"
    # A late TAK finds nothing open to confirm.
    inbound = sms.receive_inbound(phone="+48602000001", body="TAK")
    assert inbound.outcome == "other"


def test_matching_a_reserved_offer_is_refused(available_offer, make_request, coordinator):
    services.confirm_match(coordinator, available_offer, make_request(phone="+48602000001"))
    with pytest.raises(services.ExchangeError) as err:
        services.confirm_match(coordinator, available_offer,
                               make_request(phone="+48602000002"))
    assert err.value.code == "not_available"


def test_housekeeping_reminds_expires_and_asks_to_reconfirm(offer_data, coordinator,
                                                           make_request, settings):
    today = timezone.localdate()
    soon = services.create_offer(coordinator, {**offer_data, "collect_by": today
                                                + dt.timedelta(days=2)})
    stale = services.create_offer(coordinator, {**offer_data, "collect_by": today
                                                + dt.timedelta(days=20)})
    old_request = make_request(phone="+48602000001")
    result = services.housekeeping(now=timezone.now())
    assert result["offers_reminded"] == 1 and result["offers_expired"] == 0
    assert OutboxMessage.objects.filter(purpose="exchange_donor_reminder").count() == 1
    assert services.housekeeping()["offers_reminded"] == 0  # once only
    later = timezone.now() + dt.timedelta(days=25)
    result = services.housekeeping(now=later)
    assert result["offers_expired"] == 2
    assert Offer.objects.get(pk=stale.pk).status == "expired"
    assert Offer.objects.get(pk=soon.pk).status == "expired"
    settings.EXCHANGE_REQUEST_RECONFIRM_DAYS = 10
    assert result["requests_to_reconfirm"] == 0
    assert services.housekeeping(now=later)["requests_to_reconfirm"] == 1
    old_request.refresh_from_db()
    assert old_request.reconfirm_requested_at is not None
    services.reconfirm_request(coordinator, old_request)
    old_request.refresh_from_db()
    assert old_request.reconfirm_requested_at is None


def test_housekeeping_command(db, capsys):
    from django.core.management import call_command

    call_command("exchange_housekeeping")
    assert "matches_expired=0" in capsys.readouterr().out


def test_coordinator_edits_an_offer_and_adds_a_photo(client, coordinator, available_offer,
                                                    furniture):
    from django.urls import reverse

    from .conftest import photo_upload

    client.force_login(coordinator)
    response = client.post(reverse("exchange:offer_edit", args=[available_offer.pk]), {
        "category": furniture["category"].pk, "title": "Szafa trzydrzwiowa",
        "condition": "fair", "donor_name": "Jan", "donor_phone": "603 000 003",
        "pickup_address": "ul. Piotrkowska 1", "photos": [photo_upload()]})
    assert response.status_code == 302
    available_offer.refresh_from_db()
    assert available_offer.title == "Szafa trzydrzwiowa" and available_offer.photos.count() == 1
    changes = selectors.history(available_offer).last().changes
    assert changes["title"] == ["Szafa dwudrzwiowa", "Szafa trzydrzwiowa"]


def test_withdrawing_a_labelled_offer_writes_the_unit_off(available_offer, make_request,
                                                         coordinator, driver, warehouse):
    from backend.inventory import selectors as stock_selectors
    from backend.inventory.models import Balance

    match = services.confirm_match(coordinator, available_offer,
                                   make_request(phone="+48602000001"))
    services.answer(match, "confirm")
    task = services.plan_transport(coordinator, match, "direct", driver,
                                   timezone.localdate(), warehouse)
    services.withdraw(coordinator, available_offer, "darczyńca sprzedał szafę")
    available_offer.refresh_from_db()
    task.refresh_from_db()
    match.refresh_from_db()
    assert available_offer.status == "withdrawn" and task.status == "cancelled"
    assert match.status == "cancelled" and match.request.status == "waiting"
    balance = Balance.objects.get(lot=available_offer.lot)
    assert (balance.quantity, balance.reserved) == (0, 0)
    assert stock_selectors.stock_check() == []


def test_coordinator_passes_an_unanswered_offer_on(client, available_offer, make_request,
                                                  coordinator):
    from django.urls import reverse

    first = make_request(urgency=4, phone="+48602000001")
    second = make_request(urgency=2, phone="+48602000002")
    services.confirm_match(coordinator, available_offer, first)
    client.force_login(coordinator)
    client.post(reverse("exchange:offer_action", args=[available_offer.pk, "pass_on"]))
    assert Match.objects.get(status="proposed").request == second


def test_a_reminder_halfway_through_the_answer_time_takes_the_tak(available_offer, make_request,
                                                                 coordinator):
    match = services.confirm_match(coordinator, available_offer,
                                   make_request(phone="+48602000001"))
    assert services.remind_households(timezone.now()) == 0  # too early
    halfway = match.created_at + (match.reply_by - match.created_at) * 0.6
    assert services.remind_households(halfway) == 1
    assert services.remind_households(halfway) == 0  # once only
    dispatch.dispatch_pass()
    reminder = OutboxMessage.objects.get(purpose="exchange_offer_reminder")
    assert reminder.body.startswith("MOPS Zgorzelec: przypominamy, mamy dla Panstwa: Szafa")
    sms.receive_inbound(phone="+48602000001", body="tak")
    match.refresh_from_db()
    assert match.status == "accepted"


def test_household_answers_tak_in_the_sms_sandbox(client, available_offer, make_request,
                                                 coordinator):
    from django.urls import reverse

    match = services.confirm_match(coordinator, available_offer,
                                   make_request(phone="+48602000001"))
    dispatch.dispatch_pass()  # the console backend: visible in the sandbox
    client.force_login(coordinator)
    client.post(reverse("notifications:simulate_reply"), {"phone": "602 000 001",
                                                           "body": "TAK"})
    match.refresh_from_db()
    assert match.status == "accepted"
