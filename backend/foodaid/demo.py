"""Demo: two FEPŻ sub-programmes (235 % last year, 265 % now) with the 18-article ration set
of 39,6 kg a person, referrals for the demo households (one from last year, one accepted above
the threshold), a FEPŻ drive handing out at Retkinia today with some hand-overs done (one
household over the cap), and a cooking workshop. Idempotent."""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from backend.accounts.models import Site
from backend.distribution import services as engine
from backend.distribution.models import Enrolment, PickupSlot
from backend.drives import services as drives
from backend.drives.models import Drive, Target
from backend.inventory import services as stock
from backend.inventory.models import Category, Item, Location
from backend.people.models import Household

from . import criteria, services
from .models import Criterion, FoodAidDrive, Referral, SubProgramme, Workshop

NAME = "FEPŻ – wydawanie żywności (Podprogram 2025)"
# (article, unit, kg or l per person a year): 39,6 a person in all.
RATION = [("Makaron świderki", "kg", "4"), ("Ryż biały", "kg", "2"),
          ("Kasza gryczana", "kg", "1.5"), ("Płatki owsiane", "kg", "1"),
          ("Mleko UHT", "l", "6"), ("Ser podpuszczkowy dojrzewający", "kg", "1.2"),
          ("Groszek z marchewką", "kg", "2.4"), ("Fasola biała", "kg", "2.4"),
          ("Koncentrat pomidorowy", "kg", "1.6"), ("Buraczki wiórki", "kg", "2"),
          ("Powidła śliwkowe", "kg", "1.8"), ("Szynka drobiowa", "kg", "2.4"),
          ("Pasztet drobiowy", "kg", "1.6"), ("Filet z makreli w oleju", "kg", "1.7"),
          ("Cukier biały", "kg", "3"), ("Olej rzepakowy", "l", "3"), ("Miód", "kg", "0.8"),
          ("Herbatniki", "kg", "1.2")]
HANDED = {"Makaron świderki": 2, "Mleko UHT": 3, "Olej rzepakowy": 1, "Cukier biały": 2}


def load(stdout=None) -> dict[str, int]:
    if SubProgramme.objects.filter(name="Podprogram 2025").exists():
        return {"referrals": Referral.objects.count()}
    actor = get_user_model().objects.filter(username="koordynator").first()
    criteria.seed(Criterion)
    old = SubProgramme.objects.create(name="Podprogram 2024", starts_on=dt.date(2024, 7, 1),
                                      ends_on=dt.date(2025, 6, 30), threshold_percent=235,
                                      share_deadline=dt.date(2025, 6, 30))
    new = SubProgramme.objects.create(name="Podprogram 2025", starts_on=dt.date(2025, 7, 1),
                                      ends_on=dt.date(2026, 12, 31), threshold_percent=265,
                                      share_deadline=dt.date(2026, 12, 31))
    category, _ = Category.objects.get_or_create(name="Żywność FEPŻ")
    items = {}
    for name, unit, per_person in RATION:
        # FEPŻ food is the programme's own stock, never the warehouse's general items
        items[name], _ = Item.objects.get_or_create(name=f"{name} (FEPŻ)", defaults={
            "category": category, "unit": unit})
        new.articles.create(item=items[name], per_person=Decimal(per_person))
    households = list(Household.objects.filter(referral_number__startswith="DEMO/",
                                               status=Household.Status.ACTIVE)
                      .order_by("id")[:10])
    if not households:
        return {"referrals": 0}
    today = timezone.localdate()
    referred = []
    for n, household in enumerate(households, start=1):
        members = list(household.members.all())
        persons = max(len(members), 1)
        income = (household.monthly_income or Decimal("900")) / persons
        referral = Referral(
            number=f"MOPS/FEPŻ/{n:03d}/2025", issuing_centre="MOPS w Łodzi", subprogramme=new,
            household=household, person=members[0] if members else None,
            issued_on=max(new.starts_on, today - dt.timedelta(days=60 + n)),
            valid_until=new.ends_on, reasons=["poverty"] + (["maternity"] if persons > 4
                                                             else []),
            females=sum(1 for m in members if m.first_name.endswith("a")) or 1,
            males=sum(1 for m in members if not m.first_name.endswith("a")),
            children=sum(1 for m in members if m.relation == "child"),
            target_groups=["large_family"] if persons > 4 else [],
            income_per_person=income.quantize(Decimal("0.01")), statement_on=today)
        referral.females = persons - referral.males
        if n == 10:  # above the threshold, accepted by the coordinator with a reason
            referral.income_per_person = Decimal("2450.00")
            services.create_referral(actor, referral,
                                     override_reason="Wysokie koszty leczenia (zaświadczenie)")
        else:
            services.create_referral(actor, referral)
        referred.append(household)
    services.create_referral(actor, Referral(  # last year's: checked against 235 % then
        number="MOPS/POPŻ/044/2024", issuing_centre="MOPS w Łodzi", subprogramme=old,
        household=households[0], issued_on=dt.date(2024, 9, 2),
        valid_until=dt.date(2025, 6, 30), reasons=["poverty"], females=1, males=0,
        income_per_person=Decimal("1350.00"), statement_on=dt.date(2024, 9, 2)))
    _drive(actor, new, items, referred[:6], today)
    point = Site.objects.filter(kind=Site.Kind.PICKUP_POINT).first()
    if point is not None:
        Workshop.objects.create(subprogramme=new, title="Warsztaty kulinarne: zdrowe obiady",
                                date=today + dt.timedelta(days=7), site=point)
    return {"referrals": Referral.objects.count()}


def _drive(actor, subprogramme, items, households, today) -> None:
    shelf = Location.objects.filter(kind=Location.Kind.SHELF).first()
    point = Site.objects.filter(kind=Site.Kind.PICKUP_POINT).first()
    if shelf is None or point is None:
        return
    drive = drives.create_drive(actor, name=NAME, kind=Drive.Kind.FOOD, sites=[point],
                                coordinators=[actor] if actor else [],
                                distribution_start=today, distribution_end=today)
    FoodAidDrive.objects.create(distribution=drive.distribution, subprogramme=subprogramme)
    for name, amount in HANDED.items():
        drives.save_target(actor, drive, Target(item=items[name], quantity=Decimal("200"),
                                                policy=Target.Policy.PER_PERSON, amount=amount))
        stock.create_lot(actor, items[name], shelf, 200, expiry=today + dt.timedelta(days=300),
                         source="Bank Żywności w Łodzi")
    drives.enrol_households(actor, drive, households)
    drives.commit(actor, drive)
    PickupSlot.objects.create(distribution=drive.distribution, site=point, date=today,
                              start=dt.time(8), end=dt.time(20), capacity=50)
    engine.assign_slots(actor, drive.distribution)
    while drive.status != Drive.Status.DISTRIBUTING:
        drive = drives.advance(actor, drive)
    for n, enrolment in enumerate(Enrolment.objects.filter(distribution=drive.distribution)
                                  .order_by("id")[:3]):
        engine.hand_over(actor, enrolment, nonce=f"demo-fepz-{n}", site=point)
    first = Referral.objects.get(subprogramme=subprogramme, household=households[0])
    honey = subprogramme.articles.get(item=items["Miód"])
    services.add_entry(actor, first, honey, services.cap(first, honey) + Decimal("0.5"),
                       reason="Wydanie z poprzedniej dostawy (korekta)")  # over the cap
