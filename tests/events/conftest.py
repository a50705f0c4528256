"""Event fixtures: a Mikołajki with one session, families with children, gift stock."""

import datetime as dt

import pytest

from backend.events import services
from backend.events.models import Event, Session
from backend.notifications import services as sms
from backend.notifications.models import OutboxMessage
from tests.drives.conftest import store  # noqa: F401 - shared fixture

__all__ = ["store"]

DAY = dt.date(2026, 12, 6)


@pytest.fixture(autouse=True)
def _sms(settings):
    settings.SMS_QUIET_HOURS = ""
    settings.SMS_RATE_PER_SECOND = 0
    settings.BASE_URL = "https://wspolnie.example.org"


@pytest.fixture
def event(site, coordinator, store):
    event = services.create_event(coordinator, name="Mikołajki 2026",
                                  kind=Event.Kind.MIKOLAJKI, date=DAY, site=site,
                                  gift_location=store["shelf"])
    return services.advance(coordinator, event)  # registration open


@pytest.fixture
def session(event, coordinator):
    return services.add_session(coordinator, event, Session(
        name="Rano", start=dt.time(10), end=dt.time(12), capacity=10))


@pytest.fixture
def families(make_household, pesel):
    """n households, each a parent with a phone and `kids` children aged 7 and 12."""

    def make(n, kids=1, prefix="601"):
        ages = [7, 12, 4, 2][:kids]
        homes = []
        for i in range(n):
            members = [{"first_name": f"Dziecko{k}", "last_name": f"Kowalska{i}",
                        "relation": "child",
                        "birth_date": dt.date(DAY.year - age, 3, 1),
                        "pesel": pesel(dt.date(DAY.year - age, 3, 1), 2000 + i * 10 + k)}
                       for k, age in enumerate(ages)]
            homes.append(make_household(f"Kowalska{i}", "Anna",
                                        phone=f"+48{prefix}{i:06d}", members=members))
        return homes

    return make


def sent(purpose: str = "event_invitation") -> None:
    """The provider accepted the notices (dispatch is tested in notifications)."""
    for message in OutboxMessage.objects.filter(purpose=purpose, status="queued"):
        sms.apply_status(message, "sent")
