"""Every main list and detail page fits a 390 px phone without sideways scrolling (issue 12).
Wide tables scroll inside their own focusable region instead."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from backend.drives import services as drives
from backend.drives.models import Target
from backend.inventory.models import Category, Item

from .test_people_flow import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_pages_fit_390px(phone_page, live_server, users, coordinator,
                                     make_household, site):
    coordinator = users["coordinator"]
    household = make_household("Wiśniewska-Brzęczyszczykiewicz", "Katarzyna",
                               actor=coordinator)
    food = Category.objects.create(name="Żywność")
    rice = Item.objects.create(name="Ryż długoziarnisty paraboliczny", category=food, unit="kg")
    drive = drives.create_drive(coordinator, name="Zbiórka żywności przed świętami 2026",
                                kind="food", sites=[site],
                                distribution_start=dt.date(2026, 12, 1))
    drives.save_target(coordinator, drive, Target(item=rice, quantity=Decimal("100"),
                                                  policy=Target.Policy.PER_PERSON,
                                                  amount=Decimal("2"), minimum=Decimal("1")))
    drives.enrol_households(coordinator, drive, [household])
    page = phone_page
    login(page, live_server, "coordinator")
    urls = [reverse("home"), reverse("people:household_list"),
            reverse("people:household_detail", args=[household.pk]),
            reverse("people:household_detail", args=[household.pk]) + "?tab=history",
            reverse("people:donor_list"), reverse("inventory:item_list"),
            reverse("inventory:stock_list"), reverse("drives:list"),
            reverse("drives:detail", args=[drive.pk]),
            reverse("drives:enrolments", args=[drive.pk]),
            reverse("drives:allocate", args=[drive.pk]),
            reverse("exchange:offer_list"), reverse("exchange:request_list"),
            reverse("notifications:batch_list")]
    too_wide = {}
    for url in urls:
        page.goto(live_server.url + url)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            too_wide[url] = width
    assert not too_wide, too_wide
    # A wide table is a region a keyboard can reach and scroll.
    page.goto(live_server.url + reverse("drives:enrolments", args=[drive.pk]))
    region = page.locator(".table-scroll").first
    assert region.get_attribute("tabindex") == "0" and region.get_attribute("role") == "region"
