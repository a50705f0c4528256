"""A volunteer on a phone (390x844) scans a package's QR with the camera and hands it over."""

import datetime as dt

import pytest
from django.utils import timezone

from backend.distribution import services as engine
from backend.distribution.models import Enrolment, PickupSlot
from backend.drives import services
from backend.drives.models import Target
from backend.inventory import services as stock
from backend.inventory.models import Item
from backend.inventory.selectors import active_tag
from tests.drives.conftest import distributing, households, store  # noqa: F401 - fixtures

from .camera import qr_y4m
from .test_people_flow import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_volunteer_scans_a_package_and_hands_it_over(launch_browser, live_server, users, site,
                                                     coordinator, tmp_path, request):
    goods = request.getfixturevalue("store")
    make_homes = request.getfixturevalue("households")
    package = Item.objects.create(name="Paczka żywnościowa A", category=goods["rice"].category,
                                  unit="opak")
    drive = services.create_drive(coordinator, name="Paczki", kind="food", sites=[site])
    services.save_target(coordinator, drive, Target(item=package, quantity=2))
    homes = make_homes(1)
    services.enrol_households(coordinator, drive, homes)
    lot = stock.create_lot(None, package, goods["shelf"], 1)
    services.commit(coordinator, drive)
    PickupSlot.objects.create(distribution=drive.distribution, site=site,
                              date=timezone.localdate(), start=dt.time(10), end=dt.time(12),
                              capacity=5)
    engine.assign_slots(coordinator, drive.distribution)
    distributing(drive, coordinator)
    users["volunteer"].first_name = "Anna"
    users["volunteer"].save()

    video = qr_y4m(active_tag(lot).url, tmp_path / "package.y4m")
    browser = launch_browser([f"--use-file-for-fake-video-capture={video}",
                              "--use-fake-device-for-media-stream",
                              "--use-fake-ui-for-media-stream"])
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="pl-PL",
                                  has_touch=True, is_mobile=True)
    # what the page asks of the phone's vibration motor, to check the loud card
    context.add_init_script("window.__vibrations = [];"
                            "navigator.vibrate = function (p) { window.__vibrations.push(p);"
                            " return true; };")
    page = context.new_page()
    page.set_default_timeout(20000)
    login(page, live_server, "volunteer")
    page.goto(f"{live_server.url}/drives/{drive.pk}/handover/")
    page.click("#camera-toggle")
    card = page.locator(".handover-card")
    card.wait_for()
    assert page.locator(".first-name").inner_text() == "Jan"
    text = card.inner_text()
    assert "Paczka żywnościowa A" in text and "Nowak0" not in text and "Zgierska" not in text
    page.click("button.confirm-handover")
    page.wait_for_selector(".handover-card[data-code=ok]")
    page.click("#camera-toggle")  # camera off: the same label must not be scanned again
    enrolment = Enrolment.objects.get(distribution=drive.distribution)
    assert enrolment.status == Enrolment.Status.HANDED_OVER
    page.fill("#scan-code", enrolment.pickup_code)
    page.click("button.scan-go")
    loud = page.locator(".handover-card[data-code=already_handed_over]")
    loud.wait_for()
    assert page.locator("button.confirm-handover").count() == 0
    text = page.locator("#scan-result").inner_text()  # the container stays; cards swap in it
    handed = timezone.localtime(enrolment.handovers.get().at)
    assert "JUŻ WYDANO" in text and f"{handed:%d.%m %H:%M}, wydał(a) Anna" in text
    background = page.evaluate("getComputedStyle(document.querySelector("
                               "'#scan-result .handover-card')).backgroundColor")
    assert background == "rgb(185, 28, 28)"  # the red card, not a plain white one
    page.wait_for_function("document.body.dataset.alert === 'already'")
    assert [400, 120, 400, 120, 400] in page.evaluate("window.__vibrations")
    box = page.locator("#scan-result").bounding_box()
    assert box["width"] <= 390 and box["y"] < 844  # on the phone's screen
    context.close()
