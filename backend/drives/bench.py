"""Drives: allocate N households, assign slots + enqueue N notices, the list PDF."""

import datetime as dt
import time

from django.contrib.auth import get_user_model
from django.db import transaction

from backend.accounts.models import Site
from backend.distribution import services as engine
from backend.distribution.models import Enrolment, PickupSlot
from backend.inventory import services as stock
from backend.inventory.models import Category, Item, Location
from backend.people.models import Household, Person

from . import documents, services
from .models import Target

SUITE = "drives"
DAY = dt.date(2026, 12, 1)


def add_arguments(parser) -> None:
    parser.add_argument("--households", type=int, default=10_000)
    parser.add_argument("--pdf-rows", type=int, default=2_000)


def seed(count: int, pdf_rows: int):
    """Households, enrolments and slots in bulk (load, not user work); stock for 70%."""
    user, _ = get_user_model().objects.get_or_create(username="bench-drives")
    site, _ = Site.objects.get_or_create(name="Bench drives", defaults={
        "kind": Site.Kind.PICKUP_POINT, "street": "ul. Piotrkowska 1", "postal_code": "90-001",
        "city": "Łódź"})
    households = Household.objects.bulk_create(
        [Household(site=site, city="Łódź", street="ul. Bench", display_name=f"Bench {i:05d}",
                   member_count=1 + i % 4) for i in range(count)], batch_size=2000)
    if households[0].pk is None:
        households = list(Household.objects.filter(site=site).order_by("pk"))
    persons = Person.objects.bulk_create(
        [Person(household=h, first_name="Anna", last_name=h.display_name,
                phone=f"+4866{i:07d}", phone_is_mobile=True, sms_consent=True)
         for i, h in enumerate(households)], batch_size=2000)
    if persons[0].pk is None:
        persons = list(Person.objects.filter(household__site=site).order_by("household_id"))
    drive = services.create_drive(user, name="Bench", kind="food", sites=[site])
    item = Item.objects.create(name="Ryż (bench)", unit="kg",
                               category=Category.objects.get_or_create(name="Bench")[0])
    services.save_target(user, drive, Target(item=item, quantity=count * 5, minimum=1,
                                             policy=Target.Policy.PER_PERSON, amount=2))
    Enrolment.objects.bulk_create(
        [Enrolment(distribution=drive.distribution, household=h, contact=p,
                   persons=h.member_count) for h, p in zip(households, persons, strict=True)],
        batch_size=2000)
    need = sum(2 * h.member_count for h in households)
    shelf = stock.create_location(user, site, "Bench", Location.Kind.WAREHOUSE)
    for _lot in range(10):
        stock.create_lot(user, item, shelf, need * 7 // 100 + 1)
    # Day one holds pdf_rows households, the rest spread over the following days.
    per_slot = max(1, pdf_rows // 4)
    slots, left, day = [], count, DAY
    while left > 0:
        for hour in (8, 10, 12, 14):
            slots.append(PickupSlot(distribution=drive.distribution, site=site, date=day,
                                    start=dt.time(hour), end=dt.time(hour + 2),
                                    capacity=per_slot))
            left -= per_slot
        day += dt.timedelta(days=1)
    PickupSlot.objects.bulk_create(slots)
    return user, drive, site


def _timed(fn):
    """(result, wall ms); the process's CPU ms of the last call in CPU_MS (on a loaded
    machine the wall time mostly measures the queue for a core)."""
    start, cpu = time.perf_counter(), time.process_time()
    result = fn()
    CPU_MS[0] = round((time.process_time() - cpu) * 1000, 1)
    return result, round((time.perf_counter() - start) * 1000, 1)


CPU_MS = [0.0]


def run(options, emit) -> None:
    count, rows = options["households"], options["pdf_rows"]
    user, drive, site = seed(count, rows)
    made, ms = _timed(lambda: services.commit(user, drive))
    emit({"benchmark": "drives.allocate", "households": count, "allocations": made,
          "ms": ms, "cpu_ms": CPU_MS[0], "goal_ms": 1000})
    with transaction.atomic():
        assigned, ms = _timed(lambda: engine.assign_slots(user, drive.distribution))
    emit({"benchmark": "drives.assign_and_notify", "households": count, "assigned": assigned,
          "ms": ms, "cpu_ms": CPU_MS[0], "goal_ms": 2000})
    pdf, ms = _timed(lambda: documents.distribution_list_pdf(drive, site, DAY))
    emit({"benchmark": "drives.distribution_list_pdf", "rows": min(rows, count),
          "bytes": len(pdf), "ms": ms, "cpu_ms": CPU_MS[0], "goal_ms": 5000})
