"""Day activities (Wakacje z MOPS-em): a programme of days, per-day sign-up with its own
capacity, attendance on a phone that a repeat tap does not change, days per child."""

import datetime as dt

import pytest
from django.urls import reverse

from backend.camps import days, qualification
from backend.camps.models import CampSession, DaySignup
from backend.common.errors import ServiceError

from .conftest import START, apply, make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def week(camp, coordinator):
    session = make_session(camp, coordinator, name="Wakacje z MOPS-em", capacity=5)
    CampSession.objects.filter(pk=session.pk).update(kind=CampSession.Kind.DAY,
                                                     end=START + dt.timedelta(days=4))
    session.refresh_from_db()
    return session


def placed(camp, coordinator, children, session, n):
    apps = [apply(coordinator, camp, kid, [session]) for kid in children(n)]
    qualification.qualify(coordinator, camp, seed="d")
    return apps


def test_sign_up_respects_the_day_capacity_and_attendance_is_idempotent(
        camp, coordinator, children, week):
    a, b, c = placed(camp, coordinator, children, week, 3)
    day = days.add_day(coordinator, week, date=START, title="Zoo", capacity=2,
                       activities="Wyjazd do zoo")
    with pytest.raises(ServiceError):
        days.add_day(coordinator, week, date=START - dt.timedelta(days=1), title="x",
                     capacity=1)
    first = days.sign_up(coordinator, day, a)
    assert days.sign_up(coordinator, day, a) == first  # twice: one row
    days.sign_up(coordinator, day, b)
    with pytest.raises(days.DayFull):
        days.sign_up(coordinator, day, c)
    assert days.mark_present(coordinator, first) is True
    when = first.attended_at
    assert days.mark_present(coordinator, first) is False  # a repeat tap
    first.refresh_from_db()
    assert first.attended_at == when
    summary = {r["application"].pk: (r["signed"], r["attended"])
               for r in days.summary(week)}
    assert summary == {a.pk: (1, 1), b.pk: (1, 0), c.pk: (0, 0)}
    [row] = days.programme(week)
    assert (row.signed, row.present, row.free) == (2, 1, 0)


def test_only_children_placed_in_the_session_sign_up(camp, coordinator, children, week):
    other = make_session(camp, coordinator, name="Turnus II", capacity=5,
                         start=START + dt.timedelta(days=20))
    [elsewhere] = placed(camp, coordinator, children, other, 1)
    day = days.add_day(coordinator, week, date=START, title="Basen", capacity=5)
    with pytest.raises(ServiceError):
        days.sign_up(coordinator, day, elsewhere)


def test_day_pages_programme_sign_up_and_attendance_on_a_phone(
        client_for, camp, coordinator, children, week):
    [a] = placed(camp, coordinator, children, week, 1)
    boss = client_for("coordinator")
    boss.post(reverse("camps:day_add", args=[camp.pk, week.pk]), {
        "date": str(START + dt.timedelta(days=1)), "title": "Park linowy", "capacity": "10",
        "activities": "Wspinaczka"})
    day = week.days.get()
    page = boss.get(reverse("camps:days", args=[camp.pk, week.pk])).content.decode()
    assert "Park linowy" in page and "Wspinaczka" in page
    worker = client_for("social_worker")
    worker.post(reverse("camps:day_signup", args=[camp.pk, week.pk, day.pk]),
                {"application": a.pk})
    signup = DaySignup.objects.get()
    volunteer = client_for("volunteer")
    url = reverse("camps:day", args=[camp.pk, week.pk, day.pk])
    assert a.first_name in volunteer.get(url).content.decode()
    present = reverse("camps:day_present", args=[camp.pk, week.pk, day.pk, signup.pk])
    first = volunteer.post(present, HTTP_HX_REQUEST="true").content.decode()
    again = volunteer.post(present, HTTP_HX_REQUEST="true").content.decode()
    assert 'data-testid="present"' in first and "already marked" not in first
    assert 'data-testid="present"' in again
    signup.refresh_from_db()
    assert signup.attended_at is not None
    summary = boss.get(reverse("camps:days", args=[camp.pk, week.pk])).content.decode()
    assert 'data-testid="attended">1<' in summary
    # a volunteer neither adds days nor signs children up
    assert volunteer.post(reverse("camps:day_add", args=[camp.pk, week.pk]),
                          {}).status_code == 403
    assert volunteer.post(reverse("camps:day_signup", args=[camp.pk, week.pk, day.pk]),
                          {"application": a.pk}).status_code == 403


def test_demo_has_a_programme_of_days_and_a_sponsor(children, coordinator):
    from backend.camps import demo
    from backend.people.models import Donor

    children(6, age=9)
    Donor.objects.create(name="Hurtownia Smyk")
    demo.load()
    week = CampSession.objects.get(kind=CampSession.Kind.DAY)
    assert week.days.count() == 4 and DaySignup.objects.filter(day__session=week).exists()
    assert CampSession.objects.filter(sponsorships__donor__name="Hurtownia Smyk").exists()
    demo.load()  # twice: nothing doubled
    assert week.days.count() == 4


def test_report_counts_day_activity_attendance(client_for, camp, coordinator, children, week):
    from backend.camps import selectors

    a, b = placed(camp, coordinator, children, week, 2)
    day = days.add_day(coordinator, week, date=START, title="Zoo", capacity=5)
    days.sign_up(coordinator, day, a)
    days.mark_present(coordinator, days.sign_up(coordinator, day, b))
    row = next(r for r in selectors.report(camp)["sessions"] if r["session"] == week)
    assert (row["days_held"], row["day_signups"], row["day_present"]) == (1, 2, 1)
    page = client_for("coordinator").get(reverse("camps:report", args=[camp.pk]))
    assert "dni: 1, zapisów: 2, obecności: 1" in page.content.decode()
    header, *rows = selectors.report_rows(camp)
    assert rows[0][-2:] == [2, 1]
