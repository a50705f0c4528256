import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from backend.notifications import dispatch, services
from backend.notifications.models import OutboxMessage, SmsTemplate

S = OutboxMessage.Status
WARSAW = ZoneInfo("Europe/Warsaw")
MOBILE = "+48601234567"
LANDLINE = "+48426384000"  # Łódź, 42: a landline per phonenumbers


@pytest.fixture
def household(make_household):
    return make_household()


def test_same_event_twice_gives_one_row(db, household):
    first = services.enqueue(purpose="pickup", phone="601 234 567", body="Odbior", obj=household)
    second = services.enqueue(purpose="pickup", phone="+48601234567", body="Odbior",
                              obj=household)
    assert first.pk == second.pk and OutboxMessage.objects.count() == 1
    services.enqueue(purpose="pickup", phone=MOBILE, body="Odbior", obj=household, version=2)
    assert OutboxMessage.objects.count() == 2


def test_people_sharing_a_number_get_one_message_per_purpose(db, make_household):
    household = make_household(members=[{"first_name": "Maria", "last_name": "Żółkiewska",
                                         "relation": "spouse", "phone": MOBILE}])
    for person in household.members.all():
        services.enqueue(purpose="pickup", phone=person.phone, body="x", person=person,
                         obj=household)
    assert OutboxMessage.objects.filter(phone=MOBILE).count() == 1


def test_landline_is_skipped_with_a_reason(db):
    message = services.enqueue(purpose="pickup", phone=LANDLINE, body="x")
    assert message.status == S.SKIPPED_NOT_MOBILE and message.error_text
    assert dispatch.dispatch_pass().sent == 0


def test_invalid_phone_gives_none(db):
    assert services.enqueue(purpose="pickup", phone="123", body="x") is None


def test_console_provider_sends(db):
    message = services.enqueue(purpose="p", phone=MOBILE, body="Czesc")
    assert dispatch.dispatch_pass().sent == 1
    message.refresh_from_db()
    assert message.status == S.SENT and message.provider == "console"
    assert dispatch.dispatch_pass().sent == 0  # never twice


def test_template_rendering_and_transliteration(db):
    template = SmsTemplate.objects.create(
        code="pickup", name="Odbiór", body="{first_name}, odbiór {date} o {time_window}: "
        "{place}. Kod {pickup_code}.", transliterate=True)
    message = services.enqueue(purpose="p", phone=MOBILE, template=template, context={
        "first_name": "Żaneta", "date": dt.date(2026, 12, 12), "time_window": "10-12",
        "place": "ul. Zgierska 221", "pickup_code": "K7M2"})
    assert message.body == "Zaneta, odbior 12.12.2026 o 10-12: ul. Zgierska 221. Kod K7M2."
    assert message.encoding == "GSM-7" and message.segments == 1


def test_quiet_hours_defer_and_never_drop(db, settings):
    settings.SMS_QUIET_HOURS = "08:00-20:00"
    message = services.enqueue(purpose="p", phone=MOBILE, body="x")
    night = dt.datetime(2026, 12, 1, 22, 30, tzinfo=WARSAW)
    result = dispatch.dispatch_pass(now=night)
    assert result.sent == 0
    assert result.deferred_until == dt.datetime(2026, 12, 2, 8, 0, tzinfo=WARSAW)
    message.refresh_from_db()
    assert message.status == S.QUEUED
    early = dt.datetime(2026, 12, 2, 6, 0, tzinfo=WARSAW)
    assert dispatch.dispatch_pass(now=early).deferred_until.hour == 8
    morning = dt.datetime(2026, 12, 2, 8, 5, tzinfo=WARSAW)
    assert dispatch.dispatch_pass(now=morning).sent == 1


def test_expired_rows_are_not_sent(db):
    message = services.enqueue(purpose="p", phone=MOBILE, body="x",
                               expires_at=timezone.now() - dt.timedelta(minutes=1))
    assert dispatch.dispatch_pass().sent == 0
    message.refresh_from_db()
    assert message.status == S.EXPIRED


def test_opt_out_is_checked_at_send_time(db):
    message = services.enqueue(purpose="p", phone=MOBILE, body="x")
    services.opt_out(MOBILE)
    assert dispatch.dispatch_pass().sent == 0
    message.refresh_from_db()
    assert message.status == S.SKIPPED_OPTED_OUT


def test_send_after_waits(db):
    message = services.enqueue(purpose="p", phone=MOBILE, body="x",
                               send_after=timezone.now() + dt.timedelta(hours=1))
    assert dispatch.dispatch_pass().sent == 0
    assert dispatch.next_due() == message.next_attempt_at


def test_batch_cancel_while_queued(db, make_household):
    template = SmsTemplate.objects.create(code="n", name="n", body="Hej {first_name}")
    households = [make_household(f"Nowak{i}", phone=f"+4860123450{i}") for i in range(3)]
    persons = [h.members.get() for h in households]
    batch = services.create_batch(name="Zbiórka", persons=persons, template=template)
    assert batch.messages.count() == 3
    assert services.cancel_batch(batch) == 3
    assert dispatch.dispatch_pass().sent == 0
    assert set(batch.messages.values_list("status", flat=True)) == {S.CANCELLED}


def test_statuses_only_move_forward(db):
    message = services.enqueue(purpose="p", phone=MOBILE, body="x")
    dispatch.dispatch_pass()
    message.refresh_from_db()
    assert services.apply_status(message, "delivered")
    assert not services.apply_status(message, "sent")
    assert not services.apply_status(message, "queued")
    assert not services.apply_status(message, "failed")
    assert not services.apply_status(message, "delivered")  # repeated: harmless
    message.refresh_from_db()
    assert message.status == S.DELIVERED


def test_stale_sending_row_of_a_dead_console_worker_is_requeued(db):
    message = services.enqueue(purpose="p", phone=MOBILE, body="x")
    dispatch.claim(timezone.now())
    OutboxMessage.objects.update(lease_until=timezone.now())  # the worker died; lease over
    message.refresh_from_db()
    assert message.status == S.SENDING
    assert dispatch.reconcile(older_than=dt.timedelta(0)) == 1
    assert dispatch.dispatch_pass().sent == 1


def test_reconcile_never_takes_a_live_lease(db):
    message = services.enqueue(purpose="p", phone=MOBILE, body="x")
    dispatch.claim(timezone.now(), owner="worker-a")
    assert dispatch.reconcile(older_than=dt.timedelta(0)) == 0
    message.refresh_from_db()
    assert message.status == S.SENDING and message.lease_owner == "worker-a"


def test_a_dispatcher_that_lost_its_lease_does_not_send(db):
    """Worker A stalled past its lease; the row was requeued and claimed by B. A's check
    right before the provider call (WHERE lease_owner = A) finds it is no longer A's."""
    message = services.enqueue(purpose="p", phone=MOBILE, body="x")
    (row,) = dispatch.claim(timezone.now(), owner="worker-a")
    OutboxMessage.objects.update(lease_until=timezone.now())  # A stalls past its lease
    dispatch.reconcile()
    (taken,) = dispatch.claim(timezone.now(), owner="worker-b")
    lease = dispatch.lease_length()
    assert not dispatch._still_mine("worker-a", [row.pk], row, lease)
    assert dispatch._still_mine("worker-b", [taken.pk], taken, lease)
    message.refresh_from_db()
    assert message.lease_owner == "worker-b"


def test_enqueue_wakes_the_worker_after_commit_only(db, django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            for i in range(3):
                services.enqueue(purpose="p", phone=f"+4860123456{i}", body="x")
    assert len(callbacks) == 1  # one wake-up per transaction, not per message
    assert OutboxMessage.objects.filter(status=S.SENT).count() == 3  # immediate backend ran it
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                services.enqueue(purpose="p", phone="+48601234599", body="x")
                raise RuntimeError("the business change failed")
        except RuntimeError:
            pass
    assert callbacks == [] and not OutboxMessage.objects.filter(phone="+48601234599").exists()


def test_template_by_code_in_the_persons_language_and_messages_for_an_object(
        db, make_household):
    from backend.notifications import selectors

    for language, body in (("pl", "Odbiór {first_name}"), ("en", "Pickup {first_name}")):
        SmsTemplate.objects.create(code="pickup", language=language, name=language, body=body,
                                   transliterate=False)  # as written
    household = make_household()
    person = household.members.get()
    person.preferred_language = "en"
    message = services.enqueue(purpose="pickup", phone=person.phone, template="pickup",
                               context=services.person_context(person), person=person,
                               obj=household)
    assert message.body == "Pickup Stanisław"
    assert list(selectors.for_object(household)) == [message]
    assert message.business_object == household
