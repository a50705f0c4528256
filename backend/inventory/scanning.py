"""One resolve function for camera, keyboard-wedge and manual entry; scan actions; scan log."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from backend.common import idempotency
from backend.common.errors import ServiceError
from backend.common.parsing import parse_quantity

from . import qr, services, stocktake
from .models import Balance, Item, ItemBarcode, Location, Lot, QRTag, ScanLog

# Result codes (stable; the UI translates them).
LOT, LOCATION, EAN, EAN_UNKNOWN = "lot", "location", "ean", "ean_unknown"
UNKNOWN, RETIRED, FOREIGN, EMPTY = "unknown", "retired", "foreign", "empty"


@dataclass
class Resolved:
    result: str
    lot: Lot | None = None
    location: Location | None = None
    item: Item | None = None
    tag: QRTag | None = None
    code: str = ""
    balances: list[Balance] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.result in {LOT, LOCATION, EAN}

    @property
    def message(self) -> str:
        return {
            UNKNOWN: _("Unknown code. Check the label or type the short code."),
            RETIRED: _("This label has been retired. Ask for a new label."),
            FOREIGN: _("This code does not belong to this system."),
            EMPTY: _("Scan or type a code."),
            EAN_UNKNOWN: _("Unknown product barcode. Link it to a catalogue item once."),
        }.get(self.result, "")


def _extract(raw: str) -> tuple[str, bool]:
    """(code, foreign). A URL must be ours and point at /q/<token>."""
    raw = raw.strip()
    if "://" in raw or raw.startswith("www."):
        parts = urlsplit(raw if "://" in raw else f"https://{raw}")
        ours = urlsplit(settings.BASE_URL).netloc
        if parts.netloc != ours or not parts.path.startswith("/q/"):
            return "", True
        return parts.path[3:].strip("/"), False
    if raw.startswith("/q/"):
        return raw[3:].strip("/"), False
    return raw, False


def resolve(raw: str) -> Resolved:
    code, foreign = _extract(raw or "")
    if foreign:
        return Resolved(FOREIGN)
    if not code:
        return Resolved(EMPTY)
    norm = qr.normalise(code)
    tag = QRTag.objects.select_related("lot__item", "location").filter(
        token=norm).first() if len(norm) == qr.TOKEN_LENGTH else None
    if tag is None and "-" in norm:
        tag = QRTag.objects.select_related("lot__item", "location").filter(
            short_code=norm).first()
    if tag is not None:
        if tag.retired:
            return Resolved(RETIRED, tag=tag, code=norm)
        if tag.lot_id:
            balances = list(Balance.objects.filter(lot=tag.lot, quantity__gt=0)
                            .select_related("location").order_by("location__path"))
            return Resolved(LOT, lot=tag.lot, tag=tag, code=norm, balances=balances)
        return Resolved(LOCATION, location=tag.location, tag=tag, code=norm)
    digits = code.strip()
    if digits.isdigit() and 8 <= len(digits) <= 14:
        barcode = ItemBarcode.objects.select_related("item").filter(code=digits).first()
        if barcode:
            return Resolved(EAN, item=barcode.item, code=digits)
        return Resolved(EAN_UNKNOWN, code=digits)
    return Resolved(UNKNOWN, code=norm[:60])


def link_ean(actor, code: str, item: Item) -> ItemBarcode:
    barcode, _created = ItemBarcode.objects.get_or_create(code=code.strip(),
                                                          defaults={"item": item})
    return barcode


def parse_device_time(value: str) -> dt.datetime | None:
    try:
        stamp = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return None
    return stamp if stamp.tzinfo else None


def log(actor, raw: str, action: str, result: str, *, nonce: str = "", device_time=None,
        lot: Lot | None = None, location: Location | None = None,
        response: dict | None = None) -> ScanLog | None:
    """Append a scan that changes nothing (a look-up) to the log; a repeated nonce is
    ignored. Scans that act go through `once`."""
    try:
        with transaction.atomic():
            return ScanLog.objects.create(
                actor=actor, raw=(raw or "")[:300], action=action, result=result,
                nonce=(nonce or "")[:64], device_time=parse_device_time(device_time or ""),
                lot=lot, location=location, response=response or {})
    except IntegrityError:
        return None


@dataclass
class Done:
    """What a scan action did: stored in its log row, replayed to a retry."""

    result: str  # "done", "moved", "counted", "refused", or a resolve result (nothing done)
    message: str = ""
    code: str = "ok"
    lot: Lot | None = None
    location: Location | None = None
    repeat: bool = False  # this answer is the first request's, replayed
    context: dict = field(default_factory=dict)  # for the first answer only; not stored

    @property
    def ok(self) -> bool:
        return self.result not in ERRORS


def once(actor, nonce: str, work: Callable[[], Done], *, raw: str, action: str,
         device_time=None, lot: Lot | None = None, location: Location | None = None) -> Done:
    """Do a scan action at most once per (actor, nonce): its log row is inserted first in
    the action's transaction, so the log's unique nonce decides between twins; the twin
    answers with the first result. A refused action (StockError) is logged as refused."""
    nonce = (nonce or "")[:64]

    def claim() -> ScanLog:
        return ScanLog.objects.create(
            actor=actor, raw=(raw or "")[:300], action=action, result="pending",
            nonce=nonce, device_time=parse_device_time(device_time or ""))

    def run(entry: ScanLog) -> Done:
        try:
            with transaction.atomic():
                done = work()
        except ServiceError as err:  # any app's refusal (a closed drive, too little stock)
            done = Done("refused", err.message, err.code, lot=lot, location=location)
        entry.result, entry.lot, entry.location = done.result, done.lot, done.location
        entry.response = {"message": done.message, "code": done.code}
        entry.save(update_fields=["result", "lot", "location", "response"])
        return done

    def replay() -> Done:
        entry = ScanLog.objects.select_related("lot", "location").get(actor=actor, nonce=nonce)
        return Done(entry.result, entry.response.get("message", ""),
                    entry.response.get("code", "ok" if entry.result not in ERRORS
                                       else entry.result),
                    entry.lot, entry.location, repeat=True)

    return idempotency.once(claim, run, replay)


def single_location(resolved: Resolved) -> Location | None:
    return resolved.balances[0].location if len(resolved.balances) == 1 else None


def move_to(actor, lot: Lot, target: Location, source: Location | None = None,
            quantity=None) -> str:
    """Move what is available of `lot` (at `source`, or its only location) to `target`."""
    if source is None:
        rows = [b for b in Balance.objects.filter(lot=lot, quantity__gt=0)
                .select_related("location") if b.location_id != target.pk]
        if len(rows) != 1:
            raise services.StockError(
                _("This lot is in several places; open it and choose where from."),
                "ambiguous_source")
        source = rows[0].location
    movement = services.move(actor, lot, source, target, quantity)
    return _("Moved %(quantity)s %(unit)s of %(item)s to %(location)s.") % {
        "quantity": services.num(movement.quantity), "unit": lot.item.get_unit_display(),
        "item": lot.item.name, "location": target}


ERRORS = {UNKNOWN, RETIRED, FOREIGN, EMPTY, EAN_UNKNOWN, "refused"}


# --- The scan-action registry (InvenTree's barcode handlers) -------------------------
# A scan action is a name, the permission it needs and a function
# `run(actor, inputs) -> Done`. `inputs` holds the resolved objects (lot, location, target,
# item) and the raw fields (quantity, reason, expiry, drive, code). Both the scan page and
# the API dispatch through `perform`; another app adds its own from AppConfig.ready()
# (donations: "receive into a drive"). A handler with `when` is tried before the plain one.


@dataclass(frozen=True)
class ScanAction:
    name: str
    perm: str
    run: Callable[[Any, dict], Done]
    when: Callable[[dict], bool] | None = None


ACTIONS: dict[str, list[ScanAction]] = {}


def register(name: str, perm: str, run: Callable[[Any, dict], Done], *,
             when: Callable[[dict], bool] | None = None) -> None:
    handlers = [h for h in ACTIONS.get(name, []) if h.run is not run]
    handlers.append(ScanAction(name, perm, run, when))
    # the specific handlers (with `when`) first, the plain one last
    ACTIONS[name] = sorted(handlers, key=lambda h: h.when is None)


def permission(name: str) -> str | None:
    handlers = ACTIONS.get(name)
    return handlers[0].perm if handlers else None


def allowed(user, name: str) -> bool:
    perm = permission(name)
    return perm is not None and user.has_perm(perm)


def perform(actor, name: str, inputs: dict) -> Done:
    """Run the registered action; StockError/ServiceError refusals propagate to `once`."""
    for handler in ACTIONS.get(name, []):
        if handler.when is None or handler.when(inputs):
            return handler.run(actor, inputs)
    raise services.StockError(_("Unknown scan mode."), "unknown_mode")


def _quantity(inputs: dict, *, zero_ok: bool = False) -> Decimal:
    quantity = parse_quantity(inputs.get("quantity", ""))
    if quantity is None or quantity < 0 or (quantity == 0 and not zero_ok):
        raise services.StockError(_("Enter a quantity."), "bad_quantity")
    return quantity


def _values(inputs: dict, quantity: Decimal) -> dict:
    lot = inputs["lot"]
    return {"quantity": services.num(quantity), "unit": lot.item.get_unit_display(),
            "item": lot.item.name, "location": inputs["location"]}


def _done(inputs: dict, message: str) -> Done:
    return Done("done", message, lot=inputs.get("lot"), location=inputs.get("location"))


def _issue(actor, inputs: dict) -> Done:
    quantity = _quantity(inputs)
    services.issue(actor, inputs["lot"], inputs["location"], quantity,
                   reason=inputs.get("reason") or _("issued by scan"))
    return _done(inputs, _("Issued %(quantity)s %(unit)s of %(item)s.")
                 % _values(inputs, quantity))


def _adjust(actor, inputs: dict) -> Done:
    quantity = _quantity(inputs)
    services.adjust(actor, inputs["lot"], inputs["location"], quantity,
                    reason=inputs.get("reason") or _("corrected by scan"))
    return _done(inputs, _("%(item)s at %(location)s is now %(quantity)s %(unit)s.")
                 % _values(inputs, quantity))


def _count(actor, inputs: dict) -> Done:
    quantity = _quantity(inputs, zero_ok=True)
    take = stocktake.start(actor, inputs["location"])
    stocktake.count(actor, take, inputs["lot"], quantity)
    return _done(inputs, _("Counted %(quantity)s %(unit)s of %(item)s at %(location)s.")
                 % _values(inputs, quantity))


def _move(actor, inputs: dict) -> Done:
    target = inputs.get("target")
    if target is None:
        raise services.StockError(_("Choose another location."), "same_location")
    quantity = parse_quantity(inputs.get("quantity") or "") or None
    return _done(inputs, move_to(actor, inputs["lot"], target, inputs.get("location"),
                                 quantity))


def _link_ean(actor, inputs: dict) -> Done:
    item = inputs["item"]
    link_ean(actor, inputs.get("code", ""), item)
    return Done("done", _("Barcode linked to %(item)s.") % {"item": item.name})


def receive_inputs(inputs: dict) -> tuple[Item, Location, Decimal, dt.date | None]:
    """The checked fields of a receipt by scan (shared with other apps' receive modes)."""
    item, location = inputs["item"], inputs["location"]
    quantity = parse_quantity(inputs.get("quantity", ""))
    if quantity is None or quantity <= 0:
        raise services.StockError(_("Enter a quantity."), "bad_quantity")
    expiry = None
    if inputs.get("expiry"):
        try:
            expiry = dt.date.fromisoformat(inputs["expiry"])
        except ValueError as err:
            raise services.StockError(_("Enter a valid expiry date."), "bad_date") from err
    if item.perishable and expiry is None:
        raise services.StockError(_("Perishable goods need an expiry date."), "expiry_required")
    return item, location, quantity, expiry


def received(lot: Lot, item: Item, location: Location) -> Done:
    message = _("Received %(quantity)s %(unit)s of %(item)s into %(location)s.") % {
        "quantity": services.num(lot.received_quantity), "unit": item.get_unit_display(),
        "item": item.name, "location": location}
    return Done("done", message, lot=lot, location=location, context={"label_lot": lot})


def _receive(actor, inputs: dict) -> Done:
    """Goods picked by their EAN: a new lot (or one unit) with its QR tag."""
    item, location, quantity, expiry = receive_inputs(inputs)
    kind = Lot.Kind.UNIT if item.individual else Lot.Kind.BULK
    lot = services.create_lot(actor, item, location, quantity, kind=kind, expiry=expiry,
                              source=_("received by scan"))
    return received(lot, item, location)


register("move", "inventory.move_stock", _move)
register("issue", "inventory.issue_stock", _issue)
register("adjust", "inventory.adjust_stock", _adjust)
register("count", "inventory.count_stock", _count)
register("link_ean", "inventory.add_itembarcode", _link_ean)
register("receive", "inventory.receive_stock", _receive)
