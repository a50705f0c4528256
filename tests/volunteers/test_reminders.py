"""SMS through the outbox: the day-before reminder and "Brakuje … odpowiedz TAK"."""

import datetime as dt

import pytest
from django.utils import timezone

from backend.notifications import encoding
from backend.notifications import services as sms
from backend.notifications.models import OutboxMessage
from backend.volunteers import reminders, services
from backend.volunteers.models import ShiftSignup

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _sender(settings):
    settings.SMS_SENDER_NAME = "MOPS Zgorzelec"


def test_reminder_the_day_before_is_gsm7_one_sms_and_sent_once(make_volunteer, make_shift):
    shift = make_shift(days=1, title="Magazyn żywności – sortowanie darów z Zbiórki Świątecznej",
                       place="ul. Źródłowa 43, wejście od podwórza, rampa nr 2, pytać o Łukasza")
    consenting, silent = make_volunteer(), make_volunteer(sms_consent=False)
    for v in (consenting, silent):
        services.sign_up(v, shift.roles.get())
    assert reminders.send_day_before() == 1
    assert reminders.send_day_before() == 0  # the dedupe key: no second SMS
    message = OutboxMessage.objects.get(purpose="volunteer_reminder")
    assert message.phone == consenting.phone
    info = encoding.analyse(message.body)
    assert info.encoding == "GSM-7" and info.segments == 1 and len(message.body) <= 160
    assert message.body.startswith("MOPS Zgorzelec: jutro (")
    assert "Wsp" not in message.body and "Zrodlowa" in message.body
    assert "9-13" in message.body
    assert message.expires_at == shift.starts_at


def test_the_reminder_gives_the_phone_of_the_shifts_site(make_volunteer, make_shift, site):
    site.phone = "+48426301234"
    site.save(update_fields=["phone"])
    shift = make_shift(days=1, site=site)
    services.sign_up(make_volunteer(), shift.roles.get())
    assert reminders.send_day_before() == 1
    body = OutboxMessage.objects.get(purpose="volunteer_reminder").body
    assert "42 630 12 34" in body and encoding.analyse(body).segments == 1


def test_cancelled_signups_get_no_reminder(make_volunteer, make_shift):
    shift = make_shift(days=1)
    signup = services.sign_up(make_volunteer(), shift.roles.get())
    ShiftSignup.objects.filter(pk=signup.pk).update(status="cancelled")
    assert reminders.send_day_before() == 0


def test_help_text():
    from backend.volunteers.models import Shift, ShiftRole

    shift = Shift(title="x", date=dt.date(2026, 12, 5), start_time=dt.time(9),
                  end_time=dt.time(13))
    text = reminders.help_text(ShiftRole(shift=shift, name="Pakowanie"), 2)
    assert text == ("MOPS Zgorzelec: brakuje 2 osob w sobote 05.12 9-13 (Pakowanie). "
                    "Odpowiedz TAK, jesli mozesz pomoc")
    assert encoding.analyse(text).segments == 1
    assert "5 osob" in reminders.help_text(ShiftRole(shift=shift, name="P"), 5)


def test_reminder_uses_the_coordinators_edited_text(make_volunteer, make_shift):
    from backend.notifications.models import SmsTemplate

    SmsTemplate.objects.filter(code="volunteer_reminder", language="pl").update(
        body="{sender}: jutro {hours} {role}. Dziekujemy!")
    shift = make_shift(days=1)
    services.sign_up(make_volunteer(), shift.roles.get())
    assert reminders.send_day_before() == 1
    body = OutboxMessage.objects.get(purpose="volunteer_reminder").body
    assert body.startswith("MOPS Zgorzelec: jutro 9-13 ") and body.endswith("Dziekujemy!")


def test_ask_for_help_and_tak_signs_up_once(make_volunteer, make_shift):
    shift = make_shift(days=4, roles=[{"name": "Kierowca", "minimum": 2, "maximum": 2,
                                       "required_skills": ["licence:B"]}])
    role = shift.roles.get()
    driver, other_driver = make_volunteer(licence_categories=["B"]), make_volunteer(
        licence_categories=["B"])
    walker = make_volunteer()  # no licence: not asked
    assert reminders.ask_for_help(shift) == 2
    assert reminders.ask_for_help(shift) == 0  # same rows back: nothing new queued
    assert OutboxMessage.objects.filter(purpose="volunteer_help").count() == 2
    assert not OutboxMessage.objects.filter(phone=walker.phone).exists()
    OutboxMessage.objects.filter(purpose="volunteer_help").update(status="sent")
    sms.receive_inbound(phone=driver.phone, body="Tak", provider_message_id="SM1")
    sms.receive_inbound(phone=driver.phone, body="Tak", provider_message_id="SM1")  # retry
    sms.receive_inbound(phone=driver.phone, body="TAK!", provider_message_id="SM2")
    signups = ShiftSignup.objects.filter(role=role)
    assert [(s.volunteer_id, s.source) for s in signups] == [(driver.pk, "sms")]
    assert OutboxMessage.objects.filter(purpose="volunteer_help_ok", phone=driver.phone
                                        ).count() == 1
    sms.receive_inbound(phone=other_driver.phone, body="tak", provider_message_id="SM3")
    assert ShiftSignup.objects.filter(role=role).count() == 2


def test_tak_after_the_role_filled_is_told_it_is_full(make_volunteer, make_shift):
    shift = make_shift(days=4, roles=[{"name": "Pakowanie", "minimum": 1, "maximum": 1,
                                       "required_skills": []}])
    first, second = make_volunteer(), make_volunteer()
    reminders.ask_for_help(shift)
    OutboxMessage.objects.filter(purpose="volunteer_help").update(status="sent")
    sms.receive_inbound(phone=first.phone, body="TAK", provider_message_id="A")
    sms.receive_inbound(phone=second.phone, body="TAK", provider_message_id="B")
    assert ShiftSignup.objects.get().volunteer == first
    refused = OutboxMessage.objects.get(purpose="volunteer_help_refused")
    assert refused.phone == second.phone and "brak wolnych miejsc" in refused.body
    assert timezone.now()  # the inbound answer committed with the sign-up



def test_reminders_run_as_a_task_and_a_command(make_volunteer, make_shift):
    from django.core.management import call_command

    from backend.volunteers.tasks import volunteer_reminders

    shift = make_shift(days=1)
    services.sign_up(make_volunteer(), shift.roles.get())
    result = volunteer_reminders.enqueue()
    assert result.return_value == 1
    call_command("volunteer_reminders")
    assert OutboxMessage.objects.filter(purpose="volunteer_reminder").count() == 1
