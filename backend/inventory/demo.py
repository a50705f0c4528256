"""Demo catalogue and warehouse locations (Polish). Idempotent: natural keys."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from backend.accounts.models import Site

from . import services
from .models import Category, Item, ItemBarcode, Location, Lot

# (category, [(name, unit, perishable, individual, min_stock)])
CATALOGUE = [
    ("Opał", [("Węgiel kamienny", "t", False, False, 5), ("Drewno opałowe", "m3", False, False, 10),
              ("Pellet drzewny", "kg", False, False, 500),
              ("Pellet drzewny – worki 15 kg", "opak", False, False, 40)]),
    ("Żywność", [("Ryż", "kg", True, False, 50), ("Makaron", "kg", True, False, 50),
                 ("Mąka pszenna", "kg", True, False, 40), ("Cukier", "kg", True, False, 40),
                 ("Olej rzepakowy", "l", True, False, 30),
                 ("Konserwy mięsne", "szt", True, False, 100),
                 ("Mleko UHT", "l", True, False, 60)]),
    ("Higiena", [("Środki czystości – zestaw", "opak", False, False, 20),
                 ("Pieluchy dziecięce", "opak", False, False, 20),
                 ("Mydło i pasta do zębów – zestaw", "opak", False, False, 30)]),
    ("Dla dzieci", [("Słodycze – paczka", "opak", True, False, 100),
                    ("Zabawki", "szt", False, False, 50),
                    ("Wyprawka szkolna", "opak", False, False, 40)]),
    ("Meble", [("Łóżko", "szt", False, True, 0), ("Szafa", "szt", False, True, 0)]),
    ("AGD", [("Lodówka", "szt", False, True, 0), ("Pralka", "szt", False, True, 0)]),
    ("Sprzęt rehabilitacyjny", [("Wózek inwalidzki", "szt", False, True, 0),
                                ("Balkonik", "szt", False, True, 0),
                                ("Kule łokciowe (para)", "szt", False, True, 0),
                                ("Wózek dziecięcy", "szt", False, True, 0)]),
]
EANS = {"5900512300108": "Ryż", "5900049011525": "Makaron", "5900977000011": "Cukier"}
ZONES = {"A – żywność": ["A-1", "A-2", "A-3"], "B – chemia i dzieci": ["B-1", "B-2", "B-3"],
         "C – meble i sprzęt": ["C-1", "C-2"], "D – opał (plac)": ["D-1"]}


def _location(site, name, kind, parent=None) -> Location:
    found = Location.objects.filter(site=site, parent=parent, name=name).first()
    return found or services.create_location(None, site, name, kind, parent)


@transaction.atomic
def load(stdout=None) -> dict[str, int]:
    for category_name, items in CATALOGUE:
        purpose = (Category.Purpose.EQUIPMENT if any(i[3] for i in items)
                   else Category.Purpose.GOODS)
        category, _ = Category.objects.get_or_create(name=category_name,
                                                     defaults={"purpose": purpose})
        for name, unit, perishable, individual, minimum in items:
            Item.objects.get_or_create(name=name, defaults={
                "category": category, "unit": unit, "perishable": perishable,
                "individual": individual, "min_stock": minimum})
    for code, name in EANS.items():
        ItemBarcode.objects.get_or_create(code=code, defaults={"item": Item.objects.get(name=name)})
    site = Site.objects.filter(kind=Site.Kind.WAREHOUSE).order_by("id").first()
    if site is None:
        return {"items": Item.objects.count(), "lots": 0}
    hall = _location(site, "Hala główna", Location.Kind.WAREHOUSE)
    shelves = {}
    for zone_name, shelf_names in ZONES.items():
        zone = _location(site, zone_name, Location.Kind.ZONE, hall)
        for shelf in shelf_names:
            shelves[shelf] = _location(site, shelf, Location.Kind.SHELF, zone)
    if not Lot.objects.exists():
        today = timezone.localdate()
        stock = [("Ryż", 120, "A-1", 200), ("Makaron", 30, "A-1", 10),
                 ("Mąka pszenna", 60, "A-2", 90),
                 ("Cukier", 45, "A-2", 120), ("Olej rzepakowy", 24, "A-3", 8),
                 ("Konserwy mięsne", 150, "A-3", 300), ("Mleko UHT", 36, "A-3", 12),
                 ("Słodycze – paczka", 80, "B-2", 60), ("Zabawki", 35, "B-3", None),
                 ("Wyprawka szkolna", 25, "B-3", None), ("Węgiel kamienny", 12, "D-1", None),
                 ("Drewno opałowe", 20, "D-1", None)]
        for name, quantity, shelf, days in stock:
            services.create_lot(None, Item.objects.get(name=name), shelves[shelf], quantity,
                                expiry=today + dt.timedelta(days=days) if days else None,
                                source="Bank Żywności w Łodzi")
        for name, shelf, condition in [("Lodówka", "C-1", "good"), ("Pralka", "C-1", "fair"),
                                       ("Wózek inwalidzki", "C-2", "good"),
                                       ("Balkonik", "C-2", "new"), ("Łóżko", "C-1", "good")]:
            services.create_lot(None, Item.objects.get(name=name), shelves[shelf], 1,
                                kind=Lot.Kind.UNIT, condition=condition, source="darowizna")
    return {"items": Item.objects.count(), "lots": Lot.objects.count()}
