"""Replies filed as "other" say why; the sandbox answers only sent notices; the
coordinator attaches a reply to the right notice by hand (audited, then processed)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from backend.accounts.models import AuditEntry
from backend.notifications import dispatch, services, signals
from backend.notifications.models import InboundMessage, OutboxMessage

MOBILE = "+48601234567"
R = InboundMessage.Reason


@pytest.fixture
def person(db, make_household):
    return make_household().members.get()


@pytest.fixture
def replies():
    received = []

    def listener(sender, message, obj, outcome, inbound, **kwargs):
        received.append((message.pk, outcome))

    signals.reply_received.connect(listener)
    yield received
    signals.reply_received.disconnect(listener)


def _notice(person, **kwargs):
    return services.enqueue(purpose="pickup_notice", phone=MOBILE, body="Odbior TAK/NIE",
                            person=person, obj=person.household, expects_reply=True, **kwargs)


def test_tak_to_a_notice_waiting_for_the_sending_hours_says_so(person, replies):
    _notice(person, send_after=timezone.now() + dt.timedelta(hours=8))
    inbound = services.receive_inbound(phone=MOBILE, body="tak")
    assert inbound.outcome == "other" and inbound.reason == R.NOTICE_NOT_SENT
    assert not replies


def test_tak_after_the_notice_expired(person):
    notice = _notice(person, expires_at=timezone.now() + dt.timedelta(minutes=1))
    dispatch.dispatch_pass()
    OutboxMessage.objects.filter(pk=notice.pk).update(
        expires_at=timezone.now() - dt.timedelta(minutes=1))
    assert services.receive_inbound(phone=MOBILE, body="TAK").reason == R.NOTICE_EXPIRED


def test_unknown_number_and_no_open_notice(person):
    assert services.receive_inbound(phone="+48609999888", body="TAK").reason == \
        R.UNKNOWN_NUMBER
    assert services.receive_inbound(phone=MOBILE, body="TAK").reason == R.NO_OPEN_NOTICE
    assert services.receive_inbound(phone=MOBILE, body="w piątek?").reason == \
        R.NOT_UNDERSTOOD


def test_coordinator_attaches_a_reply_by_hand(client, users, person, replies):
    notice = _notice(person)
    dispatch.dispatch_pass()
    inbound = services.receive_inbound(phone=MOBILE, body="Tak, przyjdę")
    assert inbound.outcome == "other"
    client.force_login(users["coordinator"])
    inbox = client.get(reverse("notifications:inbox")).content.decode()
    assert 'data-reason="not_understood"' in inbox and f'value="{notice.pk}"' in inbox
    client.post(reverse("notifications:inbox_attach", args=[inbound.pk]),
                {"notice": notice.pk, "outcome": "confirm"})
    inbound.refresh_from_db()
    notice.refresh_from_db()
    assert inbound.outcome == "confirm" and inbound.handled and notice.reply == "confirm"
    assert replies == [(notice.pk, "confirm")]
    entry = AuditEntry.objects.get(content_type__model="inboundmessage")
    assert entry.actor == users["coordinator"] and entry.changes["notice"] == [None, notice.pk]
    again = client.post(reverse("notifications:inbox_attach", args=[inbound.pk]),
                        {"notice": notice.pk, "outcome": "decline"})
    assert again.status_code == 404  # the notice is answered: nothing left to attach to
    assert replies == [(notice.pk, "confirm")]


def test_attach_refuses_an_unsent_notice(person):
    notice = _notice(person, send_after=timezone.now() + dt.timedelta(hours=8))
    inbound = services.receive_inbound(phone=MOBILE, body="TAK")
    with pytest.raises(services.ReplyError) as err:
        services.attach_reply(None, inbound, notice, "confirm")
    assert err.value.code == "not_sent"


def test_sandbox_offers_replies_only_on_sent_notices(client, users, person, replies,
                                                     settings):
    settings.SMS_QUIET_HOURS = ""
    waiting = _notice(person, send_after=timezone.now() + dt.timedelta(hours=8))
    client.force_login(users["coordinator"])
    page = client.get(reverse("notifications:sandbox")).content.decode()
    assert 'data-reply="TAK"' not in page
    client.post(reverse("notifications:simulate_reply"),
                {"message": waiting.pk, "phone": MOBILE, "body": "TAK"})
    assert not InboundMessage.objects.exists()  # refused, with a message why
    OutboxMessage.objects.filter(pk=waiting.pk).update(next_attempt_at=timezone.now())
    dispatch.dispatch_pass()
    page = client.get(reverse("notifications:sandbox")).content.decode()
    assert 'data-reply="TAK"' in page
    client.post(reverse("notifications:simulate_reply"),
                {"message": waiting.pk, "phone": MOBILE, "body": "TAK"})
    assert replies == [(waiting.pk, "confirm")]
