"""Default SMS texts by code: one GSM-7 segment for the standard notices with realistic
long data, the centre's sender (never the product's name), languages, the
"bez polskich znaków" switch honoured by every engine."""

import pytest

from backend.notifications import encoding, services
from backend.notifications.defaults import DEFAULTS, SAMPLE
from backend.notifications.models import SmsTemplate

pytestmark = pytest.mark.django_db

LONG = SAMPLE  # realistic and long: a long first name, a branch address, a fridge
ONE_SEGMENT = ["pickup_notice", "pickup_reminder", "pickup_missed", "delivery_notice",
               "items_summary", "fuel_summary", "exchange_offer", "exchange_offer_reminder", "exchange_donor",
               "exchange_donor_reminder", "help", "event_invitation", "event_registered",
               "event_waiting", "event_closed", "event_offer", "event_thanks",
               "volunteer_reminder", "volunteer_help"]
# Ukrainian is Cyrillic, always UCS-2 (70 a segment): counted, kept short.
UK_SEGMENTS = {"pickup_notice": 3, "pickup_reminder": 2, "pickup_missed": 2,
               "delivery_notice": 2, "items_summary": 1, "fuel_summary": 1, "exchange_offer": 2,
               "exchange_offer_reminder": 2, "exchange_donor": 2,
               "exchange_donor_reminder": 3, "help": 2, "event_invitation": 3,
               "event_registered": 2, "event_waiting": 2, "event_closed": 2, "event_offer": 2,
               "event_thanks": 2, "volunteer_reminder": 2, "volunteer_help": 2}


@pytest.fixture(autouse=True)
def _centre(settings):
    settings.SMS_SENDER_NAME = "MOPS Zgorzelec"
    settings.CENTRE_PHONE = "+48757751234"


def test_every_code_is_seeded_in_three_languages_by_the_migration():
    seeded = set(SmsTemplate.objects.values_list("code", "language"))
    assert {(code, lang) for code in DEFAULTS for lang in ("pl", "uk", "en")} <= seeded
    assert SmsTemplate.objects.get(code="pickup_notice", language="pl").transliterate


@pytest.mark.parametrize("code", ONE_SEGMENT)
@pytest.mark.parametrize("language", ["pl", "en"])
def test_default_text_fits_one_gsm7_segment(code, language):
    text = services.notice_text(code, LONG, language)
    info = encoding.analyse(text)
    print(f"{code} {language}: {info.encoding} {info.segments} segment(s), {info.length} chars")
    assert info.encoding == encoding.GSM7 and info.segments == 1, text
    assert "Wsp" not in text and "{" not in text


@pytest.mark.parametrize("code", sorted(UK_SEGMENTS))
def test_ukrainian_text_segments(code):
    info = encoding.analyse(services.notice_text(code, LONG, "uk"))
    assert info.encoding == encoding.UCS2 and info.segments == UK_SEGMENTS[code]


def test_sender_and_phone_come_from_the_settings(settings):
    settings.SMS_SENDER_NAME = "GOPS Sulików"
    settings.CENTRE_PHONE = "75 778 00 11"
    text = services.notice_text("pickup_missed", LONG, "pl")
    assert text.startswith("GOPS Sulikow:") and "75 778 00 11" in text


def test_help_reply_names_the_centre_not_the_product():
    from backend.notifications.models import OutboxMessage

    services.receive_inbound(phone="+48601234567", body="POMOC")
    sent = OutboxMessage.objects.get(purpose="help")
    assert sent.body.startswith("MOPS Zgorzelec:") and "Wsp" not in sent.body
    assert sent.encoding == encoding.GSM7 and sent.segments == 1


def test_a_coordinators_edit_wins_and_falls_back_to_polish():
    SmsTemplate.objects.filter(code="pickup_missed", language="en").delete()
    row = SmsTemplate.objects.get(code="pickup_missed", language="pl")
    row.body = "{sender}: zadzwoń {centre_phone}"
    row.transliterate = False
    row.save()
    assert services.template_text("pickup_missed", "en").language == "pl"
    text = services.notice_text("pickup_missed", {}, "en")
    assert "zadzwoń" in text and encoding.analyse(text).encoding == encoding.UCS2


def test_unknown_code_is_a_key_error():
    with pytest.raises(KeyError):
        services.template_text("no_such_code")


def test_a_new_template_is_without_polish_letters_unless_switched_off(client, users):
    """The default for notices is GSM-7: a coordinator's new text starts with the switch
    on (the form's box ticked, the API's default), Ukrainian kept as written."""
    from django.urls import reverse
    from rest_framework.test import APIClient

    client.force_login(users["coordinator"])
    page = client.get(reverse("notifications:template_create")).content.decode()
    box = page[page.index('name="transliterate"') - 200:page.index('name="transliterate"') + 60]
    assert "checked" in box
    api = APIClient()
    api.force_authenticate(users["coordinator"])
    made = api.post("/api/v1/sms/templates/", {"code": "zima", "name": "Zima",
                                               "language": "pl",
                                               "body": "{sender}: zapraszamy po opał"},
                    format="json").json()
    assert made["transliterate"] is True and made["encoding"] == encoding.GSM7
    assert services.notice_text("zima") == "MOPS Zgorzelec: zapraszamy po opal"
    SmsTemplate.objects.create(code="zima", name="Zima", language="uk",
                               body="{sender}: запрошуємо, йдіть")
    assert services.notice_text("zima", {}, "uk") == "MOPS Zgorzelec: запрошуємо, йдіть"


@pytest.mark.parametrize("code", ["camp_registered", "camp_offer", "camp_gone",
                                  "camp_documents", "camp_departure", "camp_return"])
@pytest.mark.parametrize("language", ["pl", "en"])
def test_camp_texts_fit_one_gsm7_segment(code, language):
    from backend.notifications.defaults import SAMPLE_BY_CODE

    text = services.notice_text(code, {**LONG, **SAMPLE_BY_CODE.get(code, {})}, language)
    info = encoding.analyse(text)
    assert info.encoding == encoding.GSM7 and info.segments == 1, (info.length, text)


def test_the_migration_shortens_only_unedited_camp_texts(django_db_blocker):
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "backend.camps.migrations.0006_shorter_offer_and_documents_texts")
    old, new = migration.OLD_NEW["camp_offer"]
    offer = SmsTemplate.objects.get(code="camp_offer", language="pl")
    SmsTemplate.objects.filter(pk=offer.pk).update(body=old)
    documents = SmsTemplate.objects.get(code="camp_documents", language="pl")
    SmsTemplate.objects.filter(pk=documents.pk).update(body="Edited by a coordinator {camp}")
    migration.shorten(apps, None)
    assert SmsTemplate.objects.get(pk=offer.pk).body == new
    assert SmsTemplate.objects.get(pk=documents.pk).body == "Edited by a coordinator {camp}"
