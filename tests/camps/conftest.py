"""Camp fixtures: a kolonie with two sessions (ages 7–12 and 10–15), families with
children and a parent who consented to SMS."""

import datetime as dt
import itertools
from decimal import Decimal

import pytest

from backend.camps import services
from backend.camps.models import CampSession
from backend.notifications import services as sms
from backend.notifications.models import OutboxMessage

START = dt.date(2027, 7, 5)
SERIALS = itertools.count(3000)
SEX_SERIALS = itertools.count(50)


@pytest.fixture(autouse=True)
def _sms(settings):
    settings.SMS_QUIET_HOURS = ""
    settings.SMS_RATE_PER_SECOND = 0


@pytest.fixture
def camp(site, coordinator):
    return services.create_camp(coordinator, name="Kolonie 2027", year=2027, site=site,
                                offer_hours=24)


def make_session(camp, coordinator, name="Turnus I", capacity=2, min_age=7, max_age=12,
                 start=START):
    return services.add_session(coordinator, camp, CampSession(
        name=name, place="Ośrodek Sosnowy Dwór, Łeba", organiser="Fundacja Lato",
        start=start, end=start + dt.timedelta(days=10), min_age=min_age, max_age=max_age,
        capacity=capacity, cost_per_child=Decimal("1800"), funding_centre=Decimal("1000"),
        funding_gmina=Decimal("500"), funding_sponsor=Decimal("200"),
        parents_contribution=Decimal("100"), meeting_point="Parking przy MOPS"))


@pytest.fixture
def session(camp, coordinator):
    return make_session(camp, coordinator)


@pytest.fixture
def children(make_household, pesel):
    """n households, each a mother with a phone (SMS consent) and one child aged `age`."""

    def make(n, age=9, prefix="602", kids=1):
        out = []
        for i in range(n):
            born = dt.date(START.year - age, 3, 1)
            home = make_household(f"Nowak{i}", "Anna", phone=f"+48{prefix}{i:06d}", members=[
                {"first_name": f"Dziecko{i}{k}", "last_name": f"Nowak{i}", "relation": "child",
                 "birth_date": born, "pesel": pesel(born, next(SERIALS))}
                for k in range(kids)])
            home.members.filter(relation="head").update(sms_consent=True,
                                                        sms_consent_source="paper")
            out += list(home.members.filter(relation="child").order_by("pk"))
        return out

    return make


@pytest.fixture
def kids(make_household, pesel):
    """Children aged 9 with a PESEL of a girl (even 10th digit) or a boy (odd)."""

    def make(sex: str, n: int, *, with_pesel=True):
        out = []
        born = dt.date(START.year - 9, 4, 2)
        for _ in range(n):
            i = next(SEX_SERIALS)
            serial = 2000 + 2 * i + (0 if sex == "F" else 1)
            home = make_household(f"Kowal{i}", "Ewa", phone=f"+48603{i:06d}", members=[
                {"first_name": f"{'Ola' if sex == 'F' else 'Jan'}{i}", "last_name": f"Kowal{i}",
                 "relation": "child", "birth_date": born,
                 "pesel": pesel(born, serial) if with_pesel else ""}])
            home.members.filter(relation="head").update(sms_consent=True,
                                                        sms_consent_source="paper")
            out.append(home.members.get(relation="child"))
        return out

    return make


def apply(coordinator, camp, child, sessions, **reasons):
    return services.file_application(coordinator, camp, child=child,
                                     preferences=[s.pk for s in sessions],
                                     consent_data=True, **reasons)


def texts(purpose):
    return list(OutboxMessage.objects.filter(purpose=purpose).order_by("id"))


def sent(purpose):
    for message in OutboxMessage.objects.filter(purpose=purpose, status="queued"):
        sms.apply_status(message, "sent")
