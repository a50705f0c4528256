"""The drive's report counts children (≤ 17) and seniors (≥ 60) on the first distribution
day from birth-date bounds in the database: a birthday on that day decides."""

import datetime as dt

import pytest

from backend.distribution import services as engine
from backend.drives import selectors
from backend.people.models import Person
from tests.factories import DriveFactory, HouseholdFactory

pytestmark = pytest.mark.django_db


def test_ages_on_the_first_distribution_day():
    drive = DriveFactory(distribution_start=dt.date(2026, 12, 1))
    household = HouseholdFactory(members=6)
    births = [dt.date(1966, 12, 1),   # 60 that day: senior
              dt.date(1966, 12, 2),   # 59: neither
              dt.date(2008, 12, 1),   # 18 that day: adult
              dt.date(2008, 12, 2),   # 17: child
              None,                   # no birth date: neither
              dt.date(2020, 5, 5)]    # child
    for person, birth in zip(household.members.order_by("id"), births, strict=True):
        Person.objects.filter(pk=person.pk).update(birth_date=birth,
                                                   is_disabled=birth is None)
    HouseholdFactory(members=3)  # not enrolled: never counted
    engine.enrol(None, drive.distribution, household)

    report = selectors.report(drive)

    assert (report["households"], report["reached"], report["not_reached"]) == (1, 0, 1)
    assert (report["persons"], report["children"], report["seniors"],
            report["disabled"]) == (6, 2, 1, 1)
    assert report["by_status"] == selectors.status_counts(drive)
