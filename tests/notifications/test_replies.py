import pytest

from backend.notifications import dispatch, services, signals
from backend.notifications.models import InboundMessage, OptOut, OutboxMessage

MOBILE = "+48601234567"


@pytest.fixture
def notice(db, make_household):
    household = make_household()
    person = household.members.get()
    message = services.enqueue(purpose="pickup", phone=MOBILE, body="Potwierdz TAK/NIE",
                               person=person, obj=household, expects_reply=True)
    dispatch.dispatch_pass()
    return message


@pytest.fixture
def replies():
    received = []

    def listener(sender, message, obj, outcome, inbound, **kwargs):
        received.append((message.pk, obj, outcome))

    signals.reply_received.connect(listener)
    yield received
    signals.reply_received.disconnect(listener)


@pytest.mark.parametrize("text,normalised", [
    ("  Tak!! ", "TAK"), ("nie, sms", "NIE SMS"), ("Rezygnacja.", "REZYGNACJA"),
    ("t", "T"), ("Ok", "OK"), ("Pomóc", "POMOC"),
])
def test_normalise(text, normalised):
    assert services.normalise(text) == normalised


@pytest.mark.parametrize("text", ["TAK", "tak.", "T", "ok"])
def test_tak_confirms_the_latest_open_notice(notice, replies, text):
    inbound = services.receive_inbound(phone="601 234 567", body=text)
    assert inbound.outcome == "confirm" and inbound.outbox_message_id == notice.pk
    assert inbound.person == notice.person and inbound.handled
    assert replies == [(notice.pk, notice.business_object, "confirm")]
    notice.refresh_from_db()
    assert notice.reply == "confirm"


def test_nie_declines(notice, replies):
    services.receive_inbound(phone=MOBILE, body="Nie")
    assert replies[0][2] == "decline"
    # Answered: a second TAK has nothing open and goes to the coordinator inbox.
    second = services.receive_inbound(phone=MOBILE, body="TAK")
    assert second.outcome == "other" and not second.handled and len(replies) == 1


@pytest.mark.parametrize("text", ["STOP", "nie sms", "Rezygnacja"])
def test_stop_opts_out_and_start_opts_back_in(notice, text):
    services.receive_inbound(phone=MOBILE, body=text)
    assert OptOut.objects.filter(phone=MOBILE).exists()
    services.receive_inbound(phone=MOBILE, body="START")
    assert not OptOut.objects.exists()


def test_pomoc_answers_with_help_through_the_outbox(notice):
    inbound = services.receive_inbound(phone=MOBILE, body="pomoc")
    assert inbound.outcome == "help"
    help_message = OutboxMessage.objects.get(purpose="help")
    assert help_message.phone == MOBILE and "STOP" in help_message.body
    assert dispatch.dispatch_pass().sent == 1


def test_anything_else_lands_in_the_inbox_linked_to_the_person(notice):
    inbound = services.receive_inbound(phone=MOBILE, body="Czy mogę przyjść w piątek?")
    assert inbound.outcome == "other" and not inbound.handled
    assert inbound.person == notice.person
    assert InboundMessage.objects.filter(handled=False).count() == 1


@pytest.mark.django_db
def test_a_sender_that_is_not_a_phone_number_is_kept_short_never_a_500():
    """A provider (or the sandbox) may send a 'From' that is no phone number and longer than
    the column: PostgreSQL refused it (DataError, a 500 the provider retries). Found by
    posting every form with odd values (h9c)."""
    for sender in ("9" * 20, "STOP" * 10):
        inbound = services.receive_inbound(phone=sender, body="STOP")
        inbound.refresh_from_db()
        assert inbound.phone == sender[:16]
    assert all(len(p) <= 16 for p in OptOut.objects.values_list("phone", flat=True))
