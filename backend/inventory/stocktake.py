"""Stock-take (inwentaryzacja) of a location: start, count, review, confirm → adjustments.

Each count remembers what was on hand when it was made; confirming adjusts by
counted − expected, so moves made meanwhile are kept (work goes on during a count).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.accounts import audit
from backend.common.collation import polish
from backend.common.parsing import parse_quantity

from . import services
from .models import Balance, Location, Lot, StockTake, StockTakeLine


@dataclass
class Row:
    lot: Lot
    on_hand: Decimal
    counted: Decimal | None
    expected: Decimal | None

    @property
    def difference(self) -> Decimal | None:
        return None if self.counted is None else self.counted - self.expected


def start(actor, location: Location) -> StockTake:
    take = StockTake.objects.filter(location=location, status=StockTake.Status.OPEN).first()
    if take is None:
        take = StockTake.objects.create(location=location, started_by=actor)
        audit.record(actor, "create", take)
    return take


@transaction.atomic
def count(actor, take: StockTake, lot: Lot, counted) -> StockTakeLine:
    quantity = parse_quantity(counted)
    if quantity is None or quantity < 0:
        raise services.StockError(_("Enter the counted quantity."), "bad_quantity")
    if take.status != StockTake.Status.OPEN:
        raise services.StockError(_("This stock-take is already confirmed."), "closed")
    balance = Balance.objects.filter(lot=lot, location=take.location).first()
    expected = balance.quantity if balance else Decimal("0")
    line, _created = StockTakeLine.objects.update_or_create(
        stock_take=take, lot=lot,
        defaults={"counted": quantity, "expected": expected, "counted_by": actor})
    return line


def review(take: StockTake) -> list[Row]:
    lines = {line.lot_id: line for line in take.lines.select_related("lot__item")}
    rows = []
    for balance in Balance.objects.filter(location=take.location, quantity__gt=0) \
            .select_related("lot__item").order_by(polish("lot__item__name"), "lot_id"):
        line = lines.pop(balance.lot_id, None)
        rows.append(Row(balance.lot, balance.quantity, line.counted if line else None,
                        line.expected if line else None))
    for line in lines.values():
        rows.append(Row(line.lot, Decimal("0"), line.counted, line.expected))
    return rows


@transaction.atomic
def confirm(actor, take: StockTake) -> int:
    take = StockTake.objects.select_for_update().get(pk=take.pk)
    if take.status != StockTake.Status.OPEN:
        raise services.StockError(_("This stock-take is already confirmed."), "closed")
    changes = 0
    reason = _("stock-take %(date)s") % {"date": take.started_at.date().isoformat()}
    for line in take.lines.select_related("lot__item"):
        delta = line.counted - line.expected
        if delta:
            services.adjust(actor, line.lot, take.location, None, delta=delta, reason=reason,
                            ref=take)
            changes += 1
    take.status = StockTake.Status.DONE
    take.confirmed_at = timezone.now()
    take.save(update_fields=["status", "confirmed_at"])
    audit.record(actor, "update", take, {"status": ["open", "done"]})
    return changes
