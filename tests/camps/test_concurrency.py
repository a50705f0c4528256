"""PostgreSQL: two offers for the last place (the organiser cut a room after offering)
answered TAK at the same moment: one child is placed, the other keeps its turn on the
waiting list and is told the place is gone."""

import pytest

from backend.camps import qualification, services
from backend.camps.models import Application, CampSession
from backend.distribution.models import Participant
from backend.notifications import services as sms
from tests.races import needs_postgres, race

from .conftest import apply, make_session, sent, texts

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
P = Participant.Status


def test_two_tak_for_the_last_place_place_one_child(camp, coordinator, children):
    needs_postgres()
    session = make_session(camp, coordinator, capacity=3)
    for kid in children(5):
        apply(coordinator, camp, kid, [session])
    run = qualification.qualify(coordinator, camp, seed="race")
    order = [Application.objects.get(pk=r["application"]) for r in run.result]
    services.withdraw(coordinator, order[0])
    services.withdraw(coordinator, order[1])
    offered = list(Participant.objects.filter(status=P.OFFERED))
    assert len(offered) == 2
    CampSession.objects.filter(pk=session.pk).update(capacity=2)  # a room fewer
    sent("camp_offer")
    phones = [m.phone for m in texts("camp_offer")]
    results = race([lambda phone=phone: sms.receive_inbound(phone=phone, body="TAK").outcome
                    for phone in phones])
    assert results == ["confirm", "confirm"], results
    statuses = sorted(Participant.objects.filter(pk__in=[p.pk for p in offered])
                      .values_list("status", flat=True))
    assert statuses == [P.REGISTERED, P.WAITING]
    assert Participant.objects.filter(group=session.pk, status=P.REGISTERED).count() == 2
    assert len(texts("camp_gone")) == 1


def test_two_tak_for_the_last_girls_place_place_one_girl(camp, coordinator, kids):
    """Places by sex under the same lock: the session has room, the girls' side does not."""
    needs_postgres()
    session = make_session(camp, coordinator, capacity=4)
    CampSession.objects.filter(pk=session.pk).update(places_girls=2, places_boys=2)
    for kid in kids("F", 4):
        apply(coordinator, camp, kid, [session])
    run = qualification.qualify(coordinator, camp, seed="girls")
    order = [Application.objects.get(pk=r["application"]) for r in run.result]
    services.withdraw(coordinator, order[0])
    services.withdraw(coordinator, order[1])
    offered = list(Participant.objects.filter(status=P.OFFERED))
    assert len(offered) == 2
    CampSession.objects.filter(pk=session.pk).update(places_girls=1, places_boys=3)
    sent("camp_offer")
    phones = [m.phone for m in texts("camp_offer")]
    results = race([lambda phone=phone: sms.receive_inbound(phone=phone, body="TAK").outcome
                    for phone in phones])
    assert results == ["confirm", "confirm"], results
    statuses = sorted(Participant.objects.filter(pk__in=[p.pk for p in offered])
                      .values_list("status", flat=True))
    assert statuses == [P.REGISTERED, P.WAITING]
    assert len(texts("camp_gone")) == 1
