"""Real headless Chromium (Debian's package) driven by Playwright."""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
# Playwright's sync API runs an event loop in this thread; the ORM calls made by
# fixtures in the same thread are safe (no concurrent use).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

BASE_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--disable-dev-shm-usage"]


def _require_browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("WSPOLNIE_REQUIRE_BROWSER") == "1":
            pytest.fail(f"Chromium not found at {CHROMIUM} (CI requires browser tests)")
        pytest.skip("Chromium is not installed (scripts/ensure-chromium installs it)")


@pytest.fixture(scope="session")
def playwright_instance():
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture
def launch_browser(playwright_instance, tmp_path):
    """launch_browser(extra_args) -> Browser; closed after the test."""
    browsers = []

    def launch(extra_args=()):
        browser = playwright_instance.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=[*BASE_ARGS, *extra_args])
        browsers.append(browser)
        return browser

    yield launch
    for browser in browsers:
        browser.close()


def watch_csp(page) -> list[str]:
    """Collect Content-Security-Policy violations the page reports (console errors and the
    securitypolicyviolation event): any inline script or style the policy blocked."""
    violations: list[str] = []
    page.on("console", lambda msg: violations.append(msg.text)
            if msg.type == "error" and "Content Security Policy" in msg.text else None)
    page.add_init_script("""document.addEventListener('securitypolicyviolation', e =>
        console.error('Content Security Policy violation: ' + e.violatedDirective + ' '
                      + e.blockedURI));""")
    return violations


@pytest.fixture
def phone_page(launch_browser):
    """A page in a 390x844 phone viewport, Polish locale."""
    browser = launch_browser()
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="pl-PL",
                                  has_touch=True, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    violations = watch_csp(page)
    yield page
    context.close()
    assert violations == [], "the page broke its Content-Security-Policy"


@pytest.fixture
def desktop_page(launch_browser):
    browser = launch_browser()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="pl-PL")
    page = context.new_page()
    page.set_default_timeout(15000)
    violations = watch_csp(page)
    yield page
    context.close()
    assert violations == [], "the page broke its Content-Security-Policy"


@pytest.fixture
def demo_data(db):
    """The demo data set of every module (one user per role: admin, koordynator, pracownik,
    magazynier, wolontariusz, podglad)."""
    from backend.common.demo import load_all

    load_all()


def demo_login(page, base: str, username: str) -> None:
    from backend.people.demo import DEMO_PASSWORD

    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/")
