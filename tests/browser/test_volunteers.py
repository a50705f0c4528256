"""A volunteer on a phone (390x844): logs in by the one-time link from the SMS, signs up for
a shift with one tap, then checks in by scanning the shift's QR with the camera."""

import datetime as dt

import pytest
from django.utils import timezone

from backend.notifications.models import OutboxMessage
from backend.volunteers import services
from backend.volunteers.models import ShiftSignup

from .camera import qr_y4m

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_volunteer_signs_up_and_checks_in_by_scanning(launch_browser, live_server, settings,
                                                      tmp_path, coordinator):
    settings.VOLUNTEER_SIGNUP_CUTOFF_HOURS = 0
    now = timezone.localtime()
    if now.hour >= 21:  # pragma: no cover - the shift below must not cross midnight
        pytest.skip("late evening: the test shift would cross midnight")
    profile = services.apply({"first_name": "Wiktoria", "last_name": "Wójcik",
                              "phone": "601 555 101", "birth_date": dt.date(1996, 4, 2)})
    services.accept(coordinator, profile)
    shift = services.create_shift(
        coordinator, kind="warehouse", title="Sortowanie darów", date=now.date(),
        start_time=(now + dt.timedelta(minutes=30)).time().replace(second=0, microsecond=0),
        end_time=(now + dt.timedelta(hours=2)).time().replace(second=0, microsecond=0),
        place="Magazyn, rampa 2",
        roles=[{"name": "Pakowanie", "minimum": 2, "maximum": 4, "required_skills": []}])[0]
    link = OutboxMessage.objects.get(purpose="volunteer_welcome").body.split(" ")[-1]
    path = link[link.index("/volunteers/login/"):]

    video = qr_y4m(shift.checkin_url(), tmp_path / "shift.y4m")
    browser = launch_browser([f"--use-file-for-fake-video-capture={video}",
                              "--use-fake-device-for-media-stream",
                              "--use-fake-ui-for-media-stream"])
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="pl-PL",
                                  has_touch=True, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(20000)
    page.goto(live_server.url + path)
    page.click("#login-now")
    page.wait_for_url(f"{live_server.url}/volunteers/me/")
    card = page.locator(f"#open-shifts [data-role='{shift.roles.get().pk}']")
    assert "Sortowanie darów" in card.inner_text()
    # Nothing wider than the phone: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    card.locator("button").click()
    page.wait_for_selector("#my-signups [data-signup]")
    signup = ShiftSignup.objects.get(volunteer=profile)
    assert signup.status == "confirmed" and signup.role.name == "Pakowanie"

    page.click("#go-scan")
    page.wait_for_url(f"{live_server.url}/volunteers/me/scan/")
    page.click("#camera-toggle")
    page.wait_for_selector("#scan-outcome[data-code=checked_in]")
    page.click("#camera-toggle")  # camera off: the same QR must not check out at once
    signup.refresh_from_db()
    assert signup.checked_in_at is not None and signup.checked_out_at is None
    context.close()
