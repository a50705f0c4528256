"""At the meeting point on a phone (390x844): one child boards by the fake camera (the QR
from the bus list), another by the typed SMS code; a second scan shows the loud "already
on board" card; the board of who is missing updates. Screenshots: /tmp/shots/camps."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from backend.camps import qualification, services
from backend.camps.models import CampSession
from backend.distribution.models import Participant

from .camera import qr_y4m
from .test_people_flow import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/tmp/shots/camps")


def test_bus_check_in_by_camera_and_by_typed_code(launch_browser, live_server, users, site,
                                                  coordinator, make_household, tmp_path):
    camp = services.create_camp(coordinator, name="Kolonie 2027", year=2027, site=site)
    session = services.add_session(coordinator, camp, CampSession(
        name="Turnus I — Łeba", place="Łeba", start=dt.date(2027, 7, 1),
        end=dt.date(2027, 7, 11), min_age=6, max_age=14, capacity=5,
        cost_per_child=Decimal("1800"), meeting_point="Parking przy MOPS"))
    home = make_household("Wiśniewska", "Ewa", phone="+48601555111", members=[
        {"first_name": "Hania", "last_name": "Wiśniewska", "relation": "child",
         "birth_date": dt.date(2018, 5, 1)},
        {"first_name": "Staś", "last_name": "Wiśniewski", "relation": "child",
         "birth_date": dt.date(2016, 5, 1)},
        {"first_name": "Ola", "last_name": "Wiśniewska", "relation": "child",
         "birth_date": dt.date(2015, 5, 1)}])
    for child in home.members.filter(relation="child"):
        services.file_application(coordinator, camp, child=child, preferences=[session.pk],
                                  consent_data=True)
    qualification.qualify(coordinator, camp, seed="bus")
    hania = Participant.objects.get(first_name="Hania")
    stas = Participant.objects.get(first_name="Staś")

    video = qr_y4m(hania.code, tmp_path / "hania.y4m")
    browser = launch_browser([f"--use-file-for-fake-video-capture={video}",
                              "--use-fake-device-for-media-stream",
                              "--use-fake-ui-for-media-stream"])
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="pl-PL",
                                  has_touch=True, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(20000)
    login(page, live_server, "volunteer")
    page.goto(f"{live_server.url}/camps/{camp.pk}/sessions/{session.pk}/bus/")
    assert page.locator("[data-testid=on-board]").inner_text() == "0"
    page.click("#camera-toggle")
    page.wait_for_selector(".checkin-card[data-code=ok]")
    assert page.locator(".first-name").inner_text() == "Hania"
    assert "Wiśniewska" not in page.locator(".checkin-card").inner_text()
    page.click("#camera-toggle")  # camera off
    page.fill("#scan-code", stas.code)
    page.click("button.scan-go")
    page.wait_for_selector(".checkin-card[data-code=ok] >> text=Staś")
    assert page.locator("[data-testid=on-board]").inner_text() == "2"
    assert "Ola" in page.locator(".bus-missing").inner_text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "bus-phone.png"), full_page=True)
    page.fill("#scan-code", stas.code)  # the same child again
    page.click("button.scan-go")
    page.wait_for_selector(".checkin-card[data-code=already_checked_in]")
    assert "JUŻ W AUTOBUSIE" in page.locator(".checkin-card").inner_text()
    page.screenshot(path=str(SHOTS / "bus-already-phone.png"), full_page=True)
    context.close()

    assert sorted(Participant.objects.values_list("status", flat=True)) == [
        "checked_in", "checked_in", "registered"]

    desktop = browser.new_context(viewport={"width": 1280, "height": 900}, locale="pl-PL")
    page = desktop.new_page()
    login(page, live_server, "coordinator")
    for name, path in (("camp", f"/camps/{camp.pk}/"),
                       ("applications", f"/camps/{camp.pk}/applications/"),
                       ("qualification", f"/camps/{camp.pk}/qualification/"),
                       ("session", f"/camps/{camp.pk}/sessions/{session.pk}/"),
                       ("report", f"/camps/{camp.pk}/report/")):
        page.goto(live_server.url + path)
        page.screenshot(path=str(SHOTS / f"{name}-desktop.png"), full_page=True)
    desktop.close()
