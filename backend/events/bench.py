"""Events: invitations to N children queued (SMS rows in the outbox), and the check-in
round trip through the real view (time and queries) next to a framework floor (the
/api/v1/me/ view on the same client, measured in the same run)."""

import datetime as dt
import secrets
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import Client
from django.urls import reverse

from backend.accounts import roles
from backend.accounts.models import Site
from backend.common.bench import measure
from backend.distribution import participants as engine
from backend.inventory import services as stock
from backend.inventory.models import Category, Item, Location
from backend.notifications.models import OutboxMessage
from backend.people.models import Household, Person

from . import invitations, services
from .models import Event, Session

SUITE = "events"


def add_arguments(parser) -> None:
    parser.add_argument("--children", type=int, default=5_000)


def seed(count: int):
    site, _ = Site.objects.get_or_create(name="Bench events", defaults={
        "kind": Site.Kind.FIELD_OFFICE, "street": "ul. Bench 1", "postal_code": "90-001",
        "city": "Łódź"})
    households = Household.objects.bulk_create(
        [Household(site=site, city="Łódź", display_name=f"Bench {i:05d}", member_count=2)
         for i in range(count)], batch_size=2000)
    if households[0].pk is None:
        households = list(Household.objects.filter(site=site).order_by("pk"))
    people = []
    for i, h in enumerate(households):
        people.append(Person(household=h, first_name="Anna", last_name=h.display_name,
                             relation="head", birth_date=dt.date(1985, 1, 1),
                             phone=f"+4866{i:07d}", phone_is_mobile=True, sms_consent=True))
        people.append(Person(household=h, first_name="Zosia", last_name=h.display_name,
                             relation="child", birth_date=dt.date(2018, 1 + i % 12, 1)))
    Person.objects.bulk_create(people, batch_size=2000)
    event = services.create_event(None, name="Bench Mikołajki", kind=Event.Kind.MIKOLAJKI,
                                  date=dt.date(2026, 12, 6), site=site)
    event = services.advance(None, event)  # registration open
    session = services.add_session(None, event, Session(
        name="Sala", start=dt.time(10), end=dt.time(12), capacity=count + 100))
    return event, session, Household.objects.filter(site=site)


def run(options, emit) -> None:
    count = options["children"]
    event, session, households = seed(count)
    start = time.perf_counter()
    with transaction.atomic():
        queued = invitations.send(None, event, session, households)
    seconds = time.perf_counter() - start
    emit({"benchmark": "events.invitations_queued", "children": count, "queued": queued,
          "outbox_rows": OutboxMessage.objects.filter(purpose="event_invitation").count(),
          "seconds": round(seconds, 3)})

    roles.sync_roles()
    user, _ = get_user_model().objects.get_or_create(username="bench-events")
    user.groups.add(Group.objects.get(name=roles.VOLUNTEER))
    child = Person.objects.filter(household__in=households, relation="child").first()
    client = Client()
    client.force_login(user)
    floor = measure(lambda: client.get("/api/v1/me/"), options["repeat"])
    emit({"benchmark": "events.floor_me_api", "repeat": options["repeat"], **floor})
    url = reverse("events:checkin_scan", args=[event.pk])
    category, _c = Category.objects.get_or_create(name="Bench prezenty")
    gift = Item.objects.create(name="Bench gra", category=category, unit="szt")
    store = stock.create_location(None, event.site, "Bench magazyn", Location.Kind.WAREHOUSE)
    stock.create_lot(None, gift, store, 2 * (options["repeat"] + 1))
    for name, with_gift in (("events.checkin_round_trip_no_gift", False),
                            ("events.checkin_round_trip", True)):
        codes = []
        for _i in range(options["repeat"] + 1):
            row = engine.register(None, event.distribution, session, [{
                "first_name": child.first_name, "birth_date": child.birth_date}])[0]
            if with_gift:
                engine.reserve_gift(None, row, gift)
            codes.append(row.code)

        def check_in(codes=codes):
            response = client.post(url, {"code": codes.pop(), "nonce": secrets.token_hex(8)})
            assert response.status_code == 200 and b'data-code="ok"' in response.content

        figures = measure(check_in, options["repeat"])
        emit({"benchmark": name, "repeat": options["repeat"], **figures,
              "ratio_to_floor": round(figures["median_ms"] / max(floor["median_ms"], 0.01), 2)})
