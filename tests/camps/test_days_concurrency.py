"""PostgreSQL: two sign-ups for the last place of a day at the same moment: one gets in,
the other is told the day is full (the day row is locked)."""

import datetime as dt

import pytest

from backend.camps import days, qualification
from backend.camps.models import DaySignup
from tests.races import needs_postgres, race

from .conftest import START, apply, make_session

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_sign_ups_for_the_last_place_of_a_day(camp, coordinator, children):
    needs_postgres()
    session = make_session(camp, coordinator, capacity=5)
    apps = [apply(coordinator, camp, kid, [session]) for kid in children(3)]
    qualification.qualify(coordinator, camp, seed="race")
    day = days.add_day(coordinator, session, date=START + dt.timedelta(days=1),
                       title="Kino", capacity=2)
    days.sign_up(coordinator, day, apps[0])

    def attempt(application):
        try:
            days.sign_up(coordinator, day, application)
        except days.DayFull:
            return "full"
        return "in"

    results = race([lambda a=a: attempt(a) for a in apps[1:]])
    assert sorted(results) == ["full", "in"], results
    assert DaySignup.objects.filter(day=day).count() == 2
