import pytest

from tests.fakes.twilio_server import ACCOUNT_SID, AUTH_TOKEN, FakeTwilio


@pytest.fixture(autouse=True)
def _sms_settings(settings):
    settings.SMS_BACKEND = "console"
    settings.SMS_QUIET_HOURS = ""
    settings.SMS_RATE_PER_SECOND = 0
    settings.SMS_PRICE_PER_SEGMENT = "0.16"
    settings.BASE_URL = "https://wspolnie.example.org"
    settings.TWILIO_ACCOUNT_SID = ACCOUNT_SID
    settings.TWILIO_AUTH_TOKEN = AUTH_TOKEN
    settings.TWILIO_FROM = "+48500000000"
    settings.TWILIO_MESSAGING_SERVICE_SID = ""
    settings.TWILIO_API_BASE = ""


@pytest.fixture
def fake_twilio(settings):
    fake = FakeTwilio().start()
    settings.SMS_BACKEND = "twilio"
    settings.TWILIO_API_BASE = fake.base_url
    settings.TWILIO_TIMEOUT = 2
    yield fake
    fake.stop()
