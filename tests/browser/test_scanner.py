"""The scanner in real Chromium: a label's QR through the fake camera, and a wedge scanner.

Chromium on Linux has no BarcodeDetector, so the camera test exercises the vendored
ZXing WASM fallback, loaded from /static/.
"""

import re

import pytest
from PIL import Image

from backend.accounts.models import Site
from backend.inventory import qr, selectors, services
from backend.inventory.models import Category, Item, Location, Movement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "secret-pass-123")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def label_qr_image(url: str, box: int = 8) -> Image.Image:
    """The QR exactly as the label PDF draws it (same matrix), with a quiet zone."""
    matrix = qr.matrix(url)
    size = len(matrix) + 8
    image = Image.new("L", (size, size), 255)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                image.putpixel((x + 4, y + 4), 0)
    return image.resize((size * box, size * box), Image.NEAREST)


def _frame(url: str, width=640, height=480) -> bytes:
    code = label_qr_image(url)
    canvas = Image.new("L", (width, height), 255)
    side = min(code.size[0], height - 20)
    code = code.resize((side, side), Image.NEAREST)
    canvas.paste(code, ((width - side) // 2, (height - side) // 2))
    chroma = bytes([128]) * (width // 2 * height // 2)
    return b"FRAME\n" + canvas.tobytes() + chroma + chroma


def write_y4m(path, urls, frames_each=20, width=640, height=480):
    """YUV4MPEG2 C420: Chromium plays it in a loop as the camera."""
    with open(path, "wb") as out:
        out.write(f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode())
        for url in urls:
            frame = _frame(url, width, height)
            for _ in range(frames_each):
                out.write(frame)


@pytest.fixture
def stock(live_server, settings, users):
    settings.BASE_URL = live_server.url
    site = Site.objects.create(name="Magazyn Zgierska", kind=Site.Kind.WAREHOUSE,
                               street="ul. Zgierska 221", postal_code="91-495", city="Łódź")
    hall = services.create_location(None, site, "Hala", Location.Kind.WAREHOUSE)
    a1 = services.create_location(None, site, "A-1", Location.Kind.SHELF, hall)
    b3 = services.create_location(None, site, "B-3", Location.Kind.SHELF, hall)
    item = Item.objects.create(name="Ryż", category=Category.objects.create(name="Żywność"),
                               unit="kg", perishable=True)
    lot = services.create_lot(None, item, a1, 12, expiry="2027-01-31")
    return {"lot": lot, "a1": a1, "b3": b3}


def test_camera_scan_opens_the_lot_and_scanning_the_shelf_moves_it(
        launch_browser, live_server, stock, tmp_path):
    lot_tag, shelf_tag = selectors.active_tag(stock["lot"]), selectors.active_tag(stock["b3"])
    video = tmp_path / "camera.y4m"
    write_y4m(video, [lot_tag.url, shelf_tag.url])
    browser = launch_browser(["--use-fake-device-for-media-stream",
                              f"--use-file-for-fake-video-capture={video}",
                              "--use-fake-ui-for-media-stream"])
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="pl-PL",
                                  has_touch=True, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(30000)
    wasm_requests = []
    page.on("request", lambda r: wasm_requests.append(r.url) if ".wasm" in r.url else None)
    login(page, live_server, "warehouse_volunteer")
    page.goto(f"{live_server.url}/scan")
    assert page.evaluate("'BarcodeDetector' in window") is False  # the fallback is tested
    page.click("#camera-toggle")
    page.wait_for_selector('#scan-result [data-result="lot"]')
    assert "Ryż" in page.inner_text("#scan-result")
    assert wasm_requests and all(u.startswith(live_server.url + "/static/")
                                 for u in wasm_requests)
    page.click("#scan-result [data-pending-lot]")  # Move → now scan the target shelf
    page.wait_for_selector('#scan-result [data-result="moved"]', state="attached")
    page.click("#camera-toggle")
    move = Movement.objects.get(kind="move")
    assert (move.lot_id, move.from_location_id, move.to_location_id) == (
        stock["lot"].pk, stock["a1"].pk, stock["b3"].pk)
    page.goto(f"{live_server.url}/stock/lots/{stock['lot'].pk}/")
    assert page.locator('tr.movement[data-kind="move"]').count() == 1
    context.close()


def test_keyboard_wedge_scan_and_move(phone_page, live_server, stock):
    page = phone_page
    login(page, live_server, "warehouse_volunteer")
    page.goto(f"{live_server.url}/scan")
    lot_code = selectors.active_tag(stock["lot"]).short_code
    page.locator("#scan-code").press_sequentially(lot_code.lower())  # a wedge types, then Enter
    page.keyboard.press("Enter")
    page.wait_for_selector('#scan-result [data-result="lot"]')
    assert page.evaluate("document.activeElement.id") == "scan-code"  # ready for the next scan
    page.click("#scan-result [data-pending-lot]")
    page.locator("#scan-code").press_sequentially(selectors.active_tag(stock["b3"]).short_code)
    page.keyboard.press("Enter")
    page.wait_for_selector('#scan-result [data-result="moved"]')
    assert Movement.objects.filter(kind="move", to_location=stock["b3"]).count() == 1
    page.locator("#scan-code").fill("NIEZNANY-KOD")
    page.keyboard.press("Enter")
    page.wait_for_selector('#scan-result [data-result="unknown"]')
    # issue 2 kg from the shelf it is on now
    page.locator("#scan-code").fill(lot_code)
    page.keyboard.press("Enter")
    page.wait_for_selector('#scan-result [data-result="lot"]')
    issue_form = page.locator("#scan-result form:has(input[value=issue])")
    issue_form.locator("input[name=quantity]").fill("2")
    issue_form.locator("button").click()
    page.wait_for_selector('#scan-result [data-result="done"]')
    assert Movement.objects.filter(kind="issue", quantity=2).count() == 1


def test_phone_donation_intake_of_three_lines_and_its_labels(phone_page, live_server, stock):
    page = phone_page
    login(page, live_server, "warehouse_volunteer")
    pasta = Item.objects.create(name="Makaron", category=Category.objects.first(), unit="kg",
                                perishable=True)
    fridge = Item.objects.create(name="Lodówka", category=Category.objects.first(),
                                 individual=True)
    page.goto(f"{live_server.url}/donations/new/")
    page.select_option("select[name=site]", str(stock["a1"].site_id))
    for n, (item, quantity, expiry, shelf) in enumerate([
            (stock["lot"].item, "10", "2027-03-01", stock["a1"]),
            (pasta, "4,5", "2027-04-01", stock["a1"]), (fridge, "1", "", stock["b3"])]):
        page.select_option(f"select[name=lines-{n}-item]", str(item.pk))
        page.fill(f"input[name=lines-{n}-quantity]", quantity)
        if expiry:
            page.fill(f"input[name=lines-{n}-expiry]", expiry)
        page.select_option(f"select[name=lines-{n}-location]", str(shelf.pk))
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/donations/\d+/$"))
    assert page.locator("text=Lodówka").first.is_visible()
    href = page.locator("a[href*='labels.pdf']").first.get_attribute("href")
    pdf = page.request.get(f"{live_server.url}{href}")
    assert pdf.ok and pdf.body()[:4] == b"%PDF"
    assert Movement.objects.filter(kind="receive").count() == 4  # + the fixture's lot
    assert selectors.stock_check() == []
