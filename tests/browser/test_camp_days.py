"""Wakacje z MOPS-em on a phone (390x844): a volunteer taps "Present" for a child on the
day's list (htmx swaps the row; a second tap is not possible, the row says present); the
programme with days attended and the sponsors page on a desktop.
Screenshots: /tmp/shots/camps2."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from backend.camps import days, funding, qualification, services
from backend.camps.models import CampSession, DaySignup
from backend.people.models import Donor

from .test_people_flow import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/tmp/shots/camps2")


def test_attendance_tap_on_a_phone_and_the_programme(launch_browser, live_server, users,
                                                     site, coordinator, make_household):
    SHOTS.mkdir(parents=True, exist_ok=True)
    camp = services.create_camp(coordinator, name="Wakacje z MOPS-em 2027", year=2027,
                                site=site)
    week = services.add_session(coordinator, camp, CampSession(
        name="Tydzień 1", kind=CampSession.Kind.DAY, place="Świetlica, ul. Zgierska 20",
        start=dt.date(2027, 7, 5), end=dt.date(2027, 7, 9), min_age=6, max_age=14,
        capacity=10, cost_per_child=Decimal("120"), funding_gmina=Decimal("100")))
    home = make_household("Wiśniewska", "Ewa", phone="+48601555111", members=[
        {"first_name": name, "last_name": "Wiśniewska", "relation": "child",
         "birth_date": dt.date(2017, 5, 1)} for name in ("Hania", "Ola", "Zosia")])
    for child in home.members.filter(relation="child"):
        services.file_application(coordinator, camp, child=child, preferences=[week.pk],
                                  consent_data=True)
    qualification.qualify(coordinator, camp, seed="days")
    zoo = days.add_day(coordinator, week, date=dt.date(2027, 7, 6), title="Wyjście do zoo",
                       capacity=3, activities="Zbiórka 9:00, powrót 14:00")
    days.add_day(coordinator, week, date=dt.date(2027, 7, 7), title="Basen", capacity=10)
    for application in days.eligible(week):
        days.sign_up(coordinator, zoo, application)
    donor = Donor.objects.create(name="Piekarnia Kłos sp. z o.o.", kind="organisation")
    funding.add_sponsorship(coordinator, week, donor, amount=Decimal("500"), places=2,
                            purpose="bilety do zoo")

    browser = launch_browser()
    phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="pl-PL",
                                has_touch=True, is_mobile=True).new_page()
    login(phone, live_server, "volunteer")
    phone.goto(f"{live_server.url}/camps/{camp.pk}/sessions/{week.pk}/days/{zoo.pk}/")
    hania = DaySignup.objects.get(day=zoo, application__child__first_name="Hania")
    phone.click(f"#signup-{hania.pk} button")
    phone.wait_for_selector(f"#signup-{hania.pk} [data-testid=present]")
    phone.screenshot(path=str(SHOTS / "day-phone.png"), full_page=True)
    hania.refresh_from_db()
    assert hania.attended_at is not None

    desk = browser.new_context(viewport={"width": 1280, "height": 900},
                               locale="pl-PL").new_page()
    login(desk, live_server, "coordinator")
    desk.goto(f"{live_server.url}/camps/{camp.pk}/sessions/{week.pk}/days/")
    assert desk.locator("[data-testid=attended]").all_inner_texts().count("1") == 1
    desk.screenshot(path=str(SHOTS / "days-desktop.png"), full_page=True)
    desk.goto(f"{live_server.url}/camps/{camp.pk}/funding/")
    assert "bilety do zoo" in desk.content()
    desk.screenshot(path=str(SHOTS / "funding-desktop.png"), full_page=True)
    phone.goto(f"{live_server.url}/camps/{camp.pk}/sessions/{week.pk}/days/")
    phone.screenshot(path=str(SHOTS / "days-phone.png"), full_page=True)
    browser.close()
