"""At the Mikołajki door on a phone (390x844): one child checked in by the fake camera
(the QR from the printed list), another by the typed SMS code; the gift is issued in the
same step; a second scan shows the loud "już odebrano" card."""

import datetime as dt

import pytest

from backend.distribution.models import Participant
from backend.distribution.services import contact_for
from backend.events import services
from backend.events.models import Event, GiftBand, Session
from backend.inventory import services as stock
from backend.inventory.models import Balance, Category, Item, Location
from backend.inventory.selectors import stock_check

from .camera import qr_y4m
from .test_people_flow import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_check_in_by_camera_and_by_typed_code(launch_browser, live_server, users, site,
                                              coordinator, make_household, tmp_path):
    shelf = stock.create_location(None, site, "Magazyn prezentów", Location.Kind.WAREHOUSE)
    game = Item.objects.create(name="Gra planszowa", unit="szt",
                               category=Category.objects.create(name="Prezenty"))
    stock.create_lot(None, game, shelf, 5)
    event = services.create_event(coordinator, name="Mikołajki", kind=Event.Kind.MIKOLAJKI,
                                  date=dt.date(2026, 12, 6), site=site)
    event.bands.update(source=GiftBand.Source.STOCK, item=game)
    services.advance(coordinator, event)
    session = services.add_session(coordinator, event, Session(
        name="Rano", start=dt.time(10), end=dt.time(12), capacity=10))
    home = make_household("Wiśniewska", "Ewa", phone="+48601555111", members=[
        {"first_name": "Hania", "last_name": "Wiśniewska", "relation": "child",
         "birth_date": dt.date(2019, 5, 1)},
        {"first_name": "Staś", "last_name": "Wiśniewski", "relation": "child",
         "birth_date": dt.date(2016, 5, 1)}])
    hania, stas = sorted(services.register_people(
        coordinator, event, session, [m for m in home.members.all() if m.relation == "child"],
        household=home, contact=contact_for(home)), key=lambda p: p.first_name)
    assert Balance.objects.get(lot__item=game).reserved == 2

    video = qr_y4m(hania.code, tmp_path / "hania.y4m")  # the QR printed on the door list
    browser = launch_browser([f"--use-file-for-fake-video-capture={video}",
                              "--use-fake-device-for-media-stream",
                              "--use-fake-ui-for-media-stream"])
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="pl-PL",
                                  has_touch=True, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(20000)
    login(page, live_server, "volunteer")
    page.goto(f"{live_server.url}/events/{event.pk}/checkin/")
    page.click("#camera-toggle")
    page.wait_for_selector(".checkin-card[data-code=ok]")
    assert page.locator(".first-name").inner_text() == "Hania"
    card = page.locator(".checkin-card").inner_text()
    assert "Gra planszowa" in card and "Wiśniewska" not in card
    page.click("#camera-toggle")  # camera off
    page.screenshot(path=str(tmp_path / "checkin-ok.png"))

    page.fill("#scan-code", stas.code)
    page.click("button.scan-go")
    page.wait_for_selector(".checkin-card[data-code=ok] >> text=Staś")
    page.fill("#scan-code", stas.code)  # the same child again
    page.click("button.scan-go")
    page.wait_for_selector(".checkin-card[data-code=already_checked_in]")
    assert "JUŻ ODEBRANO" in page.locator(".checkin-card").inner_text()
    page.screenshot(path=str(tmp_path / "checkin-already.png"))
    context.close()

    assert set(Participant.objects.values_list("status", flat=True)) == {"checked_in"}
    balance = Balance.objects.get(lot__item=game)
    assert (balance.quantity, balance.reserved) == (3, 0)
    assert stock_check() == []
