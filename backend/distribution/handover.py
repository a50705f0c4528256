"""Hand-over (split from services.py, issue 10): find a household by its pickup code or
package QR, check the owner's stage, the day and the site, then issue what is reserved —
once per nonce: every refusal decided under the enrolment's row lock, then the hand-over
row claimed with INSERT ... ON CONFLICT DO NOTHING and one ledger step for all items
(docs/decisions/0120)."""

import datetime as dt
import secrets
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.accounts import audit
from backend.common.errors import ServiceError
from backend.common.idempotency import insert_once
from backend.inventory import reservations

from .guards import DistributionClosed, owner_of
from .models import Allocation, Distribution, Enrolment, HandOver
from .signals import handed_over

E = Enrolment.Status


class HandOverRefused(ServiceError):
    """Codes: not_distributing, wrong_day, wrong_site, override_not_allowed.
    A coordinator may override the first three with a reason (audited)."""

    default_code = "handover_refused"


def refusal(enrolment: Enrolment, *, site=None, at: dt.datetime | None = None
            ) -> ServiceError | None:
    """Why this hand-over must not happen now/here, or None. The owner says whether its
    stage hands over (`handover_open`); the booked slot gives the day and the site."""
    if enrolment.distribution.is_closed:
        return DistributionClosed(_("This drive is closed: it can no longer be changed."))
    owner = owner_of(enrolment.distribution)
    if owner is not None and not getattr(owner, "handover_open", True):
        stage = getattr(owner, "get_status_display", lambda: "")()
        return HandOverRefused(
            _("Hand-overs have not started: the drive is at the stage “%(stage)s”.")
            % {"stage": stage}, "not_distributing", stage=stage)
    slot = enrolment.slot
    if slot is None:
        return None
    today = timezone.localtime(at or timezone.now()).date()
    if slot.date != today:
        return HandOverRefused(
            _("Booked for %(date)s %(window)s at %(site)s, not today.") % {
                "date": slot.date.strftime("%d.%m.%Y"), "window": slot.window,
                "site": slot.site.name}, "wrong_day", date=slot.date.isoformat())
    if site is not None and slot.site_id != site.pk:
        return HandOverRefused(
            _("Booked at %(site)s (%(street)s), not here.") % {
                "site": slot.site.name, "street": slot.site.street}, "wrong_site",
            site=slot.site.name)
    return None


@dataclass
class Outcome:
    code: str
    enrolment: Enrolment | None = None
    handover: HandOver | None = None
    lines: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.code == "ok"

    @property
    def message(self) -> str:
        return {
            "ok": _("Handed over."),
            "already_handed_over": _("Already handed over. Do not hand it over again."),
            "unknown_code": _("Unknown pickup code."),
            "not_allocated": _("Nothing to hand over for this code."),
            "released": _("The reservation was released (declined or did not come)."),
            "code_required": _("Scan the package QR or type the pickup code to hand over."),
            "code_mismatch": _("This code belongs to another household."),
        }.get(self.code, self.code)


def find(distribution: Distribution | None, code: str) -> Enrolment | None:
    """A pickup code (within the distribution) or a package QR reserved for someone."""
    code = (code or "").strip()
    qs = Enrolment.objects.select_related("contact", "slot__site")
    if code.isdigit():
        rows = qs.filter(pickup_code=code)
        if distribution is not None:
            rows = rows.filter(distribution=distribution)
        return rows.first()
    from backend.inventory.scanning import resolve

    resolved = resolve(code)
    if resolved.lot is None or resolved.lot.received_quantity != 1:
        return None  # only a package (a lot of one) names one household; bulk lots do not
    from backend.inventory.selectors import last_reserved_for

    allocation_id = last_reserved_for(resolved.lot, Allocation)
    if allocation_id is None:
        return None
    return qs.filter(allocations__pk=allocation_id).first()


def named_by_code(enrolment: Enrolment, code: str) -> str:
    """"ok" when `code` (a pickup code or a package QR) names this household, else the
    refusal code. A hand-over must name the household by what the recipient brings: an
    enrolment id alone would let anyone hand over anybody's parcel (decision 0023)."""
    code = (code or "").strip()
    if not code:
        return "code_required"
    if code.isdigit():  # pickup codes are unique within a distribution: no query needed
        return "ok" if enrolment.pickup_code == code else "code_mismatch"
    found = find(enrolment.distribution, code)
    return "ok" if found is not None and found.pk == enrolment.pk else "code_mismatch"


def _owner_relations() -> list[str]:
    """The owners' reverse one-to-one names present (drive, event, camp): selected with
    the locked read, so `refusal` asks nothing more."""
    names = {f.name for f in Distribution._meta.related_objects if f.one_to_one}
    return [f"distribution__{n}" for n in ("drive", "event", "camp") if n in names]


def hand_over(actor, enrolment: Enrolment | int, *, nonce: str,
              quantities: dict[int, Decimal] | None = None, delivered: bool = False,
              device_time: dt.datetime | None = None, site=None, override: str = "",
              at: dt.datetime | None = None, code: str | None = None,
              delivery_without_code: bool = False) -> Outcome:
    """Issue what is reserved for the household (all, or `quantities` per allocation).

    Once per nonce: every refusal is decided first under the enrolment's row lock (which
    serialises twins), then the hand-over row — unique nonce, lines filled in — is
    inserted with ON CONFLICT DO NOTHING; a twin or a retry answers with the first result
    (docs/decisions/0120). `code`, when given, must name this household (named_by_code),
    checked on the locked row — left empty only for a home delivery of an enrolment
    marked for delivery when the caller may (`delivery_without_code`). Refused
    (HandOverRefused) before the owner's hand-over stage, on another day than the booked
    slot, or at another `site` than booked — unless `override` gives a coordinator's
    reason (needs distribution.change_handover; audited)."""
    nonce = (nonce or secrets.token_hex(16))[:64]
    override = (override or "").strip()
    with transaction.atomic():
        enrolment = Enrolment.objects.select_for_update(of=("self",)).select_related(
            "slot__site", "distribution", *_owner_relations()).get(
            pk=getattr(enrolment, "pk", enrolment))
        if enrolment.distribution.is_closed:  # read with the lock: not stale (ensure_open)
            raise DistributionClosed(_("This drive is closed: it can no longer be changed."))
        named = "ok" if code is None or (delivery_without_code and delivered and
                                         enrolment.delivery and not code.strip()) \
            else named_by_code(enrolment, code)
        if named != "ok":
            return Outcome(named, enrolment)
        allocations = list(enrolment.allocations.select_for_update(of=("self",))
                           .select_related("item").order_by("id"))
        refused = _refused(enrolment, allocations)
        if refused:
            return _replay(actor, enrolment, nonce) or Outcome(refused, enrolment)
        overridden = _guard(actor, enrolment, site=None if delivered else site, at=at,
                            override=override)
        plan, lines, partial = _plan(allocations, quantities)
        handover = HandOver(enrolment=enrolment, household_id=enrolment.household_id,
                            nonce=nonce, delivered=delivered,
                            device_time=device_time, lines=lines, partial=partial,
                            actor=actor if getattr(actor, "is_authenticated", False) else None)
        if not insert_once(handover):
            return _replay(actor, enrolment, nonce) or hand_over(
                actor, enrolment, nonce=secrets.token_hex(16), quantities=quantities,
                delivered=delivered, device_time=device_time, site=site, override=override,
                at=at)
        if overridden is not None:
            audit.record(actor, "update", enrolment, {"handover_override": [
                overridden.code, override[:200]]}, root=enrolment.household)
        reservations.issue_reserved_all(actor, plan, reason=_("hand-over"))
        Allocation.objects.bulk_update([a for a, _q in plan], ["handed_over", "status"])
        enrolment.status = E.PARTIAL if partial else E.HANDED_OVER
        enrolment.save(update_fields=["status"])
        handed_over.send(sender=Enrolment, enrolment=enrolment, handover=handover,
                         issued=[(a, q) for a, q in plan if q > 0], actor=actor)
    return Outcome("ok", enrolment, handover, lines)


def _refused(enrolment: Enrolment, allocations: list[Allocation]) -> str:
    if enrolment.status in (E.DECLINED, E.NO_SHOW, E.WITHDRAWN):
        return "released"
    if not allocations:
        return "not_allocated"
    if not any(a.status in (Allocation.Status.RESERVED, Allocation.Status.PARTIAL)
               and a.remaining > 0 for a in allocations):
        return "already_handed_over"
    return ""


def _replay(actor, enrolment: Enrolment, nonce: str) -> Outcome | None:
    """A retry of a done hand-over (same nonce, same household): the first answer."""
    done = HandOver.objects.filter(nonce=nonce).first()
    if done is None or done.enrolment_id != enrolment.pk:
        return None  # a nonce reused for another household is not a retry
    return Outcome("ok", enrolment, done, done.lines)


def _plan(allocations: list[Allocation], quantities: dict[int, Decimal] | None):
    """(allocation, quantity) to issue, the lines for the receipt, partial or not; the
    allocations' handed_over and status are set (saved by the caller)."""
    plan, lines, partial = [], [], False
    for allocation in allocations:
        if allocation.status not in (Allocation.Status.RESERVED, Allocation.Status.PARTIAL) \
                or allocation.remaining <= 0:
            continue
        wanted = allocation.remaining if quantities is None else min(
            Decimal(str(quantities.get(allocation.pk, allocation.remaining))),
            allocation.remaining)
        if wanted > 0:
            allocation.handed_over += wanted
            lines.append({"item": allocation.item.name, "quantity": str(wanted),
                          "unit": allocation.item.get_unit_display()})
        allocation.status = (Allocation.Status.HANDED_OVER if allocation.remaining == 0
                             else Allocation.Status.PARTIAL)
        partial = partial or allocation.remaining > 0
        plan.append((allocation, wanted))
    return plan, lines, partial


def _guard(actor, enrolment: Enrolment, *, site, at, override: str):
    """Raise the refusal, or return the one a coordinator's reason overrides (the caller
    audits it once the hand-over is claimed)."""
    refused = refusal(enrolment, site=site, at=at)
    if refused is None:
        return None
    if not override or isinstance(refused, DistributionClosed):  # closed: no override
        raise refused
    if not getattr(actor, "has_perm", lambda p: False)("distribution.change_handover"):
        raise HandOverRefused(_("Only a coordinator may override: %(why)s")
                              % {"why": refused.message}, "override_not_allowed")
    return refused
