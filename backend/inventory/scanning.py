"""One resolve function for camera, keyboard-wedge and manual entry; scan actions; scan log."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.common import idempotency

from . import qr, services
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


def parse_quantity(value: Any) -> Decimal | None:
    try:
        quantity = Decimal(str(value).replace(",", ".").replace(" ", ""))
    except (InvalidOperation, ValueError):
        return None
    return quantity if quantity.is_finite() else None


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
        except services.StockError as err:
            done = Done("refused", str(err), err.code, lot=lot, location=location)
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


def act(actor, action: str, lot: Lot, location: Location, quantity_raw: str,
        reason: str = "") -> str:
    """One scan action on a lot at a location; returns the success message."""
    from . import stocktake
    from .models import StockTake

    quantity = parse_quantity(quantity_raw)
    if quantity is None or quantity < 0 or (quantity == 0 and action != "count"):
        raise services.StockError(_("Enter a quantity."), "bad_quantity")
    unit = lot.item.get_unit_display()
    values = {"quantity": services.num(quantity), "unit": unit, "item": lot.item.name,
              "location": location}
    if action == "issue":
        services.issue(actor, lot, location, quantity, reason=reason or _("issued by scan"))
        return _("Issued %(quantity)s %(unit)s of %(item)s.") % values
    if action == "adjust":
        services.adjust(actor, lot, location, quantity, reason=reason or _("corrected by scan"))
        return _("%(item)s at %(location)s is now %(quantity)s %(unit)s.") % values
    take = stocktake.start(actor, location)
    if take.status != StockTake.Status.OPEN:  # pragma: no cover - start returns an open one
        raise services.StockError(_("This stock-take is already confirmed."), "closed")
    stocktake.count(actor, take, lot, quantity)
    return _("Counted %(quantity)s %(unit)s of %(item)s at %(location)s.") % values


def receive_by_scan(actor, item: Item, location: Location, quantity_raw: str,
                    expiry_raw: str = "", drive_id=None) -> Lot:
    """Receive goods picked by their EAN: a new lot (or one unit) with its QR tag.

    With an open drive chosen in continuous mode ("receive into drive X"), the goods
    come in as an anonymous donation to that drive, so they count in its progress."""
    quantity = parse_quantity(quantity_raw)
    if quantity is None or quantity <= 0:
        raise services.StockError(_("Enter a quantity."), "bad_quantity")
    expiry = None
    if expiry_raw:
        try:
            expiry = dt.date.fromisoformat(expiry_raw)
        except ValueError as err:
            raise services.StockError(_("Enter a valid expiry date."), "bad_date") from err
    if item.perishable and expiry is None:
        raise services.StockError(_("Perishable goods need an expiry date."), "expiry_required")
    from backend.donations import selectors as donation_selectors

    drive = donation_selectors.open_drive(drive_id) if drive_id else None
    if drive_id and drive is None:
        raise services.StockError(_("This drive no longer takes donations."), "drive_closed")
    if drive is not None:
        from backend.donations import services as donations

        donation = donations.create_donation(
            actor, site=location.site, date=timezone.localdate(), drive_id=drive.pk,
            notes=_("received by scan"),
            lines=[donations.LineInput(item=item, quantity=quantity, location=location,
                                       expiry=expiry)])
        return donation.lines.select_related("lot").first().lot
    kind = Lot.Kind.UNIT if item.individual else Lot.Kind.BULK
    return services.create_lot(actor, item, location, quantity, kind=kind, expiry=expiry,
                               source=_("received by scan"))
