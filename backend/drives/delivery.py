"""Home deliveries (fuel): runs for drivers, the SMS the day before, the door.

    plan_run(actor, drive, driver, day, enrolments, notes="") -> DeliveryRun   (audited)
    deliver(actor, stop, code, *, nonce, device_time=None) -> Outcome
        the code typed or scanned at the door must be the household's; the stock is
        issued by the engine's hand_over(delivered=True): a retry with the same nonce
        is the same answer, a second delivery is "already_handed_over"
    fail(actor, stop, reason, note="") -> DeliveryStop                           (audited)
    send_delivery_notices(day=None) -> int    (scheduled daily: runs of tomorrow)

Patterns from the exchange's run sheet (backend/exchange): the driver sees only their
own runs; every step is one idempotent POST.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.accounts import audit
from backend.common.errors import ServiceError
from backend.distribution import services as engine
from backend.distribution.models import Allocation, Enrolment
from backend.notifications import services as sms

from .models import DeliveryRun, DeliveryStop, Drive
from .services import writable

P = DeliveryStop.Status


class DeliveryError(ServiceError):
    default_code = "delivery_refused"


def deliverable(drive: Drive):
    """Enrolments to be delivered home that hold a reservation and no planned stop."""
    return (Enrolment.objects.filter(
        distribution=drive.distribution, delivery=True, status__in=engine.ACTIVE,
        allocations__status=Allocation.Status.RESERVED).distinct()
        .exclude(delivery_stops__status=P.PLANNED)
        .select_related("household", "contact").order_by("household__street", "id"))


@transaction.atomic
def plan_run(actor, drive: Drive, driver, day: dt.date, enrolments, notes: str = "") -> DeliveryRun:
    writable(drive)
    wanted = {e.pk for e in enrolments}
    rows = list(deliverable(drive).filter(pk__in=wanted))
    if not rows:
        raise DeliveryError(_("Choose households to be delivered to."), "empty")
    run = DeliveryRun.objects.create(drive=drive, driver=driver, date=day, notes=notes,
                                     created_by=actor if getattr(actor, "is_authenticated",
                                                                 False) else None)
    for position, enrolment in enumerate(rows, start=1):
        engine.ensure_code(enrolment)
        # A new day is a new notice (the dedupe key carries the version).
        Enrolment.objects.filter(pk=enrolment.pk).update(
            notice_version=enrolment.notice_version + 1)
        DeliveryStop.objects.create(run=run, enrolment=enrolment, position=position)
    audit.record(actor, "create", run, {"driver": driver.pk, "date": day.isoformat(),
                                        "stops": len(rows)}, root=drive)
    return run


def _lock(stop: DeliveryStop) -> DeliveryStop:
    return DeliveryStop.objects.select_for_update(of=("self",)).select_related(
        "enrolment", "run").get(pk=stop.pk)


def deliver(actor, stop: DeliveryStop, code: str, *, nonce: str,
            device_time: dt.datetime | None = None) -> engine.Outcome:
    """At the door: the household's pickup code (typed) or its package QR (scanned)."""
    with transaction.atomic():
        stop = _lock(stop)
        found = engine.find(stop.run.drive.distribution, code)
        if found is None or found.pk != stop.enrolment_id:
            return engine.Outcome("wrong_code", stop.enrolment)
        outcome = engine.hand_over(actor, stop.enrolment, nonce=nonce, delivered=True,
                                   device_time=device_time)
        if outcome.code in ("ok", "already_handed_over") and stop.status != P.DELIVERED:
            before = stop.status
            stop.status, stop.reason, stop.done_at = P.DELIVERED, "", timezone.now()
            stop.actor = actor if getattr(actor, "is_authenticated", False) else None
            stop.save(update_fields=["status", "reason", "done_at", "actor"])
            audit.record(actor, "update", stop, {"status": [before, P.DELIVERED]},
                         root=stop.enrolment.household)
    return outcome


@transaction.atomic
def fail(actor, stop: DeliveryStop, reason: str, note: str = "") -> DeliveryStop:
    """A drop that did not happen, with the reason the coordinator will read."""
    if reason not in DeliveryStop.Reason.values:
        raise DeliveryError(_("Choose why it was not delivered."), "reason")
    stop = _lock(stop)
    if stop.status == P.DELIVERED:
        raise DeliveryError(_("Already delivered."), "already_delivered")
    if stop.status == P.FAILED and stop.reason == reason and stop.note == note:
        return stop  # a repeated click
    before = [stop.status, stop.reason]
    stop.status, stop.reason, stop.note = P.FAILED, reason, note[:250]
    stop.done_at = timezone.now()
    stop.actor = actor if getattr(actor, "is_authenticated", False) else None
    stop.save(update_fields=["status", "reason", "note", "done_at", "actor"])
    audit.record(actor, "update", stop, {"status": [before[0], P.FAILED],
                                         "reason": [before[1], reason]},
                 root=stop.enrolment.household)
    return stop


def send_delivery_notices(day: dt.date | None = None) -> int:
    """The day before: "jutro dowieziemy ..." to every planned stop of tomorrow's runs
    (idempotent: the outbox dedupe key carries the enrolment's notice version)."""
    tomorrow = (day or timezone.localdate()) + dt.timedelta(days=1)
    stops = list(DeliveryStop.objects.filter(run__date=tomorrow, status=P.PLANNED)
                 .select_related("enrolment", "run"))
    by_enrolment = {s.enrolment_id: s for s in stops}
    enrolments = list(Enrolment.objects.filter(pk__in=by_enrolment, status__in=engine.ACTIVE)
                      .select_related("contact", "household__site"))
    items = engine.notices(enrolments, engine.DELIVERY, extra=lambda e: {
        "date": f"{by_enrolment[e.pk].run.date:%d.%m}"})
    with transaction.atomic():
        return sms.enqueue_many(items) if items else 0
