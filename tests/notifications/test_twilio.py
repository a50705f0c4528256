"""The real twilio client over HTTP to the fake Twilio server on 127.0.0.1."""

import datetime as dt

import pytest
from django.db import transaction

from backend.notifications import dispatch, services
from backend.notifications.models import InboundMessage, OptOut, OutboxMessage

S = OutboxMessage.Status
MOBILE = "+48601234567"
STATUS_URL = "https://wspolnie.example.org/sms/webhooks/status/"
INBOUND_URL = "https://wspolnie.example.org/sms/webhooks/inbound/"


def _send(body="Odbior paczki", phone=MOBILE, **kw):
    message = services.enqueue(purpose="pickup", phone=phone, body=body, **kw)
    dispatch.dispatch_pass()
    message.refresh_from_db()
    return message


def test_same_business_event_twice_gives_one_sms(db, fake_twilio, make_household):
    household = make_household()
    for _ in range(2):
        with transaction.atomic():
            services.enqueue(purpose="pickup", phone=MOBILE, body="Kod K7M2", obj=household)
        dispatch.dispatch_pass()
    assert fake_twilio.received == [(MOBILE, "Kod K7M2")]
    message = OutboxMessage.objects.get()
    assert message.status == S.SENT and message.provider_message_id.startswith("SM")


def test_status_callback_url_comes_from_base_url(db, fake_twilio):
    message = _send()
    stored = fake_twilio.messages[message.provider_message_id]
    assert stored["status_callback"] == f"{STATUS_URL}?ref={message.reference}"
    assert stored["from"] == "+48500000000"


def test_messaging_service_sid(db, fake_twilio, settings):
    settings.TWILIO_MESSAGING_SERVICE_SID = "MG" + "1" * 32
    message = _send()
    assert fake_twilio.messages[message.provider_message_id]["messaging_service_sid"] == \
        "MG" + "1" * 32


@pytest.mark.parametrize("code", [21211, 21610, 21614])
def test_permanent_errors_stop_at_once(db, fake_twilio, code):
    fake_twilio.on(MOBILE, 400, code)
    message = _send()
    assert message.status == S.FAILED and message.error_code == str(code)
    assert message.attempts == 1 and message.error_text
    dispatch.dispatch_pass(now=message.next_attempt_at + dt.timedelta(days=1))
    assert len(fake_twilio.attempts) == 1


@pytest.mark.parametrize("status,code", [(429, 20429), (500, None), (503, None)])
def test_transient_errors_retry_with_backoff(db, fake_twilio, status, code):
    fake_twilio.on(MOBILE, status, code, times=1)
    message = _send()
    assert message.status == S.QUEUED and message.attempts == 1
    first_wait = message.next_attempt_at
    assert dispatch.dispatch_pass().sent == 0  # not due yet
    dispatch.dispatch_pass(now=first_wait)
    message.refresh_from_db()
    assert message.status == S.SENT and message.attempts == 2
    assert fake_twilio.received == [(MOBILE, "Odbior paczki")]


def test_backoff_grows_and_gives_up(db, fake_twilio, settings):
    settings.SMS_MAX_ATTEMPTS = 3
    fake_twilio.on(MOBILE, 500)
    message = _send()
    waits = []
    for _ in range(3):
        waits.append(message.next_attempt_at)
        dispatch.dispatch_pass(now=message.next_attempt_at)
        message.refresh_from_db()
    assert message.status == S.FAILED and message.attempts == 3
    assert dispatch.backoff(2) > dispatch.backoff(1)


def test_connection_error_is_transient(db, fake_twilio, settings):
    settings.TWILIO_API_BASE = "http://127.0.0.1:9"  # nothing listens there
    message = _send()
    assert message.status == S.QUEUED and message.error_code == "connection"


def test_timeout_after_the_request_left_is_unknown_and_reconciled_not_resent(
        db, client, fake_twilio, settings):
    settings.TWILIO_TIMEOUT = 0.3
    fake_twilio.on(MOBILE, 201, delay=1.0, times=1)
    message = _send()
    assert message.status == S.UNKNOWN
    import time

    time.sleep(1.0)  # the slow request completes at the fake server
    assert dispatch.dispatch_pass().sent == 0  # never resent
    # Twilio has a message like it, but nothing proves it is this row's: in doubt.
    assert dispatch.reconcile(older_than=dt.timedelta(0)) == 0
    message.refresh_from_db()
    assert message.status == S.UNKNOWN and message.error_code == "in_doubt"
    assert not message.provider_message_id
    # Its status callback carries our reference: that proves it.
    (sid,) = fake_twilio.messages
    fake_twilio.status_callback(sid, "sent", client)
    message.refresh_from_db()
    assert message.status == S.SENT and message.provider_message_id == sid
    assert dispatch.dispatch_pass().sent == 0
    assert len(fake_twilio.received) == 1


def test_unsigned_or_wrongly_signed_webhooks_are_refused(db, client, fake_twilio):
    params = {"MessageSid": "SM1", "MessageStatus": "delivered"}
    assert client.post("/sms/webhooks/status/", params).status_code == 403
    assert client.post("/sms/webhooks/status/", params,
                       HTTP_X_TWILIO_SIGNATURE="bogus").status_code == 403
    signature = fake_twilio.sign(STATUS_URL, params)
    tampered = {**params, "MessageStatus": "failed"}
    assert client.post("/sms/webhooks/status/", tampered,
                       HTTP_X_TWILIO_SIGNATURE=signature).status_code == 403
    inbound = {"From": MOBILE, "Body": "STOP", "MessageSid": "SM2"}
    assert client.post("/sms/webhooks/inbound/", inbound).status_code == 403
    assert not OptOut.objects.exists()
    assert client.get("/sms/webhooks/status/").status_code in (403, 405)


def test_signed_status_callbacks_only_move_forward(db, client, fake_twilio):
    message = _send()
    sid = message.provider_message_id
    assert fake_twilio.status_callback(sid, "sent", client).status_code == 204
    assert fake_twilio.status_callback(sid, "delivered", client).status_code == 204
    assert fake_twilio.status_callback(sid, "sent", client).status_code == 204
    assert fake_twilio.status_callback(sid, "delivered", client).status_code == 204
    message.refresh_from_db()
    assert message.status == S.DELIVERED


def test_undelivered_callback_keeps_the_error_code(db, client, fake_twilio):
    message = _send()
    fake_twilio.status_callback(message.provider_message_id, "undelivered", client, "30003")
    message.refresh_from_db()
    assert message.status == S.UNDELIVERED and message.error_code == "30003"


def test_signed_inbound_stop_opts_out_and_next_send_is_skipped(db, client, fake_twilio):
    for _ in range(2):
        response = fake_twilio.inbound(INBOUND_URL, MOBILE, "Stop", client, sid="SM" + "9" * 32)
        assert response.status_code == 200
    assert OptOut.objects.filter(phone=MOBILE).exists()
    # The same webhook delivered twice is harmless.
    assert InboundMessage.objects.count() == 1
    message = _send(body="Nastepna zbiorka")
    assert message.status == S.SKIPPED_OPTED_OUT and fake_twilio.received == []


def test_webhook_over_real_http_from_the_fake_server(live_server, fake_twilio, settings):
    settings.BASE_URL = live_server.url
    response = fake_twilio.inbound(f"{live_server.url}/sms/webhooks/inbound/", MOBILE, "POMOC")
    assert response.status == 200
    assert InboundMessage.objects.get().outcome == "help"


def test_timeout_then_status_callback_settles_the_unknown_row(db, client, fake_twilio,
                                                              settings):
    settings.TWILIO_TIMEOUT = 0.3
    fake_twilio.on(MOBILE, 201, delay=0.8, times=1)
    message = _send()
    assert message.status == S.UNKNOWN and not message.provider_message_id
    import time

    time.sleep(0.8)
    (sid,) = fake_twilio.messages
    assert fake_twilio.status_callback(sid, "delivered", client).status_code == 204
    message.refresh_from_db()
    assert message.status == S.DELIVERED and message.provider_message_id == sid
    assert len(fake_twilio.received) == 1


def test_failed_batch_messages_can_be_retried(db, fake_twilio, make_household, client, users):
    from django.urls import reverse

    from backend.notifications.models import SmsBatch, SmsTemplate

    template = SmsTemplate.objects.create(code="n", name="n", body="Hej {first_name}",
                                          transliterate=False)  # as written
    person = make_household(phone=MOBILE).members.get()
    batch = services.create_batch(name="Grudzień", persons=[person], template=template)
    fake_twilio.on(MOBILE, 400, 21211, times=1)
    dispatch.dispatch_pass()
    message = batch.messages.get()
    assert message.status == S.FAILED and message.error_code == "21211"
    client.force_login(users["coordinator"])
    client.post(reverse("notifications:batch_action", args=[batch.pk, "retry"]))
    dispatch.dispatch_pass()
    message.refresh_from_db()
    assert message.status == S.SENT and fake_twilio.received == [(MOBILE, "Hej Stanisław")]
    assert SmsBatch.objects.get().messages.count() == 1


def test_inbox_message_can_be_marked_handled(db, client, users):
    from django.urls import reverse

    inbound = services.receive_inbound(phone=MOBILE, body="Kiedy kolejna paczka?")
    client.force_login(users["coordinator"])
    assert "Kiedy kolejna paczka?" in client.get(reverse("notifications:inbox")).content.decode()
    client.post(reverse("notifications:inbox_handle", args=[inbound.pk]))
    inbound.refresh_from_db()
    assert inbound.handled


def test_an_unknown_row_is_shown_with_its_reason_and_a_person_decides(db, client, users,
                                                                      fake_twilio, settings):
    from django.urls import reverse

    settings.TWILIO_TIMEOUT = 0.3
    fake_twilio.on(MOBILE, 201, delay=0.8, times=1)
    message = _send()
    import time

    time.sleep(0.8)
    dispatch.reconcile(older_than=dt.timedelta(0))
    client.force_login(users["coordinator"])
    page = client.get(reverse("notifications:unknown")).content.decode()
    assert f'data-unknown="{message.pk}"' in page and "Nie wiadomo, czy wyszła" in page
    client.post(reverse("notifications:settle_unknown", args=[message.pk]), {"arrived": "1"})
    message.refresh_from_db()
    assert message.status == S.SENT
    assert len(fake_twilio.received) == 1
