"""Partners: what the centre shares with them (each change recorded), and a drive that ends
in a transfer of its goods to a partner (stock through backend.inventory.services)."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField, F, Q
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from backend.accounts import audit
from backend.common.collation import polish
from backend.common.errors import ServiceError
from backend.donations.models import Donation, DonationLine
from backend.drives.models import Drive
from backend.inventory import services as stock
from backend.inventory.models import Balance, Item, Movement
from backend.inventory.selectors import num

from .models import Access, Partner, Share, Transfer


class PartnerError(ServiceError):
    default_code = "partner_invalid"


@transaction.atomic
def set_access(actor, partner: Partner, access: str, why: str) -> Share:
    """Change what the partner's log-ins see about recipients; the reason is required and
    the change is kept (Share) and audited."""
    if access not in Access.values:
        raise PartnerError(_("Unknown access level."), "unknown_access")
    why = (why or "").strip()
    if not why:
        raise PartnerError(_("Say why the access changes."), "reason_required")
    partner = Partner.objects.select_for_update().get(pk=partner.pk)
    share = Share.objects.create(partner=partner, access=access, previous=partner.access,
                                 why=why[:300], actor=actor if getattr(
                                     actor, "is_authenticated", False) else None)
    audit.record(actor, "update", partner, {"access": [partner.access, access],
                                            "why": [None, why[:300]]})
    partner.access = access
    partner.save(update_fields=["access"])
    return share


def transferable(drive: Drive) -> list[Balance]:
    """What the drive collected and still holds, free of reservations: every balance (any
    location) of every lot received with its donations. A line of individual units keeps
    only its first lot, so the lots are the donations' receipts in the ledger (each piece is
    received with the donation as its ref), plus the lines' own lots."""
    donations = Donation.objects.filter(drive_id=drive.pk).annotate(
        ref=Cast("pk", CharField())).values("ref")
    received = Movement.objects.filter(
        kind=Movement.Kind.RECEIVE, ref_type=ContentType.objects.get_for_model(Donation),
        ref_id__in=donations).values("lot_id")
    lines = DonationLine.objects.filter(donation__drive_id=drive.pk, lot__isnull=False) \
        .values("lot_id")
    return list(Balance.objects.filter(Q(lot_id__in=received) | Q(lot_id__in=lines),
                                       quantity__gt=F("reserved"))
                .select_related("lot__item", "location")
                .order_by(polish("lot__item__name"), "lot_id"))


def transfer(actor, drive: Drive, partner: Partner) -> Transfer:
    """Hand everything the drive still holds to the partner and close the drive. Each lot
    is issued from stock with the transfer as its ref; the lines go on the protocol."""
    with transaction.atomic():
        drive = Drive.objects.select_for_update().get(pk=drive.pk)  # one transfer at a time
        if drive.status == Drive.Status.CLOSED:
            raise PartnerError(_("This drive is closed: it can no longer be changed."),
                               "closed")
        balances = transferable(drive)
        if not balances:
            raise PartnerError(_("The drive holds nothing to transfer."), "nothing_to_transfer")
        record = Transfer.objects.create(drive=drive, partner=partner, actor=actor if getattr(
            actor, "is_authenticated", False) else None)
        totals: dict[int, Decimal] = {}
        for balance in balances:
            free = balance.quantity - balance.reserved
            stock.issue(actor, balance.lot, balance.location, free, ref=record,
                        reason=_("transfer to %(partner)s") % {"partner": partner.name})
            totals[balance.lot.item_id] = totals.get(balance.lot.item_id, Decimal("0")) + free
        items = {b.lot.item_id: b.lot.item for b in balances}
        record.lines = [{"item": items[pk].name, "unit": items[pk].unit,  # code: shown translated
                         "quantity": str(q)} for pk, q in totals.items()]
        record.save(update_fields=["lines"])
        before = drive.status
        drive.status = Drive.Status.CLOSED
        drive.save(update_fields=["status"])
        audit.record(actor, "update", drive, {"status": [before, drive.status],
                                              "transfer": [None, partner.name]})
    return record


def describe(record: Transfer) -> str:
    return ", ".join(f"{line['item']} {num(line['quantity'])} {unit_label(line['unit'])}"
                     for line in record.lines)


def unit_label(code: str) -> str:
    return str(Item.Unit(code).label) if code in Item.Unit.values else code
