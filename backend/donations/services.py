"""Donation intake: donor → lines → lots/units, ledger receipts and QR tags, one transaction."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from backend.accounts import audit
from backend.accounts.models import Site
from backend.drives.selectors import accepts_donations
from backend.inventory import services as stock
from backend.inventory.models import Item, ItemBarcode, Location, Lot
from backend.people import services as people_services
from backend.people.models import Donor

from .models import Donation, DonationLine


@dataclass
class LineInput:
    item: Item
    quantity: Decimal
    location: Location
    expiry: dt.date | None = None
    condition: str = ""
    serial: str = ""
    description: str = ""
    link_ean: str = ""  # an unknown EAN typed with the item: linked once, known from then on


@transaction.atomic
def create_donation(actor, *, site: Site, date: dt.date, lines: list[LineInput],
                    donor: Donor | None = None, new_donor: dict | None = None,
                    drive_id: int | None = None, notes: str = "") -> Donation:
    """Record a donation. `donor` existing, `new_donor` data to create one, or neither
    (anonymous). Every line becomes a lot (or one unit per piece for individual items)."""
    if not lines:
        raise stock.StockError(_("A donation needs at least one line."), "no_lines")
    if drive_id is not None and not accepts_donations(drive_id):  # page, API, scanner alike
        raise stock.StockError(_("This drive no longer takes donations."), "drive_closed")
    if donor is None and new_donor:
        donor = people_services.create_donor(actor, new_donor)
    donation = Donation.objects.create(donor=donor, site=site, date=date, drive_id=drive_id,
                                       notes=notes, created_by=actor
                                       if getattr(actor, "is_authenticated", False) else None)
    source = donation.donor_label
    for data in lines:
        if data.link_ean:
            ItemBarcode.objects.get_or_create(code=data.link_ean, defaults={"item": data.item})
        if data.item.individual:
            count = int(data.quantity)
            if count != data.quantity or count < 1:
                raise stock.StockError(_("Individual units come in whole pieces."),
                                       "bad_quantity")
            first = None
            for _piece in range(count):
                lot = stock.create_lot(actor, data.item, data.location, 1, kind=Lot.Kind.UNIT,
                                       expiry=data.expiry, source=source, ref=donation,
                                       condition=data.condition, serial=data.serial,
                                       description=data.description)
                first = first or lot
        else:
            first = stock.create_lot(actor, data.item, data.location, data.quantity,
                                     expiry=data.expiry, source=source, ref=donation)
        DonationLine.objects.create(donation=donation, item=data.item, quantity=data.quantity,
                                    expiry=data.expiry, location=data.location, lot=first)
    audit.record(actor, "create", donation, {"lines": len(lines)}, root=donor)
    return donation


EDITABLE = ["donor", "date", "notes"]


@transaction.atomic
def update_donation(actor, donation: Donation, data: dict) -> Donation:
    """Correct the donor, date or notes; the lines are stock already (adjust the lot)."""
    donation = Donation.objects.select_for_update().get(pk=donation.pk)
    before = audit.snapshot(donation, EDITABLE)
    for key in EDITABLE:
        if key in data:
            setattr(donation, key, data[key])
    donation.save(update_fields=[k for k in EDITABLE if k in data])
    changes = audit.diff(before, audit.snapshot(donation, EDITABLE))
    if changes:
        audit.record(actor, "update", donation, changes, root=donation.donor)
    return donation


def donation_lots(donation: Donation):
    from backend.inventory.selectors import movements_for

    ids = movements_for(donation).filter(kind="receive").values("lot_id")
    return Lot.objects.filter(pk__in=ids).select_related("item").order_by("id")
