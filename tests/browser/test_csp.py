"""Key pages run under the Content-Security-Policy with no violation in Chromium."""

import pytest

from tests.browser.conftest import watch_csp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_key_pages_report_no_csp_violation(launch_browser, live_server, users,
                                           make_household):
    make_household("Żółkiewski")
    browser = launch_browser()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="pl-PL")
    page = context.new_page()
    page.set_default_timeout(15000)
    violations = watch_csp(page)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "coordinator")
    page.fill("input[name=password]", "secret-pass-123")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    for path in ("/scan", "/households/", "/sms/templates/new/", "/sms/batches/new/",
                 "/exchange/oddaj/", "/api/docs/"):
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        assert "default-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
    # htmx swaps run under the policy too: search the household list
    page.goto(f"{live_server.url}/households/")
    page.fill("input[name=q]", "zolk")
    page.locator("#results", has_text="Żół").wait_for()
    # a test page with an inline script proves the watcher sees violations
    page.goto(f"{live_server.url}/accounts/login/")
    try:
        page.add_script_tag(content="window.inlineRan = true")  # blocked by script-src 'self'
    except Exception:  # noqa: BLE001 - Playwright may report the block as an error
        pass
    page.wait_for_timeout(300)
    assert page.evaluate("window.inlineRan === undefined")
    blocked = [v for v in violations if "script-src" in v or "inline" in v]
    assert blocked, "the watcher must see a blocked inline script"
    violations[:] = [v for v in violations if v not in blocked]
    assert violations == []
    context.close()
