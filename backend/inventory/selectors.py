"""Reads that matter: balances, low stock, expiring (FEFO), ledger history, stock check."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Case, DecimalField, F, Q, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import number_format

from backend.common.collation import polish

from .models import Balance, Category, Item, Location, Lot, Movement, QRTag

ZERO = Decimal("0")
DEC = DecimalField(max_digits=14, decimal_places=3)


def num(value) -> str:
    if value in (None, ""):
        return ""
    value = Decimal(str(value))
    value = value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
    return number_format(value, use_l10n=True, force_grouping=True)


def balances():
    return Balance.objects.select_related("lot__item__category", "location")


def stock_balances():
    """Balance rows with something on hand."""
    return balances().filter(quantity__gt=0)


def lot_balances(lot: Lot):
    return balances().filter(lot=lot, quantity__gt=0).order_by("location__path")


def item_totals():
    """Items with on-hand and reserved totals (for the stock-by-item and low-stock screens)."""
    return Item.objects.select_related("category").annotate(
        on_hand=Coalesce(Sum("lots__balances__quantity"), Value(ZERO), output_field=DEC),
        reserved=Coalesce(Sum("lots__balances__reserved"), Value(ZERO), output_field=DEC),
    )


def low_stock():
    return item_totals().filter(min_stock__gt=0, on_hand__lt=F("min_stock")).order_by(
        polish("name"))


def expiring(days: int = 14, today: dt.date | None = None):
    """On-hand balances of perishable lots expiring within `days`, first-expiry-first-out."""
    today = today or timezone.localdate()
    return stock_balances().filter(lot__expiry__isnull=False,
                                   lot__expiry__lte=today + dt.timedelta(days=days)) \
        .order_by("lot__expiry", "lot_id")


def fresh(queryset, expires_after: dt.date | None):
    """Balances (or lots, prefix="") whose lot keeps past `expires_after`: no expiry, or a
    later one. None: no filter. The one rule for "never reserve what expires first"."""
    if expires_after is None:
        return queryset
    return queryset.filter(Q(lot__expiry__isnull=True) | Q(lot__expiry__gt=expires_after))


def too_short_lived(item: Item, expires_after: dt.date):
    """Free stock of the item that `fresh` leaves out, first-expiry-first."""
    return stock_balances().filter(
        lot__item=item, quantity__gt=F("reserved"), lot__expiry__isnull=False,
        lot__expiry__lte=expires_after).order_by("lot__expiry", "lot_id")


def fefo(item: Item, location: Location | None = None, *,
         expires_after: dt.date | None = None):
    """Where to take an item from: earliest expiry first, then oldest lot (only lots
    that keep past `expires_after`, when given)."""
    qs = fresh(stock_balances().filter(lot__item=item, quantity__gt=F("reserved")),
               expires_after)
    if location is not None:
        qs = qs.filter(location=location)
    return qs.order_by(F("lot__expiry").asc(nulls_last=True), "lot_id")


def earlier_expiring(lot: Lot) -> Balance | None:
    """FEFO hint: a balance of the same item that expires before this lot, if any."""
    if not lot.item.perishable or lot.expiry is None:
        return None
    return fefo(lot.item).filter(lot__expiry__lt=lot.expiry).exclude(lot=lot).first()


def lot_history(lot: Lot):
    return Movement.objects.filter(lot=lot).select_related(
        "from_location", "to_location", "actor").order_by("-at", "-id")


def available(item: Item, *, expires_after: dt.date | None = None) -> Decimal:
    """Free stock of the item (only lots that keep past `expires_after`, when given)."""
    total = fresh(Balance.objects.filter(lot__item=item), expires_after).aggregate(
        q=Sum("quantity"), r=Sum("reserved"))
    return (total["q"] or ZERO) - (total["r"] or ZERO)


def reservations(ref: models.Model) -> list[tuple[Lot, int, Decimal]]:
    """What is still reserved for a business object (an allocation, a participant):
    [(lot with its item, location id, quantity)], in lot/location order."""
    ct = ContentType.objects.get_for_model(ref)
    sums: dict[tuple[int, int], Decimal] = {}
    for kind, lot_id, loc_id, qty in Movement.objects.filter(
            ref_type=ct, ref_id=str(ref.pk), kind__in=Movement.RESERVATION_KINDS
    ).values_list("kind", "lot_id", "from_location_id", "quantity"):
        sums[(lot_id, loc_id)] = sums.get((lot_id, loc_id), ZERO) + (
            qty if kind == Movement.Kind.RESERVE else -qty)
    left = sorted((key, q) for key, q in sums.items() if q > 0)
    lots = Lot.objects.select_related("item").in_bulk({lot for (lot, _l), _q in left})
    return [(lots[lot], loc, q) for (lot, loc), q in left]


def last_reserved_for(lot: Lot, model: type[models.Model]) -> int | None:
    """The id of the `model` row (e.g. an Allocation) the lot was last reserved for."""
    ref_id = Movement.objects.filter(
        lot=lot, kind=Movement.Kind.RESERVE, ref_type=ContentType.objects.get_for_model(model)
    ).order_by("-id").values_list("ref_id", flat=True).first()
    return int(ref_id) if ref_id is not None else None


def movements_for(ref: models.Model):
    ct = ContentType.objects.get_for_model(ref)
    return Movement.objects.filter(ref_type=ct, ref_id=str(ref.pk)).select_related("lot__item")


def active_tag(obj) -> QRTag | None:
    field = "lot" if isinstance(obj, Lot) else "location"
    return QRTag.objects.filter(**{field: obj}, retired=False).order_by("-id").first()


@dataclass
class Mismatch:
    balance_id: int | None
    lot_id: int
    location_id: int
    quantity: Decimal
    ledger_quantity: Decimal
    reserved: Decimal
    ledger_reserved: Decimal

    def __str__(self) -> str:
        return (f"balance {self.balance_id} lot {self.lot_id} location {self.location_id}: "
                f"quantity {self.quantity} != ledger {self.ledger_quantity}, "
                f"reserved {self.reserved} != ledger {self.ledger_reserved}")


def ledger_sums() -> dict[tuple[int, int], list[Decimal]]:
    """(lot, location) → [on hand, reserved] computed from the ledger alone."""
    sums: dict[tuple[int, int], list[Decimal]] = {}
    k = Movement.Kind
    stock = ~Q(kind__in=Movement.RESERVATION_KINDS)
    incoming = Movement.objects.filter(stock, to_location__isnull=False) \
        .values("lot_id", "to_location_id").annotate(total=Sum("quantity"))
    for row in incoming:
        sums.setdefault((row["lot_id"], row["to_location_id"]), [ZERO, ZERO])[0] += row["total"]
    outgoing = Movement.objects.filter(from_location__isnull=False).values(
        "lot_id", "from_location_id").annotate(
        out=Sum(Case(When(stock, then="quantity"), default=Value(ZERO), output_field=DEC)),
        res=Sum(Case(When(kind=k.RESERVE, then="quantity"),
                     When(kind=k.RELEASE, then=-F("quantity")), default=Value(ZERO),
                     output_field=DEC)))
    for row in outgoing:
        entry = sums.setdefault((row["lot_id"], row["from_location_id"]), [ZERO, ZERO])
        entry[0] -= row["out"]
        entry[1] += row["res"]
    return sums


def stock_check() -> list[Mismatch]:
    """Every balance must equal the sum of its movements (and every ledger pair have one)."""
    sums = ledger_sums()
    bad = []
    seen = set()
    for b in Balance.objects.values("id", "lot_id", "location_id", "quantity", "reserved") \
            .iterator(chunk_size=5000):
        key = (b["lot_id"], b["location_id"])
        seen.add(key)
        quantity, reserved = sums.get(key, [ZERO, ZERO])
        if quantity != b["quantity"] or reserved != b["reserved"]:
            bad.append(Mismatch(b["id"], *key, b["quantity"], quantity, b["reserved"], reserved))
    for key, (quantity, reserved) in sums.items():
        if key not in seen and (quantity or reserved):
            bad.append(Mismatch(None, *key, ZERO, quantity, ZERO, reserved))
    return bad


def category_descendants(category: Category | int) -> set[int]:
    """The category and everything below it (a plain parent link; categories are few)."""
    root = category if isinstance(category, int) else category.pk
    children: dict[int | None, list[int]] = {}
    for pk, parent in Category.objects.values_list("pk", "parent_id"):
        children.setdefault(parent, []).append(pk)
    found, todo = {root}, [root]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def category_ancestors(category: Category | int) -> set[int]:
    """The category and everything above it."""
    parents = dict(Category.objects.values_list("pk", "parent_id"))
    pk = category if isinstance(category, int) else category.pk
    found = set()
    while pk is not None and pk not in found:
        found.add(pk)
        pk = parents.get(pk)
    return found


def categories(purpose: str | None = None):
    """Categories (of one purpose), with their parent for the "AGD › Lodówki" label."""
    qs = Category.objects.select_related("parent")
    return qs.filter(purpose=purpose) if purpose else qs
