"""The return leg on the bus page, apart from the departure: only children who left on
the departure bus board the bus home; once per child, a retry (same nonce) is harmless."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from backend.camps import qualification, services
from backend.camps.models import ReturnBoarding
from backend.distribution.models import CheckIn, Participant

from .conftest import apply

pytestmark = pytest.mark.django_db


@pytest.fixture
def trip(camp, session, coordinator, children):
    for kid in children(2):
        apply(coordinator, camp, kid, [session])
    qualification.qualify(coordinator, camp, seed="r")
    went, stayed = Participant.objects.filter(group=session.pk).order_by("pk")
    assert services.check_in(None, session, code=went.code, nonce="dep-1").ok
    return went, stayed


def test_return_check_in_is_separate_from_the_departure(session, trip, volunteer):
    went, stayed = trip
    back = services.check_in_return(volunteer, session, code=stayed.code, nonce="a")
    assert back.code == "not_departed" and not ReturnBoarding.objects.exists()
    assert services.check_in_return(volunteer, session, code="000", nonce="b").code == \
        "unknown_code"
    first = services.check_in_return(volunteer, session, code=went.code, nonce="c")
    assert first.ok and first.participant == went
    assert services.check_in_return(volunteer, session, code=went.code, nonce="c").ok  # retry
    again = services.check_in_return(volunteer, session, code=went.code, nonce="d")
    assert again.code == "already_checked_in"
    assert ReturnBoarding.objects.get().nonce == "c"
    went.refresh_from_db()
    assert went.status == Participant.Status.CHECKED_IN and CheckIn.objects.count() == 1


def test_bus_page_return_leg_by_typing_the_code(client, camp, session, trip, volunteer):
    went, stayed = trip
    client.force_login(volunteer)
    url = reverse("camps:bus", args=[camp.pk, session.pk])
    page = client.get(url + "?leg=return").content.decode()
    assert 'name="leg" value="return"' in page and "W autobusie do domu" in page
    assert stayed.first_name not in page  # only who left on the departure bus
    scan = client.post(reverse("camps:bus_scan", args=[camp.pk, session.pk]),
                       {"code": went.code, "nonce": "n1", "leg": "return"})
    text = scan.content.decode()
    assert scan.status_code == 200 and "W autobusie do domu." in text
    assert '<span data-testid="on-board">1</span> / 1' in text
    departure = client.get(url).content.decode()
    assert 'name="leg" value="departure"' in departure


def test_api_return_leg(session, trip, volunteer):
    went, stayed = trip
    api = APIClient()
    api.force_authenticate(volunteer)
    ok = api.post("/api/v1/camps/checkins/", {"session": session.pk, "code": went.code,
                                              "nonce": "x", "leg": "return"}, format="json")
    assert ok.status_code == 200 and ok.json()["code"] == "ok"
    refused = api.post("/api/v1/camps/checkins/", {"session": session.pk,
                                                   "code": stayed.code, "leg": "return"},
                       format="json")
    assert refused.status_code == 409 and refused.json()["code"] == "not_departed"


def test_the_bus_home_sms_goes_to_the_parents_of_the_children_on_board(
        camp, session, coordinator, children):
    from backend.notifications.models import OutboxMessage

    for kid in children(3):
        apply(coordinator, camp, kid, [session])
    qualification.qualify(coordinator, camp, seed="h")
    one, two, three = Participant.objects.filter(group=session.pk).order_by("pk")
    for child, nonce in ((one, "d1"), (two, "d2")):  # the third never left
        assert services.check_in(None, session, code=child.code, nonce=nonce).ok
    assert services.check_in_return(None, session, code=one.code, nonce="r1").ok
    services.notify_bus(coordinator, session, "return", eta="17:30")
    sent = OutboxMessage.objects.filter(purpose="camp_return")
    assert [m.person_id for m in sent] == [one.contact_id]
