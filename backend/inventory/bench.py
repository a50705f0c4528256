"""Stock: balance reads as the ledger grows, scan resolve + move through the view, label PDFs."""

import time
import uuid

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.db.models import F
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from backend.accounts import roles
from backend.accounts.models import Site
from backend.common.bench import measure

from . import labels, selectors, services
from .models import Balance, Category, Item, Location, Lot, Movement

SUITE = "stock"
TRANSACTION_CONTROL = {"BEGIN", "COMMIT", "SAVEPOINT", "RELEASE", "ROLLBACK"}


def add_arguments(parser) -> None:
    parser.add_argument("--ledger-small", type=int, default=10_000)
    parser.add_argument("--ledger-large", type=int, default=1_000_000)
    parser.add_argument("--lots", type=int, default=2_000)
    parser.add_argument("--labels", type=int, default=1_000)


def _setup():
    site, _ = Site.objects.get_or_create(name="Bench", defaults={
        "kind": Site.Kind.WAREHOUSE, "street": "x", "postal_code": "90-001", "city": "Łódź"})
    hall = Location.objects.filter(site=site, name="Hala").first() or services.create_location(
        None, site, "Hala", Location.Kind.WAREHOUSE)
    shelves = [Location.objects.filter(site=site, name=f"S-{i}").first()
               or services.create_location(None, site, f"S-{i}", Location.Kind.SHELF, hall)
               for i in range(4)]
    item, _ = Item.objects.get_or_create(name="Ryż (bench)", defaults={
        "category": Category.objects.get_or_create(name="Bench")[0], "unit": "kg"})
    return site, shelves, item


@transaction.atomic
def _grow_ledger(lots: list[Lot], location: Location, rows: int) -> None:
    """Bulk receipts spread over the lots; balances raised to match (stock_check holds)."""
    batch, per_lot = 5000, {}
    for start in range(0, rows, batch):
        chunk = []
        for i in range(start, min(rows, start + batch)):
            lot = lots[i % len(lots)]
            chunk.append(Movement(kind=Movement.Kind.RECEIVE, lot=lot, quantity=1,
                                  to_location=location))
            per_lot[lot.pk] = per_lot.get(lot.pk, 0) + 1
        Movement.objects.bulk_create(chunk)
    for lot_id, count in per_lot.items():
        Balance.objects.filter(lot_id=lot_id, location=location).update(
            quantity=F("quantity") + count)


def run(options, emit) -> None:
    repeat = options["repeat"]
    _site, shelves, item = _setup()
    lots = list(Lot.objects.filter(item=item)[: options["lots"]])
    if len(lots) < options["lots"]:
        for _ in range(options["lots"] - len(lots)):
            lots.append(services.create_lot(None, item, shelves[0], 1))
    probe = lots[len(lots) // 2]

    def read():
        rows = list(selectors.lot_balances(probe))
        assert rows and rows[0].quantity > 0

    figures = {}
    have = Movement.objects.count()
    for label, target in (("small", options["ledger_small"]), ("large", options["ledger_large"])):
        if have < target:
            _grow_ledger(lots, shelves[0], target - have)
            have = target
        figures[label] = measure(read, repeat)
    emit({"benchmark": "stock.balance_read", "ledger_rows": {
        "small": options["ledger_small"], "large": options["ledger_large"]},
        "median_ms": {k: v["median_ms"] for k, v in figures.items()},
        "queries": figures["large"]["queries"],
        "ratio_large_small": round(figures["large"]["median_ms"]
                                   / max(figures["small"]["median_ms"], 1e-6), 2)})

    roles.sync_roles()
    user, _ = get_user_model().objects.get_or_create(username="bench-magazynier")
    user.groups.add(Group.objects.get(name=roles.WAREHOUSE_VOLUNTEER))
    client = Client()
    client.force_login(user)
    url = reverse("inventory:scan_resolve")
    scan_lot = services.create_lot(None, item, shelves[1], 1000)
    lot_code = selectors.active_tag(scan_lot).short_code
    shelf_codes = [selectors.active_tag(s).short_code for s in shelves[1:]]
    state = {"at": 0}

    def move_by_scan():
        here = state["at"]
        there = (here + 1) % len(shelf_codes)
        response = client.post(url, {"code": shelf_codes[there], "nonce": uuid.uuid4().hex,
                                     "pending_lot": scan_lot.pk,
                                     "pending_from": shelves[1 + here].pk})
        assert b'data-result="moved"' in response.content, response.content[:500]
        state["at"] = there

    def resolve_lot():
        response = client.post(url, {"code": lot_code, "nonce": uuid.uuid4().hex})
        assert b'data-result="lot"' in response.content

    for name, fn in (("stock.scan_resolve", resolve_lot), ("stock.scan_move", move_by_scan)):
        figures = measure(fn, repeat)
        with CaptureQueriesContext(connection) as ctx:
            fn()
        statements = [q["sql"].split()[0].upper() for q in ctx.captured_queries]
        control = sum(1 for word in statements if word in TRANSACTION_CONTROL)
        emit({"benchmark": name, **figures, "queries_without_transaction_control":
              len(statements) - control})

    tags = labels.tags_for(lots=[lot.pk for lot in lots])
    tags = (tags * (options["labels"] // max(len(tags), 1) + 1))[: options["labels"]]
    start = time.perf_counter()
    pdf = labels.label_sheet([labels.label_for_tag(t) for t in tags], "3x8")
    emit({"benchmark": "stock.labels_pdf", "labels": len(tags),
          "seconds": round(time.perf_counter() - start, 2), "bytes": len(pdf)})
    bad = selectors.stock_check()
    emit({"benchmark": "stock.stock_check", "mismatches": len(bad)})
