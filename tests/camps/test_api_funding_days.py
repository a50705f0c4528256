"""The API of sponsorships and day activities (days, sign-ups, attendance): the same
permissions as their pages (role matrix), site scope, FilterSets, refusals as 409."""

import datetime as dt
import itertools

import pytest
from rest_framework.test import APIClient

from backend.accounts import roles
from backend.camps import days, funding, qualification, services
from backend.camps.models import (
    Application,
    CampSession,
    DaySignup,
    HealthCard,
    Sponsorship,
)
from backend.distribution.models import Participant
from tests.factories import DonorFactory
from tests.matrix import A, C, S, V, W, api, assert_api_matrix

from .conftest import START, apply, make_session

pytestmark = pytest.mark.django_db
PREFIXES = itertools.count(700)
SECRET = "Astma, inhalator w plecaku"


@pytest.fixture
def build(camp, coordinator, children):
    """A fresh day-camp week with two placed children, a day (one place) and a sign-up."""

    def make(places_on_day=2):
        week = make_session(camp, coordinator, name=f"Tydzień {next(PREFIXES)}", capacity=5)
        CampSession.objects.filter(pk=week.pk).update(kind=CampSession.Kind.DAY,
                                                      end=START + dt.timedelta(days=4))
        week.refresh_from_db()
        kids = children(2, prefix=str(next(PREFIXES)))
        apps = [apply(coordinator, camp, kid, [week]) for kid in kids]
        HealthCard.objects.filter(application__in=apps).update(health_notes=SECRET)
        qualification.qualify(coordinator, camp, seed="api")
        day = days.add_day(coordinator, week, date=START, title="Zoo",
                           capacity=places_on_day)
        signup = days.sign_up(coordinator, day, apps[0])
        spare = children(1, prefix=str(next(PREFIXES)))[0]
        form = services.submit_public(camp, preferences=[week.pk], parent_name="Anna",
                                      parent_phone="+48602000001",
                                      child_first_name=spare.first_name,
                                      child_birth_date=spare.birth_date, consent_data=True)
        return {"camp": camp, "session": week, "day": day, "apps": apps, "signup": signup,
                "donor": DonorFactory(), "form": form, "spare": spare}

    return make


READ = [
    api("sponsorships", lambda o: "/api/v1/camps/sponsorships/", {A, C}),
    api("outfits", lambda o: "/api/v1/camps/outfits/", {A, C}),
    api("days", lambda o: f"/api/v1/camps/days/?session={o['session'].pk}", {A, C, S, W, V}),
    api("day", lambda o: f"/api/v1/camps/days/{o['day'].pk}/", {A, C, S, W, V}),
    api("signups", lambda o: f"/api/v1/camps/day-signups/?day={o['day'].pk}",
        {A, C, S, W, V}),
    api("signup", lambda o: f"/api/v1/camps/day-signups/{o['signup'].pk}/", {A, C, S, W, V}),
]
WRITE = [
    api("sponsor", lambda o: "/api/v1/camps/sponsorships/", {A, C}, method="post",
        body=lambda o: {"session": o["session"].pk, "donor": o["donor"].pk,
                        "amount": "500.00", "places": 1, "purpose": "śpiwory"}),
    api("add_day", lambda o: "/api/v1/camps/days/", {A, C}, method="post",
        body=lambda o: {"session": o["session"].pk, "date": str(START + dt.timedelta(days=1)),
                        "title": "Basen", "capacity": 10}),
    api("sign_up", lambda o: "/api/v1/camps/day-signups/", {A, C, S}, method="post",
        body=lambda o: {"day": o["day"].pk, "application": o["apps"][1].pk}),
    api("cancel", lambda o: f"/api/v1/camps/day-signups/{o['signup'].pk}/", {A, C, S},
        method="delete"),
    api("present", lambda o: f"/api/v1/camps/day-signups/{o['signup'].pk}/present/",
        {A, C, W, V}, method="post", ok=200),
    api("withdraw", lambda o: f"/api/v1/camps/applications/{o['apps'][1].pk}/withdraw/",
        {A, C, S}, method="post", ok=200),
    api("documents", lambda o: f"/api/v1/camps/applications/{o['apps'][1].pk}/documents/",
        {A, C, S}, method="post", ok=200, body=lambda o: {"card_signed": True}),
    api("verify", lambda o: f"/api/v1/camps/applications/{o['form'].pk}/verify/",
        {A, C, S}, method="post", ok=200, body=lambda o: {"child": o["spare"].pk}),
    api("qualify", lambda o: "/api/v1/camps/qualifications/", {A, C}, method="post",
        body=lambda o: {"camp": o["camp"].pk, "seed": "m"}),
]


def test_role_matrix_of_sponsorships_and_day_activities(users, build):
    assert_api_matrix(users, READ, build(), fresh=build)
    assert_api_matrix(users, WRITE, build(), fresh=build)


def _client(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_sponsorship_through_the_service_and_refused_as_409(users, build):
    world = build()
    client = _client(users[C])
    made = client.post("/api/v1/camps/sponsorships/", {
        "session": world["session"].pk, "donor": world["donor"].pk, "amount": "1200.00",
        "places": 2}, format="json")
    assert made.status_code == 201, made.content
    assert made.json()["camp"] == world["camp"].pk and made.json()["places"] == 2
    empty = client.post("/api/v1/camps/sponsorships/", {
        "session": world["session"].pk, "donor": world["donor"].pk}, format="json")
    assert empty.status_code == 409
    assert empty.json()["code"] == "empty_sponsorship" and empty.json()["message"]
    assert Sponsorship.objects.count() == 1
    listed = client.get(f"/api/v1/camps/sponsorships/?session={world['session'].pk}").json()
    assert listed["count"] == 1
    assert client.get("/api/v1/camps/sponsorships/?camp=0").json()["count"] == 0


def test_days_sign_ups_and_attendance_through_the_services(users, build):
    world = build(places_on_day=1)
    client = _client(users[C])
    day = client.get(f"/api/v1/camps/days/{world['day'].pk}/").json()
    assert (day["signed"], day["present"], day["free"]) == (1, 0, 0)
    outside = client.post("/api/v1/camps/days/", {
        "session": world["session"].pk, "date": "2027-08-30", "title": "x", "capacity": 1},
        format="json")
    assert outside.status_code == 409 and outside.json()["code"] == "outside_session"
    full = client.post("/api/v1/camps/day-signups/", {
        "day": world["day"].pk, "application": world["apps"][1].pk}, format="json")
    assert full.status_code == 409 and full.json()["code"] == "day_full"
    assert DaySignup.objects.filter(day=world["day"]).count() == 1

    volunteer = _client(users[V])
    url = f"/api/v1/camps/day-signups/{world['signup'].pk}/present/"
    first, again = volunteer.post(url), volunteer.post(url)
    assert first.status_code == again.status_code == 200
    assert first.json()["marked"] is True and again.json()["marked"] is False
    assert first.json()["signup"]["attended_at"] == again.json()["signup"]["attended_at"]
    listing = volunteer.get(f"/api/v1/camps/day-signups/?session={world['session'].pk}"
                            "&present=true")
    assert listing.json()["count"] == 1
    assert SECRET not in listing.content.decode() and "+48" not in listing.content.decode()
    assert volunteer.get(f"/api/v1/camps/day-signups/?day={world['day'].pk}&present=false"
                         ).json()["count"] == 0

    cancel = client.delete(f"/api/v1/camps/day-signups/{world['signup'].pk}/")
    assert cancel.status_code == 409 and cancel.json()["code"] == "attended"
    assert DaySignup.objects.filter(pk=world["signup"].pk).exists()


def test_a_child_without_a_place_in_the_session_is_refused(users, build, camp, coordinator,
                                                           children):
    world = build()
    waiting = apply(coordinator, camp, children(1, prefix="799")[0], [world["session"]])
    response = _client(users[C]).post("/api/v1/camps/day-signups/", {
        "day": world["day"].pk, "application": waiting.pk}, format="json")
    assert response.status_code == 409 and response.json()["code"] == "not_in_session"


def test_sign_ups_follow_the_site_scope(build, make_user, other_site):
    world = build()
    worker = _client(make_user(roles.SOCIAL_WORKER, "sw-widzew", sites=[other_site]))
    assert worker.get("/api/v1/camps/day-signups/").json()["count"] == 0
    assert worker.get(f"/api/v1/camps/day-signups/{world['signup'].pk}/").status_code == 404
    response = worker.post("/api/v1/camps/day-signups/", {
        "day": world["day"].pk, "application": world["apps"][1].pk}, format="json")
    assert response.status_code == 400 and "application" in response.json()
    assert not DaySignup.objects.filter(application=world["apps"][1]).exists()


def test_application_actions_through_the_services(users, build):
    world = build()
    client = _client(users[S])
    verified = client.post(f"/api/v1/camps/applications/{world['form'].pk}/verify/",
                           {"child": world["spare"].pk}, format="json")
    assert verified.status_code == 200 and verified.json()["status"] == "verified"
    assert verified.json()["child"] == world["spare"].pk
    again = client.post(f"/api/v1/camps/applications/{world['form'].pk}/verify/",
                        {"child": world["spare"].pk}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "not_submitted"
    docs = client.post(f"/api/v1/camps/applications/{world['apps'][0].pk}/documents/",
                       {"card_signed": True, "medical_note": True}, format="json")
    assert docs.status_code == 200
    assert (docs.json()["card_signed"], docs.json()["medical_note"],
            docs.json()["contribution_paid"]) == (True, True, False)

    coordinator = _client(users[C])
    run = coordinator.post("/api/v1/camps/qualifications/",
                           {"camp": world["camp"].pk, "seed": "api-seed"}, format="json")
    assert run.status_code == 201 and run.json()["seed"] == "api-seed"
    assert [r["application"] for r in run.json()["result"]] == [world["form"].pk]
    world["form"].refresh_from_db()
    assert world["form"].status == Application.Status.PLACED

    gone = client.post(f"/api/v1/camps/applications/{world['apps'][1].pk}/withdraw/")
    assert gone.status_code == 200 and gone.json()["status"] == "withdrawn"
    world["apps"][1].refresh_from_db()
    assert world["apps"][1].participant.status == Participant.Status.CANCELLED


def test_verify_refuses_a_child_of_another_office(build, make_user, other_site):
    world = build()
    worker = _client(make_user(roles.SOCIAL_WORKER, "sw-widzew2", sites=[other_site]))
    response = worker.post(f"/api/v1/camps/applications/{world['form'].pk}/verify/",
                           {"child": world["spare"].pk}, format="json")
    assert response.status_code == 400 and "child" in response.json()
    world["form"].refresh_from_db()
    assert world["form"].status == Application.Status.SUBMITTED


def test_outfit_reserved_through_the_ledger_by_api(users, build, site, camp, coordinator,
                                                   children):
    from backend.inventory import services as stock
    from backend.inventory.models import Balance, Category, Item, Location

    shelf = stock.create_location(None, site, "Magazyn", Location.Kind.WAREHOUSE)
    bag = Item.objects.create(name="Śpiwór", category=Category.objects.create(name="Wyprawka"),
                              unit="szt")
    stock.create_lot(None, bag, shelf, 2)
    world = build()
    client = _client(users[C])
    made = client.post("/api/v1/camps/outfits/", {"application": world["apps"][0].pk,
                                                   "item": bag.pk}, format="json")
    assert made.status_code == 201, made.content
    assert made.json()["status"] == "reserved" and made.json()["session"] == world["session"].pk
    balance = Balance.objects.get(lot__item=bag)
    assert (balance.quantity, balance.reserved) == (2, 1)
    too_many = client.post("/api/v1/camps/outfits/", {
        "application": world["apps"][1].pk, "item": bag.pk, "quantity": "5"}, format="json")
    assert too_many.status_code == 409 and too_many.json()["code"]
    waiting = apply(coordinator, camp, children(1, prefix="798")[0], [world["session"]])
    refused = client.post("/api/v1/camps/outfits/", {"application": waiting.pk,
                                                      "item": bag.pk}, format="json")
    assert refused.status_code == 409 and refused.json()["code"] == "not_qualified"
    listed = client.get(f"/api/v1/camps/outfits/?session={world['session'].pk}").json()
    assert listed["count"] == 1 and listed["results"][0]["first_name"]
    assert _client(users[V]).get("/api/v1/camps/outfits/").status_code == 403


def test_list_queries_do_not_grow_with_rows(users, camp, coordinator, children):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    week = make_session(camp, coordinator, name="Tydzień Q", capacity=6)
    CampSession.objects.filter(pk=week.pk).update(end=START + dt.timedelta(days=4))
    week.refresh_from_db()
    apps = [apply(coordinator, camp, kid, [week]) for kid in children(5, prefix="797")]
    qualification.qualify(coordinator, camp, seed="q")
    client = _client(users[C])
    urls = ["/api/v1/camps/day-signups/", "/api/v1/camps/days/",
            "/api/v1/camps/sponsorships/"]

    def counts():
        out = []
        for url in urls:
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200
            # the throttles' cache table aside (it culls now and then)
            out.append(sum("wspolnie_cache" not in q["sql"] for q in ctx.captured_queries))
        return out

    day = days.add_day(coordinator, week, date=START, title="Zoo", capacity=9)
    days.sign_up(coordinator, day, apps[0])
    funding.add_sponsorship(coordinator, week, DonorFactory(), places=1)
    counts()  # warm: the user's permissions are cached after the first request
    few = counts()
    for offset, application in enumerate(apps[1:], start=1):
        days.sign_up(coordinator, day, application)
        days.add_day(coordinator, week, date=START + dt.timedelta(days=offset), title="x",
                     capacity=3)
        funding.add_sponsorship(coordinator, week, DonorFactory(), places=1)
    assert counts() == few, few
