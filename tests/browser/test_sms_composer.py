"""The template editor counts segments live: Polish letters 2, 'bez polskich znaków' 1
(on by default for a new text)."""

import pytest

from backend.notifications.models import SmsTemplate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BODY = ("Dzień dobry {first_name}! Zapraszamy po odbiór paczki żywnościowej w sobotę 12.12 "
        "w godz. 10-12, ul. Zgierska 221.")


def test_live_segment_count_while_typing(desktop_page, live_server, users):
    page = desktop_page
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "coordinator")
    page.fill("input[name=password]", "secret-pass-123")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/sms/templates/new/")
    page.fill("input[name=code]", "paczka")
    page.fill("input[name=name]", "Paczka")
    page.fill("textarea[name=body]", BODY)
    assert page.is_checked("input[name=transliterate]")  # a new text: GSM-7 by default
    page.locator("#analysis", has_text="GSM-7").wait_for()
    page.uncheck("input[name=transliterate]")
    page.locator("#analysis", has_text="UCS-2").wait_for()  # no eval: the CSP forbids it
    assert "Segmenty: 2" in page.text_content("#analysis")
    page.check("input[name=transliterate]")
    page.locator("#analysis", has_text="GSM-7").wait_for()
    assert "Segmenty: 1" in page.text_content("#analysis")
    assert "Stanislaw" in page.text_content("#analysis")
    page.click("main button[type=submit]")
    page.wait_for_url("**/sms/templates/")
    assert SmsTemplate.objects.get(code="paczka").transliterate
