"""Demo: a fuel drive collecting coal, with a target by heating type. Idempotent."""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from backend.accounts.models import Site
from backend.inventory import services as stock
from backend.inventory.models import Category, Item, Location
from backend.people.models import Household

from . import services
from .models import Drive, Target

NAME = "Zbiórka opału – zima 2026"
FOOD = "Paczki żywnościowe – grudzień"


def load(stdout=None) -> dict[str, int]:
    _food_drive()
    if Drive.objects.filter(name=NAME).exists():
        return {"drives": Drive.objects.count()}
    actor = get_user_model().objects.filter(username="koordynator").first()
    category, _ = Category.objects.get_or_create(name="Opał")
    coal, _ = Item.objects.get_or_create(name="Węgiel kamienny",
                                         defaults={"category": category, "unit": "t"})
    drive = services.create_drive(
        actor, name=NAME, kind=Drive.Kind.FUEL, sites=Site.objects.filter(
            kind__in=[Site.Kind.FIELD_OFFICE, Site.Kind.WAREHOUSE,
                     Site.Kind.PICKUP_POINT]),
        coordinators=[actor] if actor else [], collection_start=dt.date(2026, 10, 1),
        collection_end=dt.date(2026, 11, 30), distribution_start=dt.date(2026, 12, 1),
        distribution_end=dt.date(2026, 12, 20), public_progress=True)
    services.save_target(actor, drive, Target(
        item=coal, quantity=Decimal("40"), policy=Target.Policy.HEATING,
        heating_amounts={"coal": 2, "pellet": 1}, minimum=Decimal("1")))
    services.advance(actor, drive)  # collecting
    return {"drives": Drive.objects.count()}


def _food_drive() -> None:
    """A food drive with short stock and lots that expire before its hand-over: the
    preview (Zbiórki › Przydział) leaves those lots out and gives equal households equal
    shares. Nothing is reserved until the coordinator confirms."""
    if Drive.objects.filter(name=FOOD).exists():
        return
    milk = Item.objects.filter(name="Mleko UHT").first()
    pasta = Item.objects.filter(name="Makaron").first()
    households = list(Household.objects.filter(referral_number__startswith="DEMO/",
                                               status=Household.Status.ACTIVE))
    shelf = Location.objects.filter(kind=Location.Kind.SHELF, name="A-3").first()
    if milk is None or pasta is None or shelf is None or not households:
        return
    actor = get_user_model().objects.filter(username="koordynator").first()
    today = timezone.localdate()
    start, end = today + dt.timedelta(days=14), today + dt.timedelta(days=20)
    drive = services.create_drive(
        actor, name=FOOD, kind=Drive.Kind.FOOD, sites=Site.objects.filter(
            kind__in=[Site.Kind.FIELD_OFFICE, Site.Kind.WAREHOUSE,
                     Site.Kind.PICKUP_POINT]),
        coordinators=[actor] if actor else [], collection_start=today - dt.timedelta(days=30),
        collection_end=today + dt.timedelta(days=10), distribution_start=start,
        distribution_end=end)
    services.save_target(actor, drive, Target(item=milk, quantity=Decimal("64"),
                                              policy=Target.Policy.FIXED, amount=2,
                                              minimum=Decimal("1")))
    services.save_target(actor, drive, Target(item=pasta, quantity=Decimal("100"),
                                              policy=Target.Policy.PER_PERSON_CAP, amount=1,
                                              cap=Decimal("4"), minimum=Decimal("1")))
    # Fresh stock, short of the need; the lots inventory's demo made expire before `end`.
    stock.create_lot(actor, milk, shelf, 40, expiry=end + dt.timedelta(days=90),
                     source="Bank Żywności w Łodzi")
    stock.create_lot(actor, pasta, shelf, 40, expiry=end + dt.timedelta(days=200),
                     source="Bank Żywności w Łodzi")
    stock.create_lot(actor, milk, shelf, 12, expiry=start - dt.timedelta(days=2),
                     source="darowizna sklepu")  # expires before the hand-over starts
    services.advance(actor, drive)  # collecting
    services.enrol_households(actor, drive, households)
