"""The reports page on a phone and a desktop: charts and tables fit, no CSP violation;
the sites list and form (issue #16). Screenshots go to /tmp/shots/reports/."""

import os
from pathlib import Path

import pytest
from django.urls import reverse

from tests.reports.data import year_data  # noqa: F401 - the fixture

from .test_people_flow import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(os.environ.get("SHOTS_DIR", "/tmp/shots/reports"))


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_report_page_fits_and_keeps_its_csp(request, viewport, live_server, users, year_data,  # noqa: F811
                                            site):
    page = request.getfixturevalue(f"{viewport}_page")
    login(page, live_server, "coordinator")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(live_server.url + reverse("reports:report") + "?period=year&year=2025")
    assert page.locator("svg.chart").count() == 3
    assert page.locator("table").count() == 6
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], width
    page.screenshot(path=str(SHOTS / f"report-{viewport}.png"), full_page=True)
    for name, url in (("sites", reverse("accounts:site_list")),
                      ("site-form", reverse("accounts:site_edit", args=[site.pk]))):
        page.goto(live_server.url + url)
        assert page.evaluate("document.documentElement.scrollWidth") \
            <= page.viewport_size["width"]
        page.screenshot(path=str(SHOTS / f"{name}-{viewport}.png"), full_page=True)
