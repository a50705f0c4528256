"""Light pages (issue 17, items 6-7): bytes transferred as production serves them (hashed,
compressed static files through WhiteNoise, gzipped pages), measured by Chromium with a cold
cache: /scan at most 60 KB before the camera starts, a list page at most 100 KB; the ZXing
decoder is not fetched until the camera starts without BarcodeDetector."""

import re
from urllib.request import urlopen

import pytest

from backend.common.page_weight import login_state, production_static, serve, weigh
from tests.browser.conftest import BASE_ARGS, CHROMIUM

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
KB = 1024


@pytest.fixture
def production(make_household, users):
    for i in range(25):  # a full first page of the list
        make_household(f"Kowalska{i}", "Maria", phone=f"+4860200{i:04d}")
    with production_static(), serve() as url:
        yield url


def test_scan_and_a_list_page_are_light(playwright_instance, production):
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                  args=BASE_ARGS)
    state = login_state(browser, production, "coordinator", "secret-pass-123")
    # no service worker: every byte comes over the network, as on the first visit
    context = browser.new_context(storage_state=state, service_workers="block",
                                  viewport={"width": 390, "height": 844}, locale="pl-PL")
    scan = weigh(context, f"{production}/scan")
    households = weigh(context, f"{production}/households/")
    browser.close()
    with urlopen(f"{production}/sw.js") as worker:  # hashed names in the worker's shell list
        body = worker.read().decode()
    assert re.search(r'"/static/js/offline\.[0-9a-f]{12}\.js"', body), body[:600]

    names = " ".join(scan["files"])
    assert "zxing" not in names, "the decoder loads only when the camera starts"
    assert any(".br" not in n and "pico" in n for n in scan["files"])
    # hashed names: the long cache is safe
    assert all(n.rsplit("/", 1)[-1].count(".") >= 2 for n in scan["files"] if "/static/" in n)
    assert scan["bytes"] <= 60 * KB, scan
    assert households["bytes"] <= 100 * KB, households
