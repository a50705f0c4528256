"""Qualification (scores, a reproducible lottery, siblings together) and the waiting list
with timed SMS offers: TAK confirms, NIE or silence passes the place on, never twice to the
same child."""

import datetime as dt

import pytest
from django.utils import timezone

from backend.camps import qualification, services
from backend.camps.models import Application
from backend.distribution.models import Participant
from backend.notifications import services as sms
from backend.notifications.encoding import transliterate

from .conftest import apply, make_session, sent, texts

pytestmark = pytest.mark.django_db
P = Participant.Status


def test_scores_rank_and_lottery_is_reproducible_from_the_seed(camp, session, coordinator,
                                                               children):
    kids = children(6)
    apps = [apply(coordinator, camp, kid, [session]) for kid in kids]
    Application.objects.filter(pk=apps[5].pk).update(reason_difficult=True, first_time=True)
    run = qualification.qualify(coordinator, camp, seed="lato-2027")
    order = [row["application"] for row in run.result]
    assert order[0] == apps[5].pk  # 3 + 2 points before the ties
    assert [r["score"] for r in run.result] == [5, 0, 0, 0, 0, 0]
    # the ties in the order of their recorded lottery tickets
    tickets = [r["ticket"] for r in run.result[1:]]
    assert tickets == sorted(tickets)
    assert qualification.replay(run) == order
    # another seed, another order of the ties; the same seed, the same order
    ranked = qualification.rank(camp, list(Application.objects.filter(pk__in=order[1:])),
                                "inny-los")
    assert [g.applications[0].pk for g in ranked] != order[1:]
    again = qualification.rank(camp, list(Application.objects.filter(pk__in=order)),
                               "lato-2027")
    assert [g.applications[0].pk for g in again] == order
    statuses = [r["status"] for r in run.result]
    assert statuses == ["registered", "registered"] + ["waiting"] * 4
    waiting = Participant.objects.filter(status=P.WAITING).order_by("position")
    assert [p.application.pk for p in waiting] == order[2:]
    assert len(texts("camp_registered")) == 2


def test_siblings_stay_together_or_wait_together(camp, coordinator, children):
    session = make_session(camp, coordinator, capacity=3)
    first, second = children(1, kids=2, prefix="603")
    single = children(2, prefix="604")
    a = apply(coordinator, camp, single[0], [session], reason_difficult=True)
    apply(coordinator, camp, first, [session], siblings_together=True)
    apply(coordinator, camp, second, [session], siblings_together=True)
    apply(coordinator, camp, single[1], [session], reason_difficult=True, first_time=True)
    qualification.qualify(coordinator, camp, seed="x")
    a.refresh_from_db()
    placed = set(Application.objects.filter(status="placed").values_list("child", flat=True))
    # 2 singles with more points first; 1 place left is not enough for the two siblings
    assert placed == {single[0].pk, single[1].pk}
    assert set(Application.objects.filter(status="waiting").values_list(
        "child", flat=True)) == {first.pk, second.pk}


def test_withdrawal_offers_the_place_by_sms_and_tak_confirms(camp, session, coordinator,
                                                            children):
    kids = children(3)
    apps = [apply(coordinator, camp, kid, [session]) for kid in kids]
    run = qualification.qualify(coordinator, camp, seed="s")
    first, _second, third = [Application.objects.get(pk=r["application"]) for r in run.result]
    sent("camp_registered")
    services.withdraw(coordinator, first)
    offer = texts("camp_offer")
    assert len(offer) == 1 and offer[0].expects_reply
    assert "TAK do" in offer[0].body or "TAK do" in transliterate(offer[0].body)
    third.participant.refresh_from_db()
    assert third.participant.status == P.OFFERED
    sent("camp_offer")
    answer = sms.receive_inbound(phone=offer[0].phone, body="TAK")
    assert answer.outcome == "confirm"
    third.refresh_from_db()
    third.participant.refresh_from_db()
    assert third.participant.status == P.REGISTERED and third.status == "placed"
    assert len(texts("camp_registered")) == 3
    assert apps  # all three applied


def test_expiry_passes_the_place_on_and_never_twice_to_the_same_child(
        camp, coordinator, children):
    session = make_session(camp, coordinator, capacity=1)
    kids = children(4)
    for kid in kids:
        apply(coordinator, camp, kid, [session])
    run = qualification.qualify(coordinator, camp, seed="e")
    order = [Application.objects.get(pk=r["application"]) for r in run.result]
    services.withdraw(coordinator, order[0])
    order[1].participant.refresh_from_db()
    assert order[1].participant.status == P.OFFERED
    later = timezone.now() + dt.timedelta(hours=25)
    assert services.expire_offers(None, camp, now=later) == 1
    for application in order:
        application.participant.refresh_from_db()
    assert order[1].participant.status == P.EXPIRED
    assert order[2].participant.status == P.OFFERED
    # a late TAK from the expired child does nothing; later expiries never return to it
    sent("camp_offer")
    services.on_offer_reply(order[1].participant, "confirm")
    order[1].participant.refresh_from_db()
    assert order[1].participant.status == P.EXPIRED
    assert services.expire_offers(None, camp, now=later + dt.timedelta(hours=25)) == 1
    services.expire_offers(None, camp, now=later + dt.timedelta(hours=50))
    offered_to = [m.object_id for m in texts("camp_offer")]
    assert len(offered_to) == len(set(offered_to)) == 3  # children 2, 3, 4 once each
    order[1].participant.refresh_from_db()
    assert order[1].participant.status == P.EXPIRED


def test_nie_passes_the_place_on(camp, coordinator, children):
    session = make_session(camp, coordinator, capacity=1)
    for kid in children(3):
        apply(coordinator, camp, kid, [session])
    run = qualification.qualify(coordinator, camp, seed="n")
    order = [Application.objects.get(pk=r["application"]) for r in run.result]
    services.withdraw(coordinator, order[0])
    sent("camp_offer")
    sms.receive_inbound(phone=texts("camp_offer")[0].phone, body="NIE")
    order[2].participant.refresh_from_db()
    assert order[2].participant.status == P.OFFERED


def test_documents_checklist_and_one_reminder(camp, session, coordinator, children):
    kids = children(2)
    apps = [apply(coordinator, camp, kid, [session]) for kid in kids]
    qualification.qualify(coordinator, camp, seed="d")
    services.set_documents(coordinator, apps[0], card_signed=True, medical_note=True,
                           contribution_paid=True, consent_photos=True)
    preview = services.remind_documents(coordinator, camp, dry_run=True)
    assert len(preview) == 1 and not texts("camp_documents")
    assert len(services.remind_documents(coordinator, camp)) == 1
    assert services.remind_documents(coordinator, camp) == []  # never a second time
    body = transliterate(texts("camp_documents")[0].body).lower()
    assert "karta" in body or "card" in body


def test_the_camps_office_phone_is_in_its_texts(camp, session, coordinator, children):
    """The site's contact phone (issue 16 item 2), not the centre's, when it has one."""
    camp.site.phone = "+48426301234"
    camp.site.save(update_fields=["phone"])
    apply(coordinator, camp, children(1)[0], [session])
    qualification.qualify(coordinator, camp, seed="p")
    services.remind_documents(coordinator, camp)
    assert "42 630 12 34" in texts("camp_documents")[0].body


def test_report_costs_add_up(camp, session, coordinator, children):
    for kid in children(3):
        apply(coordinator, camp, kid, [session])
    qualification.qualify(coordinator, camp, seed="r")
    from backend.camps import selectors

    report = selectors.report(camp)
    row = report["sessions"][0]
    assert row["children"] == 2 and row["waiting"] == 1
    assert row["cost"] == 3600 and row["covered"] == 3600 and row["gap"] == 0
    assert report["total"]["cost"] == row["centre"] + row["gmina"] + row["sponsor"] + \
        row["parents"]
