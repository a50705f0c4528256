"""Demo: a parish partner running the Retkinia pickup point (log-in `partner`, sees first
names and pickup codes), and a collection for an outside cause handed to an association with
a transfer protocol. Idempotent."""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from backend.accounts import roles
from backend.accounts.models import Site
from backend.donations.models import Donation, DonationLine
from backend.drives import services as drives
from backend.drives.models import Drive
from backend.inventory import services as stock
from backend.inventory.models import Category, Item, Location
from backend.people.demo import DEMO_PASSWORD

from . import services
from .models import Partner

CAUSE = "Akcja Afganistan – zbiórka dla rodzin z Afganistanu"


def load(stdout=None) -> dict[str, int]:
    if Partner.objects.exists():
        return {"partners": Partner.objects.count()}
    actor = get_user_model().objects.filter(username="koordynator").first()
    point = Site.objects.filter(kind=Site.Kind.PICKUP_POINT).first()
    parish = Partner.objects.create(name="Caritas Parafii św. Józefa", kind=Partner.Kind.PARISH,
                                    address="ul. Armii Krajowej 32, 94-046 Łódź",
                                    phone="+48426880000", point=point)
    user, created = get_user_model().objects.get_or_create(
        username="partner", defaults={"first_name": "Paulina", "last_name": "Parafialna",
                                      "email": "partner@example.org"})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    user.groups.set([Group.objects.get(name=roles.PARTNER)])
    if point is not None:
        user.sites.set([point])
    parish.users.add(user)
    services.set_access(actor, parish, "code", "Porozumienie o współpracy nr 4/2026")
    association = Partner.objects.create(
        name="Stowarzyszenie „Most” – pomoc uchodźcom", kind=Partner.Kind.NGO,
        nip="7252034567", address="ul. Wólczańska 55, 90-608 Łódź")
    _cause(actor, association)
    return {"partners": Partner.objects.count()}


def _cause(actor, partner) -> None:
    shelf = Location.objects.filter(kind=Location.Kind.SHELF).first()
    if shelf is None:
        return
    site = shelf.site
    gifts, _ = Category.objects.get_or_create(name="Dary rzeczowe")
    drive = drives.create_drive(actor, name=CAUSE, kind=Drive.Kind.OTHER, sites=[site],
                                public_progress=True)
    donation = Donation.objects.create(date=timezone.localdate(), site=site, drive_id=drive.pk,
                                       created_by=actor)
    for name, unit, quantity in (("Koc polarowy", "szt", 60), ("Kurtka zimowa dziecięca",
                                                                "szt", 35),
                                 ("Mleko modyfikowane", "opak", 48)):
        item, _ = Item.objects.get_or_create(name=name, defaults={"category": gifts,
                                                                  "unit": unit})
        lot = stock.create_lot(actor, item, shelf, quantity, ref=donation,
                               source="Akcja Afganistan")
        DonationLine.objects.create(donation=donation, item=item, quantity=Decimal(quantity),
                                    location=shelf, lot=lot)
    services.transfer(actor, drive, partner)
