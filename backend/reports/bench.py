"""Reports: the yearly report of a city centre (3 years of data, 1,000,000 ledger rows,
200,000 enrolments, 50,000 households), through the real API view: p50/p95 and queries.

Seeding writes the big tables with PostgreSQL COPY (bulk_create in batches on SQLite),
with explicit ids on the fresh benchmark database.
"""

import datetime as dt
import json
import random
import time
import uuid
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from backend.accounts import roles
from backend.accounts.models import Site
from backend.common.bench import measure
from backend.distribution.models import Distribution, Enrolment, HandOver
from backend.donations.models import Donation, DonationLine
from backend.drives.models import Drive
from backend.inventory.models import Balance, Category, Item, Location, Lot, Movement
from backend.notifications.models import OutboxMessage
from backend.people.models import Household, HouseholdFlag, Person

SUITE = "reports"


def add_arguments(parser) -> None:
    parser.add_argument("--households", type=int, default=50_000)
    parser.add_argument("--enrolments", type=int, default=200_000)
    parser.add_argument("--ledger", type=int, default=1_000_000)
    parser.add_argument("--sms", type=int, default=100_000)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--explain", action="store_true", help="print the slowest queries")


def _value(field, row: dict):
    if field.attname in row:
        value = row[field.attname]
    elif field.name in row:
        value = row[field.name]
    else:
        value = field.get_default()
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    return value


def write(model, rows: list[dict]) -> None:
    """Insert rows (dicts with explicit ids): COPY on PostgreSQL, else bulk_create."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create([model(**row) for row in rows], batch_size=2000)
        return
    fields = [f for f in model._meta.concrete_fields]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {model._meta.db_table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([_value(f, row) for f in fields])


def reset_sequences(*models) -> None:
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(models)):
            cursor.execute(sql)


def seed(options, rng: random.Random) -> dict:
    years = options["years"]
    today = timezone.localdate()
    first_year = today.year - years
    Site.objects.create(name="Centrala", kind="head_office", street="ul. 1",
                        postal_code="90-001", city="Wrocław")
    offices = [Site.objects.create(name=f"Filia {i}", kind="field_office", street=f"ul. {i}",
                                   postal_code="50-001", city="Wrocław") for i in range(1, 10)]
    stores = [Site.objects.create(name=f"Magazyn {i}", kind="warehouse", street=f"ul. M{i}",
                                  postal_code="50-002", city="Wrocław") for i in range(1, 4)]
    locations = [Location.objects.create(site=s, name=f"Hala {s.name}", kind="warehouse",
                                         path=s.name) for s in stores + offices]
    flags = [HouseholdFlag.objects.get_or_create(code=c, defaults={"name": c})[0]
             for c in ("homeless", "refugee", "large-family")]
    now = timezone.now()
    # Households and persons.
    n_h = options["households"]
    write(Household, [{"id": i, "site_id": offices[i % 9].pk, "city": "Wrocław",
                       "display_name": f"Bench {i:06d}", "member_count": 2 + i % 3,
                       "status": "active", "created_at": now, "updated_at": now}
                      for i in range(1, n_h + 1)])
    through = Household.flags.through
    write(through, [{"id": i, "household_id": i, "householdflag_id": flags[i % 3].pk}
                    for i in range(1, n_h + 1, 7)])
    persons, pid = [], 0
    for h in range(1, n_h + 1):
        for m in range(2 + h % 3):
            pid += 1
            # Birth date and serial from the id: every PESEL unique (a constraint).
            born = dt.date(1940 + pid % 80, 1 + pid // 80 % 12, 1 + pid // 960 % 28)
            persons.append({"id": pid, "household_id": h, "first_name": "Anna",
                            "last_name": f"Bench {h}", "birth_date": born,
                            "pesel": f"{born:%y%m%d}{pid // 26880 % 10000:04d}1"
                            if m < 2 else "", "relation": "head" if m == 0 else "child",
                            "is_disabled": pid % 25 == 0, "phone": f"+4860{pid:07d}"
                            if m == 0 else "", "phone_is_mobile": m == 0,
                            "created_at": now, "updated_at": now})
    write(Person, persons)
    # Drives: four a year; enrolments spread over them, each with one hand-over.
    drives = []
    for y in range(years):
        for q in range(4):
            d = Distribution.objects.create(name=f"Bench {first_year + y}/{q}")
            drive = Drive.objects.create(distribution=d, name=d.name,
                                         kind="food" if q % 2 else "fuel")
            drive.sites.set(offices)
            drives.append((drive, dt.date(first_year + y, 3 * q + 2, 10)))
    per_drive = options["enrolments"] // len(drives)
    enrolments, handovers, eid = [], [], 0
    for drive, day in drives:
        for h in rng.sample(range(1, n_h + 1), min(per_drive, n_h)):
            eid += 1
            when = timezone.make_aware(dt.datetime.combine(
                day + dt.timedelta(days=rng.randrange(40)), dt.time(9 + rng.randrange(8))))
            enrolments.append({"id": eid, "distribution_id": drive.distribution_id,
                               "household_id": h, "persons": 2, "status": "handed_over",
                               "created_at": when})
            handovers.append({"id": eid, "enrolment_id": eid, "household_id": h, "at": when,
                              "nonce": f"b{eid}"})
    write(Enrolment, enrolments)
    write(HandOver, handovers)
    # Stock: items, lots, balances and the ledger.
    food = Category.objects.create(name="Bench żywność")
    items = [Item.objects.create(name=f"Bench art. {i}", category=food,
                                 unit=["kg", "l", "szt", "t"][i % 4]) for i in range(40)]
    write(Lot, [{"id": i, "item_id": items[i % 40].pk, "received_quantity": 100,
                 "created_at": now, "kind": "bulk", "condition": "new"}
                for i in range(1, 4001)])
    write(Balance, [{"id": i, "lot_id": i, "location_id": locations[i % len(locations)].pk,
                     "quantity": Decimal(rng.randrange(200)), "updated_at": now}
                    for i in range(1, 4001)])
    alloc_ct = ContentType.objects.get_by_natural_key("distribution", "allocation").pk
    start = timezone.make_aware(dt.datetime(first_year, 1, 1))
    span = (timezone.now() - start).total_seconds()
    kinds = ["receive"] * 35 + ["issue"] * 50 + ["write_off"] * 5 + ["move"] * 10
    batch = []
    for i in range(1, options["ledger"] + 1):
        kind = kinds[i % 100]
        loc = locations[i % len(locations)].pk
        batch.append({"id": i, "kind": kind, "lot_id": 1 + i % 4000,
                      "quantity": Decimal(1 + i % 50),
                      "from_location_id": None if kind == "receive" else loc,
                      "to_location_id": loc if kind in ("receive", "move") else None,
                      "at": start + dt.timedelta(seconds=rng.random() * span),
                      "ref_type_id": alloc_ct if kind == "issue" else None,
                      "ref_id": str(i) if kind == "issue" else ""})
        if len(batch) == 100_000:
            write(Movement, batch)
            batch = []
    write(Movement, batch)
    # Donations and SMS.
    write(Donation, [{"id": i, "date": (start + dt.timedelta(seconds=rng.random() * span))
                      .date(), "site_id": stores[i % 3].pk, "created_at": now}
                     for i in range(1, 20_001)])
    write(DonationLine, [{"id": i, "donation_id": i, "item_id": items[i % 40].pk,
                          "quantity": Decimal(5), "location_id": locations[0].pk}
                         for i in range(1, 20_001)])
    enrol_ct = ContentType.objects.get_by_natural_key("distribution", "enrolment").pk
    sms = []
    for i in range(1, options["sms"] + 1):
        sent = start + dt.timedelta(seconds=rng.random() * span)
        sms.append({"id": i, "dedupe_key": f"bench:{i}", "reference": uuid.uuid4(),
                    "purpose": "pickup", "phone": "+48600000000", "person_id": 1 + i % pid,
                    "content_type_id": enrol_ct, "object_id": str(i), "body": "Kod 1234",
                    "encoding": "GSM7", "segments": 1, "status": "delivered",
                    "next_attempt_at": sent, "sent_at": sent, "created_at": sent})
    write(OutboxMessage, sms)
    reset_sequences(Household, through, Person, Enrolment, HandOver, Lot, Balance, Movement,
                    Donation, DonationLine, OutboxMessage)
    return {"offices": offices, "year": today.year - 1}


def run(options, emit) -> None:
    rng = random.Random(16)
    started = time.perf_counter()
    with transaction.atomic():
        seeded = seed(options, rng)
    if connection.vendor == "postgresql":
        # What autovacuum does after a bulk load (outside a transaction): statistics, and
        # the visibility map that lets the reports read the ledger from its index alone.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    emit({"benchmark": "reports.seed", "households": options["households"],
          "enrolments": options["enrolments"], "ledger_rows": options["ledger"],
          "seconds": round(time.perf_counter() - started, 1)})
    roles.sync_roles()
    users = get_user_model()
    head = users.objects.create_user("bench-centrala")
    head.groups.add(Group.objects.get(name=roles.COORDINATOR))
    office = users.objects.create_user("bench-filia")
    office.groups.add(Group.objects.get(name=roles.COORDINATOR))
    office.sites.set([seeded["offices"][0]])
    query = {"period": "year", "year": seeded["year"]}
    for name, user, url in (
            ("reports.yearly_api_head_office", head, "/api/v1/reports/"),
            ("reports.yearly_api_field_office", office, "/api/v1/reports/"),
            ("reports.yearly_page_head_office", head, "/reports/")):
        client = Client()
        client.force_login(user)

        def get(client=client, url=url):
            response = client.get(url, query)
            assert response.status_code == 200, response.status_code

        emit({"benchmark": name, "repeat": options["repeat"], **measure(get, options["repeat"])})
    if options.get("explain"):
        from django.test.utils import CaptureQueriesContext

        client = Client()
        client.force_login(head)
        with CaptureQueriesContext(connection) as ctx:
            client.get("/api/v1/reports/", query)
        for q in sorted(ctx.captured_queries, key=lambda q: -float(q["time"]))[:6]:
            emit({"benchmark": "reports.slowest_query", "seconds": q["time"],
                  "sql": q["sql"][:300]})
