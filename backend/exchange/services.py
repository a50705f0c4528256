"""Equipment exchange services: every status change, audited, in one transaction.

Stock changes only through backend.inventory.services; SMS only through
backend.notifications.services.enqueue, inside the same transaction.

    create_offer(actor, data, photos=(), source="staff") -> Offer
    verify(actor, offer, item=None) -> Offer; publish(actor, offer) -> Offer
    withdraw(actor, offer, reason="") -> Offer
    create_request(actor, data) -> EquipmentRequest; cancel_request; reconfirm_request
    confirm_match(actor, offer, request) -> Match          (offer row locked: one match)
    answer(match, outcome) -> Match                         (TAK / NIE from the SMS)
    expire_stale_matches(now=None) -> int                   (no answer: pass on)
    plan_transport(actor, match, kind, driver, date, warehouse) -> TransportTask
    scan_step(actor, task, raw) -> StepResult              (pick-up / delivery by QR)
    confirm_handover(actor, match) -> Match                 (protocol signed)
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from backend.accounts import audit
from backend.common.errors import ServiceError
from backend.inventory import reservations, scanning
from backend.inventory import services as stock
from backend.inventory.models import Item, Location, Lot
from backend.inventory.selectors import category_descendants
from backend.notifications import services as sms
from backend.notifications.models import OutboxMessage
from backend.people.selectors import sms_contact

from . import selectors
from .models import EquipmentRequest, Match, Offer, OfferPhoto, TransportTask

S = Offer.Status
M = Match.Status
R = EquipmentRequest.Status
T = TransportTask.Status
K = TransportTask.Kind
PENDING_LOCATION = "Sprzęt u darczyńców (do odbioru)"

class ExchangeError(ServiceError):
    """A refused step; `code` is stable, the message is translated."""


def reply_hours() -> int:
    return int(getattr(settings, "EXCHANGE_REPLY_HOURS", 48))


def _set_status(actor, obj, new: str, **extra: Any) -> None:
    old = obj.status
    obj.status = new
    for key, value in extra.items():
        setattr(obj, key, value)
    obj.save()
    changes = {"status": [old, new]}
    changes.update({k: [None, str(v)] for k, v in extra.items() if k.endswith("_at") is False})
    audit.record(actor, "update", obj, changes)


def _lock_offer(offer: Offer) -> Offer:
    return Offer.objects.select_for_update().get(pk=offer.pk)


def _need(obj, allowed, message: str, code: str = "bad_status") -> None:
    if obj.status not in allowed:
        raise ExchangeError(message, code)


def _sms(purpose: str, phone: str, context: dict, *, person=None, **kwargs):
    """Text by code (notifications.template_text) in the recipient's language."""
    language = getattr(person, "preferred_language", "") or "pl"
    return sms.enqueue(purpose=purpose, phone=phone, person=person,
                       body=sms.notice_text(purpose, context, language), **kwargs)


# --- offers ---------------------------------------------------------------------------

OFFER_FIELDS = ["category", "item", "title", "description", "width_cm", "height_cm",
                "depth_cm", "condition", "donor_name", "donor_phone", "donor_email",
                "pickup_address", "availability", "collect_by"]


def _save_photos(offer: Offer, photos) -> None:
    """Cleaned copies only; never more than EXCHANGE_PHOTOS_PER_OFFER on one offer."""
    from backend.common.images import clean_photo

    from .forms import max_photos

    if photos and offer.photos.count() + len(photos) > max_photos():
        raise ExchangeError(_("An offer can have at most %(n)s photos.") % {"n": max_photos()},
                            "too_many_photos")
    for upload in photos:
        content, width, height = clean_photo(upload)
        photo = OfferPhoto(offer=offer, width=width, height=height)
        photo.image.save(content.name, content, save=True)


@transaction.atomic
def create_offer(actor, data: dict, photos=(), source: str = Offer.Source.STAFF,
                 consent: bool = False) -> Offer:
    offer = Offer(source=source, created_by=actor if getattr(actor, "is_authenticated", False)
                  else None, **{k: v for k, v in data.items() if k in OFFER_FIELDS})
    if consent:
        offer.consent_at = timezone.now()
    offer.save()
    _save_photos(offer, photos)
    snap = audit.snapshot(offer, ["category", "title", "condition", "collect_by", "source"])
    audit.record(actor, "create", offer, {**snap, "photos": len(photos)})
    return offer


@transaction.atomic
def update_offer(actor, offer: Offer, data: dict, photos=()) -> Offer:
    offer = _lock_offer(offer)
    _need(offer, Offer.EDITABLE, _("This offer can no longer be changed."))
    before = audit.snapshot(offer, OFFER_FIELDS)
    for key, value in data.items():
        if key in OFFER_FIELDS:
            setattr(offer, key, value)
    offer.save()
    _save_photos(offer, photos)
    changes = audit.diff(before, audit.snapshot(offer, OFFER_FIELDS))
    if photos:
        changes["photos"] = [None, f"+{len(photos)}"]
    if changes:
        audit.record(actor, "update", offer, changes)
    return offer


@transaction.atomic
def verify(actor, offer: Offer, item: Item | None = None) -> Offer:
    offer = _lock_offer(offer)
    _need(offer, [S.NEW], _("Only a new offer can be verified."))
    _set_status(actor, offer, S.VERIFIED, **({"item": item} if item else {}))
    return offer


@transaction.atomic
def publish(actor, offer: Offer) -> Offer:
    offer = _lock_offer(offer)
    _need(offer, [S.VERIFIED], _("Verify the offer first."))
    _set_status(actor, offer, S.AVAILABLE)
    return offer


@transaction.atomic
def withdraw(actor, offer: Offer, reason: str = "") -> Offer:
    offer = _lock_offer(offer)
    _need(offer, Offer.EDITABLE, _("This offer can no longer be withdrawn."))
    match = selectors.live_match(offer)
    if match is not None:
        _close_match(actor, match, M.CANCELLED)
        for task in match.tasks.filter(status__in=[T.PLANNED, T.PICKED_UP]):
            _set_status(actor, task, T.CANCELLED)
    if offer.lot_id:  # labelled but never collected: take the unit off the books
        reason = reason or _("offer withdrawn by the donor")
        for balance in offer.lot.balances.filter(quantity__gt=0).select_related("location"):
            if balance.reserved:
                stock.release(actor, offer.lot, balance.location, balance.reserved, ref=match,
                              reason=reason)
            stock.write_off(actor, offer.lot, balance.location, balance.quantity, reason=reason,
                            ref=offer)
    _set_status(actor, offer, S.WITHDRAWN)
    return offer


@transaction.atomic
def pass_on(actor, match: Match) -> Match | None:
    """The coordinator gives up waiting for an answer: the next in line gets the offer."""
    match = Match.objects.select_for_update(of=("self",)).get(pk=match.pk)
    if match.status != M.PROPOSED:
        raise ExchangeError(_("Only a match awaiting an answer can be passed on."), "bad_status")
    return _pass_on(actor, match, M.CANCELLED)


# --- requests -------------------------------------------------------------------------

REQUEST_FIELDS = ["household", "category", "needs", "max_width_cm", "max_height_cm",
                  "max_depth_cm", "urgency", "justification"]


@transaction.atomic
def create_request(actor, data: dict) -> EquipmentRequest:
    request = EquipmentRequest.objects.create(
        created_by=actor, confirmed_at=timezone.now(),
        **{k: v for k, v in data.items() if k in REQUEST_FIELDS})
    audit.record(actor, "create", request, audit.snapshot(
        request, ["household", "category", "needs", "urgency"]), root=request.household)
    return request


@transaction.atomic
def cancel_request(actor, request: EquipmentRequest) -> EquipmentRequest:
    request = EquipmentRequest.objects.select_for_update().get(pk=request.pk)
    _need(request, [R.WAITING], _("Only a waiting request can be cancelled."))
    _set_status(actor, request, R.CANCELLED)
    return request


@transaction.atomic
def reconfirm_request(actor, request: EquipmentRequest) -> EquipmentRequest:
    """The social worker confirms the household still needs it (keeps its place)."""
    request = EquipmentRequest.objects.select_for_update().get(pk=request.pk)
    request.confirmed_at = timezone.now()
    request.reconfirm_requested_at = None
    request.save(update_fields=["confirmed_at", "reconfirm_requested_at"])
    audit.record(actor, "update", request, {"confirmed_at": [None, "now"]})
    return request


# --- matching -------------------------------------------------------------------------

def contact(request: EquipmentRequest):
    """The household member who gets the SMS (people.selectors.sms_contact: consent,
    mobile, no STOP; the head first)."""
    found = sms_contact(request.household)
    return found.person if found else None


@transaction.atomic
def confirm_match(actor, offer: Offer, request: EquipmentRequest, *,
                  now: dt.datetime | None = None) -> Match:
    """The coordinator confirms: lock the offer row, check it is still free, write
    the match and the SMS to the household (answer TAK / NIE by the deadline)."""
    now = now or timezone.now()
    offer = _lock_offer(offer)
    _need(offer, Offer.MATCHABLE, _("This offer is no longer available (already matched?)."),
          "not_available")
    request = EquipmentRequest.objects.select_for_update().get(pk=request.pk)
    _need(request, [R.WAITING], _("This request is no longer waiting."), "not_waiting")
    if offer.category_id not in category_descendants(request.category_id):
        raise ExchangeError(_("The request is for another category."), "category")
    match = Match.objects.create(offer=offer, request=request, created_by=actor if getattr(
        actor, "is_authenticated", False) else None, reply_by=now + dt.timedelta(
        hours=reply_hours()))
    audit.record(actor, "create", match, {"offer": [None, offer.pk],
                                          "request": [None, request.pk]})
    _set_status(actor, offer, S.RESERVED)
    _set_status(actor, request, R.MATCHED)
    person = contact(request)
    if person is not None:
        _sms("exchange_offer", person.phone, {
            "item": offer.title, "first_name": person.first_name,
            "deadline": date_format(timezone.localtime(match.reply_by), "d.m.Y H:i")},
            person=person, obj=match, expects_reply=True, expires_at=match.reply_by)
    return match


def _close_match(actor, match: Match, status: str) -> None:
    _set_status(actor, match, status, answered_at=timezone.now())
    request = EquipmentRequest.objects.select_for_update().get(pk=match.request_id)
    if request.status == R.MATCHED:
        _set_status(actor, request, R.WAITING)


def _pass_on(actor, match: Match, status: str) -> Match | None:
    """NIE or no answer: the offer goes to the next in line (or back to available)."""
    offer = _lock_offer(match.offer)
    _close_match(actor, match, status)
    _set_status(actor, offer, S.AVAILABLE)
    following = selectors.suggested_requests(offer).first()
    if following is None:
        return None
    return confirm_match(None, offer, following)


@transaction.atomic
def answer(match: Match, outcome: str) -> Match:
    """The household's SMS answer ("confirm" = TAK, "decline" = NIE)."""
    match = Match.objects.select_for_update(of=("self",)).select_related("offer").get(
        pk=match.pk)
    if match.status != M.PROPOSED:
        return match
    if outcome == "confirm":
        _set_status(None, match, M.ACCEPTED, answered_at=timezone.now())
        offer = match.offer
        _sms("exchange_donor", offer.donor_phone, {"item": offer.title}, obj=match)
    else:
        _pass_on(None, match, M.DECLINED)
    return match


def expire_stale_matches(now: dt.datetime | None = None) -> int:
    now = now or timezone.now()
    count = 0
    for match in Match.objects.filter(status=M.PROPOSED, reply_by__lt=now).order_by("id"):
        with transaction.atomic():
            match = Match.objects.select_for_update().get(pk=match.pk)
            if match.status != M.PROPOSED:
                continue
            _pass_on(None, match, M.EXPIRED)
            count += 1
    return count


# --- transport ------------------------------------------------------------------------

def _pending_location(warehouse: Location) -> Location:
    """Where a unit waits (on the ledger) between its label and the pick-up."""
    found = Location.objects.filter(parent=warehouse, name=PENDING_LOCATION).first()
    return found or stock.create_location(None, warehouse.site, PENDING_LOCATION,
                                          Location.Kind.ZONE, parent=warehouse)


def _unit_for(actor, offer: Offer, warehouse: Location) -> Lot:
    """The offer becomes an individual stock unit with its QR label (printed for the
    driver, stuck on at the donor's), received at the pending location."""
    if offer.lot_id:
        return offer.lot
    item = offer.item or Item.objects.filter(category=offer.category, individual=True,
                                             is_active=True).first()
    if item is None:
        raise ExchangeError(_("Choose the catalogue item of this offer first."), "no_item")
    lot = stock.create_lot(actor, item, _pending_location(warehouse), 1, kind=Lot.Kind.UNIT,
                           source=_("equipment exchange, offer #%(id)s") % {"id": offer.pk},
                           ref=offer, condition=offer.condition,
                           dimensions=offer.dimensions, description=offer.description)
    for photo in offer.photos.all():  # the unit keeps the offer's photos (inventory's helper)
        with photo.image.open("rb") as upload:
            stock.add_photo(actor, lot, upload)
    offer.lot = lot
    offer.item = item
    offer.save(update_fields=["lot", "item", "updated_at"])
    audit.record(actor, "update", offer, {"lot": [None, lot.pk]})
    return lot


@transaction.atomic
def plan_transport(actor, match: Match, kind: str, driver, date: dt.date,
                   warehouse: Location | None = None, notes: str = "") -> TransportTask:
    match = Match.objects.select_for_update(of=("self",)).select_related("offer").get(
        pk=match.pk)
    if match.status != M.ACCEPTED:
        raise ExchangeError(_("The household has not accepted this offer yet."), "not_accepted")
    offer = match.offer
    if kind == K.WAREHOUSE_TO_HOUSEHOLD:
        _need(offer, [S.COLLECTED], _("The item is not in the warehouse yet."))
        warehouse = warehouse or offer.lot.balances.filter(quantity__gt=0).first().location
    else:
        _need(offer, [S.RESERVED], _("The item has already been collected."))
        if warehouse is None:
            raise ExchangeError(_("Choose the warehouse."), "no_warehouse")
        lot = _unit_for(actor, offer, warehouse)
        if kind == K.DONOR_TO_HOUSEHOLD and not reservations.reserved_for(match):
            stock.reserve(actor, lot, _pending_location(warehouse), 1, ref=match,
                          reason=_("equipment exchange"))
    busy = match.tasks.filter(status__in=[T.PLANNED, T.PICKED_UP]).exists()
    if busy:
        raise ExchangeError(_("This match already has a transport under way."), "busy")
    task = TransportTask.objects.create(match=match, kind=kind, driver=driver, date=date,
                                        warehouse=warehouse, notes=notes,
                                        created_by=actor)
    audit.record(actor, "create", task, {"kind": [None, kind], "driver": [None, driver.pk],
                                         "date": [None, str(date)]})
    return task


@dataclass
class StepResult:
    ok: bool
    code: str
    message: str


def _arrive(actor, task: TransportTask, lot: Lot) -> str:
    offer = Offer.objects.select_for_update().get(pk=task.match.offer_id)
    match = task.match
    reason = _("equipment exchange")
    if task.kind == K.DONOR_TO_WAREHOUSE:
        stock.move(actor, lot, _pending_location(task.warehouse), task.warehouse, 1, ref=task,
                   reason=reason)
        stock.reserve(actor, lot, task.warehouse, 1, ref=match, reason=reason)
        _set_status(actor, offer, S.COLLECTED)
        return _("Collected into the warehouse.")
    source = task.warehouse if task.kind == K.WAREHOUSE_TO_HOUSEHOLD \
        else _pending_location(task.warehouse)
    stock.issue(actor, lot, source, 1, ref=match, reason=reason, from_reserved=True)
    _set_status(actor, offer, S.DELIVERED)
    return _("Delivered. Ask for a signature on the hand-over protocol.")


@transaction.atomic
def scan_step(actor, task: TransportTask, raw: str) -> StepResult:
    """Confirm the next step of a task (pick-up, then delivery) by the unit's QR code,
    scanned by camera or wedge, or its short code typed. A repeat is harmless."""
    task = TransportTask.objects.select_for_update(of=("self",)).select_related(
        "match__offer", "warehouse").get(pk=task.pk)
    if task.status in (T.DONE, T.CANCELLED):
        return StepResult(True, "already_done", _("This task is already finished."))
    resolved = scanning.resolve(raw)
    lot = task.match.offer.lot
    if resolved.result != scanning.LOT or lot is None or resolved.lot.pk != lot.pk:
        message = resolved.message or _("This is not the item of this task.")
        scanning.log(actor, raw, "exchange", "refused", lot=resolved.lot,
                     response={"message": message})
        return StepResult(False, "wrong_item" if resolved.ok else resolved.result, message)
    now = timezone.now()
    try:
        if task.status == T.PLANNED:
            _set_status(actor, task, T.PICKED_UP, picked_up_at=now)
            message = _("Picked up.")
        else:
            message = _arrive(actor, task, lot)
            _set_status(actor, task, T.DONE, done_at=now)
    except stock.StockError as err:
        transaction.set_rollback(True)
        return StepResult(False, err.code, str(err))
    scanning.log(actor, raw, "exchange", task.status, lot=lot, response={"message": message})
    return StepResult(True, task.status, message)


@transaction.atomic
def confirm_handover(actor, match: Match) -> Match:
    """The signed protocol is back: the offer is handed over, the request fulfilled."""
    match = Match.objects.select_for_update().get(pk=match.pk)
    offer = _lock_offer(match.offer)
    _need(offer, [S.DELIVERED], _("The item has not been delivered yet."))
    _set_status(actor, match, M.COMPLETED, handed_over_at=timezone.now())
    _set_status(actor, offer, S.HANDED_OVER)
    request = EquipmentRequest.objects.select_for_update().get(pk=match.request_id)
    _set_status(actor, request, R.FULFILLED)
    return match


# --- housekeeping ---------------------------------------------------------------------

def remind_households(now: dt.datetime) -> int:
    """Half the answer time gone and no answer: one reminder (it takes the TAK/NIE too)."""
    count = 0
    for match in Match.objects.filter(status=M.PROPOSED, reply_by__gt=now).select_related(
            "offer", "request__household"):
        if now < match.created_at + (match.reply_by - match.created_at) / 2:
            continue
        person = contact(match.request)
        if person is None or OutboxMessage.objects.filter(
                purpose="exchange_offer_reminder", object_id=str(match.pk)).exists():
            continue
        with transaction.atomic():
            _sms("exchange_offer_reminder", person.phone, {
                "item": match.offer.title,
                "deadline": date_format(timezone.localtime(match.reply_by), "d.m.Y H:i")},
                person=person, obj=match, expects_reply=True, expires_at=match.reply_by)
        count += 1
    return count


def housekeeping(now: dt.datetime | None = None) -> dict[str, int]:
    """Expire unanswered matches, remind and expire stale offers, ask social workers
    to re-confirm old requests. Safe to run any number of times."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    result = {"matches_expired": expire_stale_matches(now),
              "matches_reminded": remind_households(now), "offers_reminded": 0,
              "offers_expired": 0, "requests_to_reconfirm": 0}
    remind_days = int(getattr(settings, "EXCHANGE_OFFER_REMIND_DAYS", 3))
    for offer in Offer.objects.filter(status__in=Offer.OPEN, collect_by__isnull=False):
        with transaction.atomic():
            offer = _lock_offer(offer)
            if offer.collect_by < today:
                _set_status(None, offer, S.EXPIRED)
                result["offers_expired"] += 1
            elif (offer.collect_by - today).days <= remind_days and offer.reminded_at is None:
                _sms("exchange_donor_reminder", offer.donor_phone, {
                    "item": offer.title, "deadline": offer.collect_by}, obj=offer)
                offer.reminded_at = now
                offer.save(update_fields=["reminded_at"])
                result["offers_reminded"] += 1
    days = int(getattr(settings, "EXCHANGE_REQUEST_RECONFIRM_DAYS", 90))
    stale = EquipmentRequest.objects.filter(
        status=R.WAITING, reconfirm_requested_at__isnull=True,
        confirmed_at__lt=now - dt.timedelta(days=days))
    for request in stale:
        request.reconfirm_requested_at = now
        request.save(update_fields=["reconfirm_requested_at"])
        audit.record(None, "update", request, {"reconfirm_requested_at": [None, str(now)]})
        result["requests_to_reconfirm"] += 1
    return result
