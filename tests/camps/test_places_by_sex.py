"""A session's places split by sex (rooms): qualification fills each side only up to its
places and puts the rest on the waiting list in rank order with the reason; offers and
TAK keep to the split too."""

import pytest
from django.urls import reverse

from backend.camps import qualification, services
from backend.camps.models import Application, CampSession
from backend.distribution.models import Participant

from .conftest import apply, make_session, texts

pytestmark = pytest.mark.django_db
P = Participant.Status


@pytest.fixture
def split(camp, coordinator):
    session = make_session(camp, coordinator, capacity=10)
    CampSession.objects.filter(pk=session.pk).update(places_girls=5, places_boys=5)
    session.refresh_from_db()
    return session


def _status(application):
    application.refresh_from_db()
    return application.participant.status if application.participant_id else None


@pytest.fixture
def qualified(camp, coordinator, split, kids):
    girls = [apply(coordinator, camp, kid, [split]) for kid in kids("F", 7)]
    boys = [apply(coordinator, camp, kid, [split]) for kid in kids("M", 3)]
    run = qualification.qualify(coordinator, camp, seed="rooms")
    return girls, boys, run


def test_ten_places_split_five_five_do_not_take_seven_girls(camp, split, qualified, client,
                                                            coordinator):
    girls, boys, run = qualified
    assert {a.sex for a in girls} == {"F"} and {a.sex for a in boys} == {"M"}  # from PESEL
    statuses = [_status(a) for a in girls]
    assert statuses.count(P.REGISTERED) == 5 and statuses.count(P.WAITING) == 2
    assert all(_status(a) == P.REGISTERED for a in boys)

    # The two left out are the last girls of the ranking, waiting in that order, with why.
    girl_ids = {a.pk for a in girls}
    ranked_girls = [r for r in run.result if r["application"] in girl_ids]
    assert [r["status"] for r in ranked_girls] == [P.REGISTERED] * 5 + [P.WAITING] * 2
    assert [r.get("reason") for r in ranked_girls[5:]] == ["girls_full", "girls_full"]
    waiting = [Application.objects.get(pk=r["application"]).participant
               for r in ranked_girls[5:]]
    assert waiting[0].position < waiting[1].position
    assert waiting[0].details["reason"] == "girls_full"

    # Two places are free, but only for boys: nobody waiting gets an offer.
    assert services.offer_places(coordinator, camp, split) == 0
    assert not texts("camp_offer")

    client.force_login(coordinator)
    page = client.get(reverse("camps:qualification", args=[camp.pk])).content.decode()
    assert "brak miejsc dla dziewcząt" in page


def test_a_freed_girls_place_goes_to_the_first_waiting_girl_and_tak_takes_it(
        camp, coordinator, split, qualified):
    girls, boys, run = qualified
    first_waiting = next(a for a in (Application.objects.get(pk=r["application"])
                                     for r in run.result if r.get("reason")))
    services.withdraw(coordinator, boys[0])  # a boy's place: still nothing for girls
    assert not texts("camp_offer")
    placed_girl = next(a for a in girls if _status(a) == P.REGISTERED)
    services.withdraw(coordinator, placed_girl)
    first_waiting.refresh_from_db()
    assert first_waiting.participant.status == P.OFFERED and len(texts("camp_offer")) == 1
    services.on_offer_reply(first_waiting.participant, "confirm")
    assert _status(first_waiting) == P.REGISTERED
    first_waiting.refresh_from_db()
    assert first_waiting.status == Application.Status.PLACED


def test_tak_is_refused_when_the_girls_places_were_cut_meanwhile(camp, coordinator, split,
                                                                 qualified):
    girls, boys, run = qualified
    placed_girl = next(a for a in girls if _status(a) == P.REGISTERED)
    services.withdraw(coordinator, placed_girl)
    offered = Participant.objects.get(status=P.OFFERED)
    # The coordinator turns a girls' room into a boys' one: 4 girls' places, all taken.
    CampSession.objects.filter(pk=split.pk).update(places_girls=4, places_boys=6)
    services.on_offer_reply(offered, "confirm")
    offered.refresh_from_db()
    assert offered.status == P.WAITING  # keeps its turn, is told the place is gone
    assert len(texts("camp_gone")) == 1
    girls_in = services.places_by_sex(split, [P.REGISTERED, P.CHECKED_IN])["F"]
    assert girls_in == 4


def test_a_child_whose_sex_is_unknown_waits_for_a_split_session(camp, coordinator, split,
                                                                 kids):
    unknown = apply(coordinator, camp, kids("F", 1, with_pesel=False)[0], [split])
    assert unknown.sex == ""
    run = qualification.qualify(coordinator, camp, seed="x")
    assert run.result[0]["reason"] == "sex_unknown"
    assert _status(unknown) == P.WAITING


def test_more_girls_places_on_the_session_page_offer_the_next_girl(camp, coordinator, split,
                                                                   qualified):
    from backend.camps.forms import SessionForm

    def form(**changes):
        data = {f: getattr(split, f) for f in SessionForm.Meta.fields}
        data.update({k: ("" if v is None else v) for k, v in {**data, **changes}.items()})
        return SessionForm(data, instance=split)

    too_many = form(places_girls=6, places_boys=5)
    assert not too_many.is_valid() and "places_girls" in too_many.errors
    edit = form(places_girls=6, places_boys=4)
    assert edit.is_valid(), edit.errors
    services.update_session(coordinator, split, edit)
    offered = Participant.objects.get(status=P.OFFERED)
    assert Application.objects.get(participant=offered).sex == "F"
    assert len(texts("camp_offer")) == 1
