"""The exchange reads its texts by code in the recipient's language and texts only
whom the one recipient rule allows (consent, mobile, no STOP)."""

import pytest

from backend.exchange import services
from backend.notifications import encoding
from backend.notifications import services as sms
from backend.notifications.models import OutboxMessage, SmsTemplate
from backend.people.models import Person

pytestmark = pytest.mark.django_db


def test_offer_in_ukrainian_for_a_ukrainian_household(available_offer, make_request,
                                                      coordinator):
    request = make_request(phone="+48602000001")
    Person.objects.filter(household=request.household).update(preferred_language="uk")
    services.confirm_match(coordinator, available_offer, request)
    body = OutboxMessage.objects.get(purpose="exchange_offer").body
    assert body.startswith("MOPS Zgorzelec: маємо для вас: Szafa dwudrzwiowa")


def test_offer_honours_stop_and_an_edited_template(available_offer, make_request, coordinator):
    sms.opt_out("+48602000001")
    services.confirm_match(coordinator, available_offer, make_request(phone="+48602000001"))
    assert not OutboxMessage.objects.filter(purpose="exchange_offer").exists()


def test_edited_template_without_the_switch_is_sent_as_written(available_offer, make_request,
                                                               coordinator):
    row = SmsTemplate.objects.get(code="exchange_offer", language="pl")
    row.body = "{sender}: mamy dla Państwa {item}. TAK/NIE do {deadline}"
    row.transliterate = False
    row.save()
    services.confirm_match(coordinator, available_offer, make_request(phone="+48602000001"))
    message = OutboxMessage.objects.get(purpose="exchange_offer")
    assert "Państwa" in message.body and message.encoding == encoding.UCS2
