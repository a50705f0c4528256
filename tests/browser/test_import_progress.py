"""The import's progress bar in a real browser: htmx polls it while the worker checks the
file, and the page reloads itself into the preview once the check is done."""

import os

import pytest

from backend.people import imports
from backend.people.models import ImportBatch
from tests.browser.test_people_flow import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("WSPOLNIE_SCREENSHOTS")


def test_progress_bar_turns_into_the_preview(desktop_page, live_server, users, site):
    content = "imie;nazwisko;miejscowosc\n" + "".join(
        f"Jan;Kowal{i};Łódź\n" for i in range(40)) + "Ewa;Zła;Łódź;nadmiar\n"
    batch = ImportBatch.objects.create(created_by=users["coordinator"], site=site,
                                       file_name="lista.csv", content=content,
                                       status="parsing", total_rows=41, checked_rows=10)
    page = desktop_page
    login(page, live_server, "coordinator")
    page.goto(f"{live_server.url}/households/import/{batch.pk}/")
    page.wait_for_selector("#import-progress progress")
    assert page.locator("#import-progress progress").get_attribute("value") == "24"
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/import-progress.png", full_page=True)
    imports.check(batch.pk)  # the worker finishes; the next poll reloads the page
    page.wait_for_selector("#import-summary", timeout=10000)
    assert "40" in page.inner_text("#import-summary")
    assert "Wiersz 42" in page.content()
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/import-preview.png", full_page=True)
        page.set_viewport_size({"width": 390, "height": 844})
        page.screenshot(path=f"{SHOTS}/import-preview-phone.png", full_page=True)
        page.goto(f"{live_server.url}/privacy/register/")
        page.screenshot(path=f"{SHOTS}/register-phone.png", full_page=True)
        page.set_viewport_size({"width": 1366, "height": 900})
        page.screenshot(path=f"{SHOTS}/register.png", full_page=True)
