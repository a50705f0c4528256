"""A coordinator on a 390 px phone corrects a drive's dates and a target, receives a donation
of six lines and registers a household of five, adding rows without a page reload (issue 12
§1). Screenshots of the changed pages at 390 and 1366 px go to WSPOLNIE_SCREENSHOTS."""

import os
from decimal import Decimal

import pytest
from django.urls import reverse

from backend.donations.models import Donation
from backend.drives.models import Drive
from backend.people.models import Household
from tests.factories import DriveFactory, ItemFactory, LocationFactory, TargetFactory

from .test_people_flow import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("WSPOLNIE_SCREENSHOTS", "")


def shot(page, name):
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def fits(page, width=390) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= width


def add_rows(page, prefix, count):
    """Click "Dodaj wiersz" `count` times; the page must not reload (the marker survives)."""
    page.evaluate("window.__sameDocument = true")
    for _ in range(count):
        page.click(f"[data-formset={prefix}] [data-formset-add]")
    assert page.evaluate("window.__sameDocument === true")


def test_coordinator_corrects_and_grows_records_on_a_phone(phone_page, live_server, users,
                                                          site, launch_browser):
    coordinator = users["coordinator"]
    drive = DriveFactory(name="Paczki świąteczne", sites=[site], actor=coordinator)
    target = TargetFactory(drive=drive, item=ItemFactory(name="Ryż"), quantity=Decimal("100"))
    location = LocationFactory()
    items = [ItemFactory(name=f"Towar {n}") for n in range(6)]
    page = phone_page
    login(page, live_server, "coordinator")

    # the drive's dates
    page.goto(live_server.url + drive.get_absolute_url())
    page.click("[data-action=edit-drive]")
    page.fill("input[name=distribution_start]", "2026-12-05")
    page.fill("input[name=distribution_end]", "2026-12-12")
    assert fits(page)
    shot(page, "drive-edit-390")
    page.click("main form button[type=submit]")
    page.wait_for_url(live_server.url + drive.get_absolute_url())
    assert page.locator("text=Zapisano zmiany.").is_visible()
    drive.refresh_from_db()
    assert str(drive.distribution_start) == "2026-12-05"

    # a target
    page.click("[data-action=edit-target]")
    page.fill("input[name=quantity]", "150")
    shot(page, "target-edit-390")
    page.click("main form button[type=submit] >> nth=0")
    page.wait_for_url(live_server.url + drive.get_absolute_url())
    target.refresh_from_db()
    assert target.quantity == Decimal("150")
    page.click("details[data-history] summary")
    assert page.locator("text=Wydawanie od: 01.12.2026 → 05.12.2026").is_visible()
    assert page.locator("text=Cel: 100 → 150").is_visible()
    assert page.locator("text=Ilość: 1.000").count() == 0  # no phantom change
    assert fits(page)
    shot(page, "drive-detail-390")

    # a donation of six lines (three rows are there, three added, one added and removed)
    page.goto(live_server.url + reverse("donations:create"))
    page.select_option("select[name=site]", str(location.site_id))
    add_rows(page, "lines", 4)
    page.locator("[data-formset=lines] [data-formset-row]").nth(6).locator(
        ".formset-remove-button").click()
    assert page.locator("[data-formset=lines] [data-formset-row]:visible").count() == 6
    for n, item in enumerate(items):
        page.select_option(f"select[name=lines-{n}-item]", str(item.pk))
        page.fill(f"input[name=lines-{n}-quantity]", "2")
        page.select_option(f"select[name=lines-{n}-location]", str(location.pk))
    assert fits(page)
    shot(page, "donation-form-390")
    page.click("main form > button[type=submit]")
    page.wait_for_url("**/donations/*/")
    assert Donation.objects.get().lines.count() == 6

    # a household of five (two rows are there, three added)
    page.goto(live_server.url + reverse("people:household_create"))
    page.select_option("select[name=site]", str(site.pk))
    page.fill("input[name=street]", "ul. Piotrkowska")
    page.fill("input[name=building]", "10")
    page.fill("input[name=city]", "Łódź")
    add_rows(page, "members", 3)
    for n, name in enumerate(["Anna", "Zuzia", "Ola", "Jaś", "Staś"]):
        page.fill(f"input[name=members-{n}-first_name]", name)
        page.fill(f"input[name=members-{n}-last_name]", "Kowalczyk")
        page.fill(f"input[name=members-{n}-birth_date]", f"0{n + 1}.02.201{n}")
        if n:
            page.select_option(f"select[name=members-{n}-relation]", "child")
    assert fits(page)
    shot(page, "household-form-390")
    page.click("text=Zapisz gospodarstwo")
    page.wait_for_url("**/households/*/")
    assert Household.objects.get().member_count == 5
    assert Drive.objects.get().distribution_end is not None

    # the same pages at 1366 px
    if SHOTS:
        context = launch_browser().new_context(viewport={"width": 1366, "height": 900},
                                               locale="pl-PL")
        desk = context.new_page()
        login(desk, live_server, "coordinator")
        for name, url in [("drive-detail", drive.get_absolute_url()),
                          ("drive-edit", reverse("drives:edit", args=[drive.pk])),
                          ("target-edit", reverse("drives:target_edit",
                                                  args=[drive.pk, target.pk])),
                          ("donation-form", reverse("donations:create")),
                          ("donation-detail", Donation.objects.get().get_absolute_url()),
                          ("household-form", reverse("people:household_create"))]:
            desk.goto(live_server.url + url)
            shot(desk, f"{name}-1366")
        context.close()
