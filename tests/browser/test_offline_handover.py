"""Offline hand-over on a phone (390x844) with Playwright's offline mode: download the day's
list, lose the network, hand over three codes, reload, regain it — synced exactly once; two
phones offline hand over the same code — one conflict on the coordinator's page."""

import datetime as dt
import os

import pytest
from django.utils import timezone

from backend.accounts import roles
from backend.distribution import services as engine
from backend.distribution.models import Enrolment, HandOver, HandOverConflict, PickupSlot
from backend.drives import services
from backend.inventory import services as stock
from backend.inventory.models import Movement
from backend.inventory.selectors import stock_check
from tests.drives.conftest import distributing, households, store  # noqa: F401 - fixtures

from .conftest import watch_csp
from .test_people_flow import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = "/tmp/shots/offline"
PHONE = {"viewport": {"width": 390, "height": 844}, "locale": "pl-PL", "has_touch": True,
         "is_mobile": True}


@pytest.fixture
def pickup_day(request, coordinator, site):
    goods = request.getfixturevalue("store")
    make_homes = request.getfixturevalue("households")
    drive = services.create_drive(coordinator, name="Paczki", kind="food", sites=[site])
    from backend.drives.models import Target

    services.save_target(coordinator, drive, Target(item=goods["rice"], quantity=30,
                                                    policy=Target.Policy.PER_PERSON, amount=2))
    services.enrol_households(coordinator, drive, make_homes(3))
    stock.create_lot(None, goods["rice"], goods["shelf"], 50)
    services.commit(coordinator, drive)
    PickupSlot.objects.create(distribution=drive.distribution, site=site,
                              date=timezone.localdate(), start=dt.time(10), end=dt.time(12),
                              capacity=5)
    engine.assign_slots(coordinator, drive.distribution)
    distributing(drive, coordinator)
    codes = list(Enrolment.objects.filter(distribution=drive.distribution)
                 .order_by("pk").values_list("pickup_code", flat=True))
    return drive, codes


def _phone(browser, live_server, username, drive):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.set_default_timeout(20000)
    violations = watch_csp(page)
    login(page, live_server, username)
    page.goto(f"{live_server.url}/drives/{drive.pk}/handover/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.click("#offline-download")
    page.wait_for_selector("#offline-panel[data-ready='1']")
    return context, page, violations


def _hand_over_offline(page, code):
    page.fill("#scan-code", code)
    page.click("button.scan-go")
    page.wait_for_selector(".handover-card[data-code=offline-found]")
    page.click("button.confirm-handover")
    page.wait_for_selector(".handover-card[data-code=offline-saved]")


def test_three_handovers_offline_sync_once(launch_browser, live_server, volunteer, pickup_day):
    os.makedirs(SHOTS, exist_ok=True)
    drive, codes = pickup_day
    browser = launch_browser()
    context, page, violations = _phone(browser, live_server, "wolontariusz", drive)
    assert "3" in page.locator("#offline-status").inner_text()

    context.set_offline(True)
    for code in codes:
        _hand_over_offline(page, code)
    assert "offline — zapisano, wyślemy" in page.locator("#scan-result").inner_text()
    assert page.locator(".first-name").inner_text() == "Jan"
    page.screenshot(path=f"{SHOTS}/handover-offline-saved-390.png", full_page=True)
    page.fill("#scan-code", codes[0])
    page.click("button.scan-go")  # this phone knows it handed it over
    page.wait_for_selector(".handover-card[data-code=already_handed_over]")
    assert HandOver.objects.count() == 0

    page.reload()  # offline: the worker serves the page, IndexedDB keeps the queue
    page.wait_for_selector("#offline-panel[data-queued='3']")
    assert page.locator("#offline-panel").get_attribute("data-online") == "0"
    page.screenshot(path=f"{SHOTS}/handover-offline-queue-390.png", full_page=True)

    context.set_offline(False)
    page.wait_for_selector("#offline-panel[data-queued='0'][data-sent='3']")
    assert "Wysłano: 3" in page.locator("#offline-status").inner_text()
    page.reload()  # and again: nothing is left to send twice
    page.wait_for_selector("#offline-panel[data-queued='0']")
    assert HandOver.objects.count() == 3
    assert Movement.objects.filter(kind=Movement.Kind.ISSUE).count() == 3
    assert set(Enrolment.objects.values_list("status", flat=True)) == {"handed_over"}
    assert all(h.device_time is not None for h in HandOver.objects.all())
    assert stock_check() == []
    assert violations == []
    context.close()


def test_same_code_on_two_offline_phones_is_one_conflict(launch_browser, live_server,
                                                         make_user, coordinator, pickup_day):
    os.makedirs(SHOTS, exist_ok=True)
    drive, codes = pickup_day
    make_user(roles.VOLUNTEER, "anna")
    make_user(roles.VOLUNTEER, "ewa")
    browser = launch_browser()
    phones = [_phone(browser, live_server, name, drive) for name in ("anna", "ewa")]
    for context, page, _v in phones:
        context.set_offline(True)
        _hand_over_offline(page, codes[0])
    for context, page, _v in phones:
        context.set_offline(False)
        page.wait_for_selector("#offline-panel[data-queued='0']")
    assert HandOver.objects.count() == 1 and HandOverConflict.objects.count() == 1
    assert "koordynator" in " ".join(p.locator("#offline-status").inner_text()
                                     for _c, p, _v in phones)

    for name, size in (("390", PHONE), ("desktop", {"viewport": {"width": 1280,
                                                                  "height": 900}})):
        context = browser.new_context(**{**size, "locale": "pl-PL"})
        page = context.new_page()
        violations = watch_csp(page)
        login(page, live_server, "koordynator")
        page.goto(f"{live_server.url}/drives/{drive.pk}/conflicts/")
        assert page.locator("article.conflict").count() == 1
        assert page.locator("tr.record-applied").count() == 1
        assert page.locator("tr.record-flagged").count() == 1
        page.screenshot(path=f"{SHOTS}/conflicts-{name}.png", full_page=True)
        assert violations == []
        context.close()

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="pl-PL")
    page = context.new_page()
    login(page, live_server, "koordynator")
    page.goto(f"{live_server.url}/drives/{drive.pk}/conflicts/")
    page.check("input[name=resolution][value=second_package]")
    page.click("form.resolve button[type=submit]")
    page.wait_for_selector("article.conflict[data-resolution=second_package]")
    page.screenshot(path=f"{SHOTS}/conflicts-resolved-desktop.png", full_page=True)
    assert Movement.objects.filter(kind=Movement.Kind.ISSUE).count() == 2
    assert stock_check() == []
    for context_, _p, violations in phones:
        assert violations == []
        context_.close()
    context.close()
