"""Equipment exchange in real Chromium: a resident offers a wardrobe from a phone;
a coordinator confirms a suggested match (htmx swap, no page reload)."""

import pytest
from django.utils import timezone

from backend.accounts.models import Site
from backend.exchange import services
from backend.exchange.models import Match, Offer
from backend.inventory import services as stock
from backend.inventory.models import Category, Item, Location
from backend.inventory.selectors import active_tag
from backend.notifications.models import OutboxMessage
from backend.people import services as people_services
from tests.exchange.conftest import jpeg_with_exif

from .test_people_flow import login
from .test_scanner import write_y4m

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def furniture(db):
    category = Category.objects.create(name="Meble", purpose=Category.Purpose.EQUIPMENT)
    Item.objects.create(name="Szafa", category=category, individual=True)
    return category


def test_resident_offers_a_wardrobe_from_a_phone(phone_page, live_server, furniture, tmp_path):
    photo = tmp_path / "szafa.jpg"
    photo.write_bytes(jpeg_with_exif())
    page = phone_page
    page.goto(f"{live_server.url}/exchange/oddaj/")
    page.select_option("select[name=category]", str(furniture.pk))
    page.fill("input[name=title]", "Szafa dwudrzwiowa")
    page.fill("input[name=width_cm]", "100")
    page.fill("input[name=donor_name]", "Jan Darczyńca")
    page.fill("input[name=donor_phone]", "603 000 003")
    page.fill("input[name=pickup_address]", "ul. Piotrkowska 1, Łódź")
    page.set_input_files("input[name=photos]", str(photo))
    box = page.locator("input[name=website]").bounding_box()
    assert box is None or box["x"] + box["width"] < 0  # the honeypot: off screen
    page.check("input[name=consent]")
    page.click("text=Wyślij ofertę")
    page.wait_for_selector("#thanks")
    offer = Offer.objects.get()
    assert offer.source == "public" and offer.photos.count() == 1


def test_coordinator_confirms_a_suggested_match(desktop_page, live_server, users, site,
                                                furniture):
    coordinator = users["coordinator"]
    offer = services.create_offer(coordinator, {
        "category": furniture, "title": "Szafa dwudrzwiowa", "condition": "good",
        "donor_name": "Jan", "donor_phone": "+48603000003", "pickup_address": "ul. A 1"})
    services.verify(coordinator, offer)
    services.publish(coordinator, offer)
    requests = []
    for n, (name, urgency) in enumerate([("Kowalska", 2), ("Nowak", 4)], start=1):
        household = people_services.create_household(coordinator, {
            "site": site, "city": "Łódź", "street": "ul. Zgierska", "building": str(n)}, [{
                "first_name": "Anna", "last_name": name, "relation": "head",
                "phone": f"+4860200000{n}", "sms_consent": True, "sms_consent_source": "paper"}])
        requests.append(services.create_request(coordinator, {
            "household": household, "category": furniture, "needs": f"Szafa {name}",
            "urgency": urgency, "justification": "Potrzebna"}))
    page = desktop_page
    login(page, live_server, "coordinator")
    page.goto(f"{live_server.url}/exchange/offers/{offer.pk}/")
    rows = page.locator("#suggestions tr[data-request]")
    assert rows.count() == 2
    assert rows.first.get_attribute("data-request") == str(requests[1].pk)  # most urgent
    page.evaluate("window.__notReloaded = true")
    rows.first.locator("button.confirm-match").click()
    page.wait_for_selector("#live-match")
    assert page.evaluate("window.__notReloaded") is True  # swapped by htmx
    assert "Szafa Nowak" in page.locator("#live-match").inner_text()
    assert "czeka na odpowiedź rodziny" in page.locator("#live-match").inner_text()
    match = Match.objects.get()
    assert match.request == requests[1]
    assert OutboxMessage.objects.get(purpose="exchange_offer").phone == "+48602000002"
    assert Site.objects.count() == 1


def test_driver_confirms_pick_up_by_camera_and_delivery_by_typed_code(
        launch_browser, live_server, users, site, furniture, tmp_path, settings):
    """The unit's QR through Chromium's fake camera (ZXing WASM fallback), then the short
    code typed by hand; the driver sees only this task's addresses."""
    settings.BASE_URL = live_server.url
    coordinator, driver = users["coordinator"], users["volunteer"]
    offer = services.create_offer(coordinator, {
        "category": furniture, "title": "Szafa dwudrzwiowa", "condition": "good",
        "donor_name": "Jan", "donor_phone": "+48603000003",
        "pickup_address": "ul. Piotrkowska 1, Łódź"})
    services.verify(coordinator, offer)
    household = people_services.create_household(coordinator, {
        "site": site, "city": "Łódź", "street": "ul. Zgierska", "building": "12"}, [{
            "first_name": "Anna", "last_name": "Nowak", "relation": "head",
            "phone": "+48602000001", "sms_consent": True, "sms_consent_source": "paper"}])
    request = services.create_request(coordinator, {
        "household": household, "category": furniture, "needs": "Szafa", "urgency": 3,
        "justification": "Potrzebna"})
    match = services.confirm_match(coordinator, offer, request)
    services.answer(match, "confirm")
    warehouse_site = Site.objects.create(name="Magazyn", kind=Site.Kind.WAREHOUSE,
                                         street="ul. Zgierska 221", postal_code="91-495",
                                         city="Łódź")
    hall = stock.create_location(None, warehouse_site, "Hala", Location.Kind.WAREHOUSE)
    task = services.plan_transport(coordinator, match, "direct", driver, timezone.localdate(),
                                   hall)
    offer.refresh_from_db()
    tag = active_tag(offer.lot)
    video = tmp_path / "camera.y4m"
    write_y4m(video, [tag.url])
    browser = launch_browser(["--use-fake-device-for-media-stream",
                              f"--use-file-for-fake-video-capture={video}",
                              "--use-fake-ui-for-media-stream"])
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="pl-PL",
                                  has_touch=True, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(30000)
    login(page, live_server, "volunteer")
    page.goto(f"{live_server.url}/exchange/runs/")
    card = page.locator(f"#task-{task.pk}")
    assert "ul. Piotrkowska 1" in card.inner_text() and "ul. Zgierska 12" in card.inner_text()
    card.locator("[data-camera]").click()
    page.wait_for_selector(f"#task-{task.pk} .task-picked_up")
    assert "Odebrano." in page.locator(f"#task-{task.pk}").inner_text()
    page.locator(f"#task-{task.pk} input[name=code]").fill(tag.short_code.lower())
    page.locator(f"#task-{task.pk} button[type=submit]").click()
    page.wait_for_selector(f"#task-{task.pk} .task-done")
    offer.refresh_from_db()
    assert offer.status == "delivered"
    context.close()
