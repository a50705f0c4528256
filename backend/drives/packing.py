"""Packing station: contents leave their lots (issue), the package becomes a lot with
its own QR (create_lot) — one transaction, through the inventory verbs only."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from backend.inventory import services as stock
from backend.inventory.models import Balance, Location, Lot
from backend.inventory.services import StockError

from .models import PackageTemplate


@transaction.atomic
def pack(actor, template: PackageTemplate, location: Location, scanned: list[Lot]) -> Lot:
    """Take each line from the scanned lots (in scan order) at `location`."""
    package = stock.create_lot(actor, template.item, location, 1,
                               source=_("packed: %(name)s") % {"name": template.name})
    for line in template.lines.select_related("item"):
        left = line.quantity
        for lot in [lot for lot in scanned if lot.item_id == line.item_id]:
            balance = Balance.objects.filter(lot=lot, location=location).first()
            free = balance.available if balance else Decimal("0")
            part = min(free, left)
            if part > 0:
                stock.issue(actor, lot, location, part, ref=package,
                            reason=_("packed into %(name)s") % {"name": template.name})
                left -= part
            if left <= 0:
                break
        if left > 0:
            raise StockError(_("Scan more %(item)s: %(left)s missing.") % {
                "item": line.item.name, "left": left}, "not_enough", left)
    return package
