"""Demo: a fuel drive collecting coal, with a target by heating type. Idempotent."""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model

from backend.accounts.models import Site
from backend.inventory.models import Category, Item

from . import services
from .models import Drive, Target

NAME = "Zbiórka opału – zima 2026"


def load(stdout=None) -> dict[str, int]:
    if Drive.objects.filter(name=NAME).exists():
        return {"drives": Drive.objects.count()}
    actor = get_user_model().objects.filter(username="koordynator").first()
    category, _ = Category.objects.get_or_create(name="Opał")
    coal, _ = Item.objects.get_or_create(name="Węgiel kamienny",
                                         defaults={"category": category, "unit": "t"})
    drive = services.create_drive(
        actor, name=NAME, kind=Drive.Kind.FUEL, sites=Site.objects.filter(
            kind__in=[Site.Kind.WAREHOUSE, Site.Kind.PICKUP_POINT]),
        coordinators=[actor] if actor else [], collection_start=dt.date(2026, 10, 1),
        collection_end=dt.date(2026, 11, 30), distribution_start=dt.date(2026, 12, 1),
        distribution_end=dt.date(2026, 12, 20), public_progress=True)
    services.save_target(actor, drive, Target(
        item=coal, quantity=Decimal("40"), policy=Target.Policy.HEATING,
        heating_amounts={"coal": 2, "pellet": 1}, minimum=Decimal("1")))
    services.advance(actor, drive)  # collecting
    return {"drives": Drive.objects.count()}
