"""The stock ledger: every change of stock goes through these verbs (DESIGN §3).

Each verb runs in one transaction, locks the balance rows it changes
(select_for_update, in a fixed order), writes one or more append-only Movement rows
and raises StockError (a translated message naming what is available) when asked
for more than there is. Quantities are Decimal in the item's unit.

Public API (for drives, events and the equipment exchange)::

    receive(actor, lot, location, quantity, *, reason="", ref=None) -> Movement
    move(actor, lot, from_location, to_location, quantity=None, *, reason="", ref=None)
        -> Movement                      # quantity None = everything available there
    reserve(actor, lot, location, quantity, *, ref=None, reason="") -> Movement
    release(actor, lot, location, quantity, *, ref=None, reason="") -> Movement
    issue(actor, lot, location, quantity, *, ref=None, reason="", from_reserved=False)
        -> Movement                      # from_reserved: consume the reservation (release+issue)
    adjust(actor, lot, location, new_quantity, *, reason, ref=None, delta=None)
        -> Movement | None               # set on-hand to new_quantity, or change it by delta
    write_off(actor, lot, location, quantity, *, reason, ref=None) -> Movement
    return_stock(actor, lot, location, quantity, *, reason="", ref=None) -> Movement
    create_lot(actor, item, location, quantity, *, kind="bulk", expiry=None, source="",
               ref=None, **unit_fields) -> Lot     # lot + QR tag + receipt
    create_location(actor, site, name, kind, parent=None) -> Location  # with its QR tag
    move_container(actor, container, target) -> Location  # a box/pallet and all in it
    retire_tag(actor, tag) -> QRTag       # label lost: old tag answers "retired", new one made
    add_photo(actor, lot, upload) -> LotPhoto   # resized ≤ 1600 px, EXIF stripped

Reservations held for a business object (reserve many, release, consume on hand-over or
check-in) are in inventory.reservations, on top of these verbs.

Reads for callers are in selectors: fefo(item, location=None), stock_balances(),
lot_balances(lot), item_totals(), low_stock(), expiring(days), movements_for(ref),
stock_check().

`ref` is any saved model instance (an allocation, a donation, a stock-take); it is
stored as content type + id on every movement, so later code can find, release or
issue what belongs to it (see selectors.movements_for(ref)).
"""

from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.accounts import audit
from backend.common.errors import ServiceError
from backend.common.parsing import finite_decimal

from . import qr
from .models import Balance, Category, Item, Location, Lot, LotPhoto, Movement, QRTag
from .selectors import num

K = Movement.Kind
ZERO = Decimal("0")


class StockError(ServiceError):
    """A refused stock operation; `code` is stable, the message is translated."""

    def __init__(self, message: str, code: str = "invalid", available: Decimal | None = None):
        super().__init__(message, code, available=available)
        self.available = available


def _qty(value: Any) -> Decimal:
    try:
        quantity = finite_decimal(value)  # NaN and Infinity are not quantities
    except ValueError:
        raise StockError(_("The quantity must be a number."), "bad_quantity") from None
    if quantity <= 0:
        raise StockError(_("The quantity must be greater than zero."), "bad_quantity")
    return quantity


def _ref_fields(ref: models.Model | None) -> dict[str, Any]:
    if ref is None:
        return {}
    return {"ref_type": ContentType.objects.get_for_model(ref), "ref_id": str(ref.pk)}


def _lock(lot: Lot, *locations: Location) -> dict[int, Balance]:
    """Lock the balance rows (creating missing ones), in location-id order (no deadlocks)."""
    ids = sorted({loc.pk for loc in locations})

    def locked() -> dict[int, Balance]:
        rows = Balance.objects.select_for_update().filter(lot=lot, location_id__in=ids) \
            .order_by("location_id")
        return {row.location_id: row for row in rows}

    rows = locked()
    if len(rows) == len(ids):
        return rows
    for loc_id in ids:
        if loc_id in rows:
            continue
        try:
            with transaction.atomic():
                Balance.objects.create(lot=lot, location_id=loc_id)
        except IntegrityError:  # created by a concurrent transaction meanwhile
            pass
    return locked()


def _unit_label(lot: Lot) -> str:
    return lot.item.get_unit_display()


def _not_enough(lot: Lot, location: Location, available: Decimal) -> StockError:
    return StockError(
        _("Not enough %(item)s at %(location)s: %(available)s %(unit)s available.") % {
            "item": lot.item.name, "location": location, "available": num(available),
            "unit": _unit_label(lot)}, "not_enough", available)


def _record(kind: str, lot: Lot, quantity: Decimal, actor, *, src: Location | None = None,
            dst: Location | None = None, reason: str = "", ref=None) -> Movement:
    return Movement.objects.create(
        kind=kind, lot=lot, quantity=quantity, from_location=src, to_location=dst,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        reason=reason[:200], **_ref_fields(ref))


def _take(balance: Balance, lot: Lot, location: Location, quantity: Decimal) -> None:
    if balance.quantity - balance.reserved < quantity:
        raise _not_enough(lot, location, balance.quantity - balance.reserved)
    balance.quantity -= quantity
    balance.save(update_fields=["quantity", "updated_at"])


def _put(balance: Balance, quantity: Decimal) -> None:
    balance.quantity += quantity
    balance.save(update_fields=["quantity", "updated_at"])


@transaction.atomic
def receive(actor, lot: Lot, location: Location, quantity, *, reason: str = "",
            ref=None) -> Movement:
    quantity = _qty(quantity)
    _put(_lock(lot, location)[location.pk], quantity)
    return _record(K.RECEIVE, lot, quantity, actor, dst=location, reason=reason, ref=ref)


@transaction.atomic
def return_stock(actor, lot: Lot, location: Location, quantity, *, reason: str = "",
                 ref=None) -> Movement:
    quantity = _qty(quantity)
    _put(_lock(lot, location)[location.pk], quantity)
    return _record(K.RETURN, lot, quantity, actor, dst=location, reason=reason, ref=ref)


@transaction.atomic
def move(actor, lot: Lot, from_location: Location, to_location: Location, quantity=None, *,
         reason: str = "", ref=None) -> Movement:
    if from_location.pk == to_location.pk:
        raise StockError(_("It is already at %(location)s.") % {"location": to_location},
                         "same_location")
    rows = _lock(lot, from_location, to_location)
    src = rows[from_location.pk]
    if quantity is None:
        quantity = src.quantity - src.reserved
        if quantity <= 0:
            raise _not_enough(lot, from_location, quantity)
    quantity = _qty(quantity)
    if src.quantity - src.reserved < quantity:
        raise _not_enough(lot, from_location, src.quantity - src.reserved)
    dst = rows[to_location.pk]
    src.quantity -= quantity
    dst.quantity += quantity
    src.updated_at = dst.updated_at = timezone.now()
    # Both locked rows in one UPDATE: a move is the scanner's most frequent write.
    Balance.objects.bulk_update([src, dst], ["quantity", "updated_at"])
    return _record(K.MOVE, lot, quantity, actor, src=from_location, dst=to_location,
                   reason=reason, ref=ref)


@transaction.atomic
def reserve(actor, lot: Lot, location: Location, quantity, *, ref=None,
            reason: str = "") -> Movement:
    quantity = _qty(quantity)
    balance = _lock(lot, location)[location.pk]
    if balance.quantity - balance.reserved < quantity:
        raise _not_enough(lot, location, balance.quantity - balance.reserved)
    balance.reserved += quantity
    balance.save(update_fields=["reserved", "updated_at"])
    return _record(K.RESERVE, lot, quantity, actor, src=location, reason=reason, ref=ref)


@transaction.atomic
def release(actor, lot: Lot, location: Location, quantity, *, ref=None,
            reason: str = "") -> Movement:
    quantity = _qty(quantity)
    balance = _lock(lot, location)[location.pk]
    if balance.reserved < quantity:
        raise StockError(_("Only %(reserved)s %(unit)s is reserved here.") % {
            "reserved": num(balance.reserved), "unit": _unit_label(lot)}, "not_reserved",
            balance.reserved)
    balance.reserved -= quantity
    balance.save(update_fields=["reserved", "updated_at"])
    return _record(K.RELEASE, lot, quantity, actor, src=location, reason=reason, ref=ref)


@transaction.atomic
def issue(actor, lot: Lot, location: Location, quantity, *, ref=None, reason: str = "",
          from_reserved: bool = False) -> Movement:
    quantity = _qty(quantity)
    balance = _lock(lot, location)[location.pk]
    if not from_reserved:
        _take(balance, lot, location, quantity)
        return _record(K.ISSUE, lot, quantity, actor, src=location, reason=reason, ref=ref)
    # Consume the reservation: release + issue under one lock, one UPDATE, one INSERT
    # (a hand-over or check-in round trip stays short; the ledger reads the same).
    if balance.reserved < quantity:
        raise StockError(_("Only %(reserved)s %(unit)s is reserved here.") % {
            "reserved": num(balance.reserved), "unit": _unit_label(lot)}, "not_reserved",
            balance.reserved)
    if balance.quantity < quantity:
        raise _not_enough(lot, location, balance.quantity - balance.reserved + quantity)
    balance.reserved -= quantity
    balance.quantity -= quantity
    balance.save(update_fields=["quantity", "reserved", "updated_at"])
    who = actor if getattr(actor, "is_authenticated", False) else None
    moves = [Movement(kind=kind, lot=lot, quantity=quantity, from_location=location,
                      actor=who, reason=reason[:200], **_ref_fields(ref))
             for kind in (K.RELEASE, K.ISSUE)]
    Movement.objects.bulk_create(moves)
    return moves[1]


@transaction.atomic
def write_off(actor, lot: Lot, location: Location, quantity, *, reason: str,
              ref=None) -> Movement:
    if not reason.strip():
        raise StockError(_("Give the reason (expired, damaged…)."), "reason_required")
    quantity = _qty(quantity)
    _take(_lock(lot, location)[location.pk], lot, location, quantity)
    return _record(K.WRITE_OFF, lot, quantity, actor, src=location, reason=reason, ref=ref)


@transaction.atomic
def adjust(actor, lot: Lot, location: Location, new_quantity, *, reason: str,
           ref=None, delta=None) -> Movement | None:
    """Set the on-hand quantity (a count). With `delta`, change by that much instead."""
    if not reason.strip():
        raise StockError(_("Give the reason for the adjustment."), "reason_required")
    balance = _lock(lot, location)[location.pk]
    try:
        target = balance.quantity + finite_decimal(delta) if delta is not None \
            else finite_decimal(new_quantity)
    except ValueError:
        raise StockError(_("The quantity must be a number."), "bad_quantity") from None
    if target < 0:
        raise StockError(_("The quantity cannot be negative."), "bad_quantity")
    if target < balance.reserved:
        raise StockError(_("%(reserved)s %(unit)s of this is reserved; release it first.") % {
            "reserved": num(balance.reserved), "unit": _unit_label(lot)}, "reserved",
            balance.quantity - balance.reserved)
    change = target - balance.quantity
    if change == 0:
        return None
    balance.quantity = target
    balance.save(update_fields=["quantity", "updated_at"])
    if change > 0:
        return _record(K.ADJUST, lot, change, actor, dst=location, reason=reason, ref=ref)
    return _record(K.ADJUST, lot, -change, actor, src=location, reason=reason, ref=ref)


def _new_tag(prefix: str, **target) -> QRTag:
    for _attempt in range(10):
        try:
            with transaction.atomic():
                return QRTag.objects.create(token=qr.new_token(),
                                            short_code=qr.new_short_code(prefix), **target)
        except IntegrityError:
            continue
    raise RuntimeError("could not make a unique QR tag")


@transaction.atomic
def create_lot(actor, item: Item, location: Location, quantity, *, kind: str = Lot.Kind.BULK,
               expiry=None, source: str = "", ref=None, **unit_fields: Any) -> Lot:
    quantity = _qty(quantity)
    if kind == Lot.Kind.UNIT and quantity != 1:
        raise StockError(_("An individual unit has quantity 1."), "bad_quantity")
    lot = Lot.objects.create(kind=kind, item=item, received_quantity=quantity, expiry=expiry,
                             source=source[:200], **unit_fields)
    _new_tag("P", lot=lot)
    receive(actor, lot, location, quantity, reason=source, ref=ref)
    return lot


@transaction.atomic
def create_location(actor, site, name: str, kind: str, parent: Location | None = None) -> Location:
    location = Location(site=site, name=name, kind=kind, parent=parent)
    location.path = location.build_path()
    location.save()
    _new_tag("M", location=location)
    audit.record(actor, "create", location, audit.snapshot(location, ["name", "kind", "site"]))
    return location


@transaction.atomic
def move_container(actor, container: Location, target: Location) -> Location:
    """Put a box or pallet (a location) on another shelf: what is in it goes with it.

    The lots stay at the container's location, so the ledger needs no rows; the audit log
    records the move, and location paths below the container are rebuilt.
    """
    container = Location.objects.select_for_update().get(pk=container.pk)
    if container.kind != Location.Kind.CONTAINER:
        raise StockError(_("Only a box or pallet can be moved as a whole."), "not_container")
    node = target
    while node is not None:
        if node.pk == container.pk:
            raise StockError(_("A box cannot go inside itself."), "cycle")
        node = node.parent
    before = container.parent_id
    container.parent, container.site = target, target.site
    stack = [container]
    while stack:
        node = stack.pop()
        node.path = node.build_path()
        node.save(update_fields=["parent", "site", "path"] if node is container else ["path"])
        stack.extend(node.children.all())
    audit.record(actor, "update", container, {"parent": [before, target.pk]})
    return container


def retire_tag(actor, tag: QRTag) -> QRTag:
    """Retire a tag (label lost or damaged) and give its object a new one."""
    with transaction.atomic():
        tag.retired = True
        tag.save(update_fields=["retired"])
        target = {"lot": tag.lot} if tag.lot_id else {"location": tag.location}
        new = _new_tag("P" if tag.lot_id else "M", **target)
        audit.record(actor, "update", tag, {"retired": [False, True]})
    return new


ITEM_FIELDS = ["name", "category", "unit", "perishable", "individual", "min_stock", "is_active"]
CATEGORY_FIELDS = ["name", "purpose", "parent"]


@transaction.atomic
def save_catalogue(actor, obj: Item | Category) -> Item | Category:
    """Create or change a catalogue item or category (page, API, admin): audited."""
    return audit.save(actor, obj, ITEM_FIELDS if isinstance(obj, Item) else CATEGORY_FIELDS)


@transaction.atomic
def delete_catalogue(actor, obj: Item | Category) -> None:
    """Refused (ProtectedError → 409) while stock or requests refer to it."""
    audit.delete(actor, obj)


def add_photo(actor, lot: Lot, upload) -> LotPhoto:
    """Store a photo resized to ≤ 1600 px, orientation applied, EXIF and GPS dropped
    (backend.common.images, shared with the exchange's public offer form)."""
    from django.core.exceptions import ValidationError

    from backend.common.images import clean_photo

    try:
        content, _width, _height = clean_photo(upload)
    except ValidationError as err:
        raise StockError(err.messages[0], err.code or "bad_image") from err
    photo = LotPhoto(lot=lot)
    extension = content.name.rsplit(".", 1)[-1]
    photo.image.save(f"lot-{lot.pk}.{extension}", content, save=True)
    audit.record(actor, "create", photo, root=lot)
    return photo
