"""The scanner's "receive into a drive" mode (registered in DonationsConfig.ready): goods
scanned in with a collecting drive chosen come in as an anonymous donation to that drive,
so they count in its progress. Inventory knows nothing of donations or drives."""

from django.utils import timezone
from django.utils.translation import gettext as _

from backend.drives.selectors import open_drive
from backend.inventory import scanning
from backend.inventory.services import StockError

from . import services


def receive_into_drive(actor, inputs: dict) -> scanning.Done:
    item, location, quantity, expiry = scanning.receive_inputs(inputs)
    drive = open_drive(inputs["drive"])  # the mode receives into a collecting drive only
    if drive is None:
        raise StockError(_("This drive no longer takes donations."), "drive_closed")
    donation = services.create_donation(
        actor, site=location.site, date=timezone.localdate(), drive_id=drive.pk,
        notes=_("received by scan"),
        lines=[services.LineInput(item=item, quantity=quantity, location=location,
                                  expiry=expiry)])
    lot = donation.lines.select_related("lot").first().lot
    return scanning.received(lot, item, location)


def register() -> None:
    scanning.register("receive", "inventory.receive_stock", receive_into_drive,
                      when=lambda inputs: bool(inputs.get("drive")))
