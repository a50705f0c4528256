"""Keyboard, focus, touch and contrast behaviours of the layout (issue 17 item 9), in Chromium."""

import pytest

from .conftest import demo_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Pages volunteers use with a phone in one hand (magazynier: warehouse; wolontariusz: shifts).
VOLUNTEER_PAGES = {"wolontariusz": ["/", "/volunteers/me/", "/volunteers/me/scan/"],
                   "magazynier": ["/", "/scan", "/stock/"]}
TARGETS = ("button, [role=button], select, summary, a.lang-btn, "
           "input:not([type=hidden]):not([type=checkbox]):not([type=radio])")


def _luminance(rgb: str) -> float:
    values = [int(v) / 255 for v in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3]]
    lin = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in values]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_skip_link_moves_focus_to_main(phone_page, live_server, demo_data):
    page = phone_page
    demo_login(page, live_server.url, "koordynator")
    page.goto(live_server.url + "/")  # no autofocus field: Tab starts at the document's top
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_focus_ring_is_at_least_2px_with_3_to_1_contrast(desktop_page, live_server, demo_data):
    page = desktop_page
    demo_login(page, live_server.url, "koordynator")
    page.goto(live_server.url + "/")
    checked = 0
    for _ in range(8):  # skip link, brand, menu, language buttons, user menu, ...
        page.keyboard.press("Tab")
        style = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
            return [document.activeElement.tagName, s.outlineStyle, s.outlineWidth,
                    s.outlineColor]; }""")
        tag, outline_style, width, color = style
        assert outline_style != "none" and float(width.rstrip("px")) >= 2, style
        assert _contrast(color, "rgb(255, 255, 255)") >= 3, style
        checked += 1
    assert checked == 8


def test_escape_closes_the_menus(phone_page, live_server, demo_data):
    page = phone_page
    demo_login(page, live_server.url, "koordynator")
    for menu in (".user-menu", ".menu-modules"):
        page.click(f"{menu} summary")
        assert page.locator(f"{menu}[open]").count() == 1
        page.keyboard.press("Escape")
        assert page.locator(f"{menu}[open]").count() == 0
        assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    # A tap elsewhere on the page closes an open menu too.
    page.click(".user-menu summary")
    page.mouse.click(20, 700)
    assert page.locator(".user-menu[open]").count() == 0


@pytest.mark.parametrize("username", sorted(VOLUNTEER_PAGES))
def test_touch_targets_on_volunteer_pages_are_44px(username, phone_page, live_server,
                                                   demo_data):
    page = phone_page
    demo_login(page, live_server.url, username)
    small = []
    for path in VOLUNTEER_PAGES[username]:
        page.goto(live_server.url + path)
        for el in page.locator(TARGETS).all():
            if not el.is_visible():
                continue
            box = el.bounding_box()
            if box["height"] < 44 or box["width"] < 44:
                small.append((path, el.evaluate("e => e.outerHTML.slice(0, 80)"), box))
    assert not small, small


def test_high_contrast_toggle_is_remembered(phone_page, live_server, demo_data):
    page = phone_page
    demo_login(page, live_server.url, "magazynier")
    page.goto(live_server.url + "/scan")
    assert not page.evaluate("document.documentElement.classList.contains('hc')")
    normal = page.evaluate("getComputedStyle(document.body).color")
    page.click("[data-contrast-toggle]")
    assert page.evaluate("document.documentElement.classList.contains('hc')")
    assert page.get_attribute("[data-contrast-toggle]", "aria-pressed") == "true"
    page.reload()  # applied again before the first paint, from localStorage
    assert page.evaluate("document.documentElement.classList.contains('hc')")
    assert page.evaluate("getComputedStyle(document.body).color") == "rgb(0, 0, 0)" != normal
    page.click("[data-contrast-toggle]")
    page.reload()
    assert not page.evaluate("document.documentElement.classList.contains('hc')")


def test_scan_results_are_announced(phone_page, live_server, demo_data):
    page = phone_page
    demo_login(page, live_server.url, "magazynier")
    page.goto(live_server.url + "/scan")
    assert page.get_attribute("#scan-result", "aria-live") in ("polite", "assertive")
    page.fill("#scan-code", "NIE-MA-TAKIEGO")
    page.press("#scan-code", "Enter")
    page.wait_for_selector("#scan-result :is(.scan-card, p, div)")
    assert page.locator("#scan-result").inner_text().strip()


def test_accessibility_statement_is_public_and_in_every_footer(phone_page, live_server,
                                                               demo_data):
    page = phone_page
    page.goto(live_server.url + "/accounts/login/")
    page.click("footer a[href='/dostepnosc/']")
    page.wait_for_url(live_server.url + "/dostepnosc/")
    assert page.locator("h1").inner_text() == "Deklaracja dostępności"
    for anchor in ("#a11y-entity", "#a11y-publish-date", "#a11y-update-date", "#a11y-status",
                   "#a11y-non-compliant", "#a11y-review-date", "#a11y-contact", "#a11y-email",
                   "#a11y-procedure", "#a11y-rpo", "#a11y-architecture"):
        assert page.locator(anchor).count() == 1, anchor
