"""The bulk-action confirmation at 390x844 and desktop (count, example, segments, cost,
nothing queued until confirmed) and a driver completing a delivery on a phone."""

import datetime as dt
import os

import pytest

from backend.accounts.models import Site
from backend.distribution import services as engine
from backend.distribution.models import Enrolment, HandOver, PickupSlot
from backend.drives import delivery, services
from backend.drives.models import Target
from backend.inventory import services as stock
from backend.inventory.models import Category, Item, Location
from backend.notifications.models import OutboxMessage
from tests.drives.conftest import distributing

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("WSPOLNIE_SCREENSHOTS", "")


def login(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "secret-pass-123")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


@pytest.fixture
def food_drive(users, site, make_household, settings):
    settings.SMS_QUIET_HOURS = ""
    settings.SMS_SENDER_NAME = "MOPS Zgorzelec"
    coordinator = users["coordinator"]
    store = Site.objects.create(name="Magazyn", kind=Site.Kind.WAREHOUSE, street="ul. Zgierska 221",
                                postal_code="91-495", city="Łódź")
    shelf = stock.create_location(None, store, "Hala", Location.Kind.WAREHOUSE)
    rice = Item.objects.create(name="Ryż", category=Category.objects.create(name="Żywność"),
                               unit="kg")
    stock.create_lot(None, rice, shelf, 100)
    drive = services.create_drive(coordinator, name="Paczki grudzień", kind="food",
                                  sites=[site])
    services.save_target(coordinator, drive, Target(item=rice, quantity=100, amount=2))
    homes = [make_household(f"Ślusarczyk{i}", "Małgorzata", phone=f"+4860100{i:04d}")
             for i in range(5)]
    services.enrol_households(coordinator, drive, homes)
    services.advance(coordinator, drive)
    services.commit(coordinator, drive)
    PickupSlot.objects.create(distribution=drive.distribution, site=site,
                              date=dt.date(2026, 12, 14), start=dt.time(10), end=dt.time(12),
                              capacity=10)
    return drive


def _no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.parametrize("viewport", [(390, 844), (1366, 900)], ids=["phone", "desktop"])
def test_assign_confirmation_page(launch_browser, live_server, food_drive, viewport):
    browser = launch_browser()
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]},
                                  locale="pl-PL")
    page = context.new_page()
    page.set_default_timeout(15000)
    login(page, live_server, "coordinator")
    page.goto(f"{live_server.url}/drives/{food_drive.pk}/")
    page.click("text=Przydziel terminy i wyślij SMS")
    page.wait_for_selector("[data-testid=confirm-count]")
    assert "5 SMS" in page.text_content("[data-testid=confirm-count]")
    example = page.text_content("[data-testid=confirm-example]")
    assert example.startswith("MOPS Zgorzelec: Malgorzata, odbior: Ryz")
    segments = page.text_content("[data-testid=confirm-segments]")
    assert "GSM-7" in segments and "0,80 zł" in segments
    assert _no_sideways_scroll(page)
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/confirm-{viewport[0]}.png", full_page=True)
    assert not OutboxMessage.objects.exists()
    page.click("[data-testid=confirm-button]")
    page.wait_for_url(f"**/drives/{food_drive.pk}/")
    assert OutboxMessage.objects.filter(purpose="pickup_notice").count() == 5
    context.close()


def test_driver_completes_a_delivery_on_a_phone(phone_page, live_server, users, food_drive):
    food_drive = distributing(food_drive, users["coordinator"])  # deliveries: hand-over stage
    enrolment = Enrolment.objects.filter(distribution=food_drive.distribution).first()
    engine.set_delivery(users["coordinator"], enrolment, True)
    run = delivery.plan_run(users["coordinator"], food_drive, users["volunteer"],
                            dt.date.today(), delivery.deliverable(food_drive))
    stop = run.stops.get()
    stop.enrolment.refresh_from_db()
    page = phone_page
    login(page, live_server, "volunteer")
    page.goto(f"{live_server.url}/drives/deliveries/mine/")
    page.fill(f"#stop-{stop.pk} input[name=code]", stop.enrolment.pickup_code)
    page.click(f"#stop-{stop.pk} button[type=submit] >> nth=0")
    page.wait_for_selector(f"#stop-{stop.pk}[data-stop=delivered]")
    assert _no_sideways_scroll(page)
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/delivery-390.png", full_page=True)
    assert HandOver.objects.get().delivered
