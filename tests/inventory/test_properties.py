"""Random sequences of stock operations keep every balance equal to its ledger."""

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backend.inventory import selectors, services
from backend.inventory.models import Balance

OPS = st.lists(st.tuples(
    st.sampled_from(["receive", "move", "reserve", "release", "issue", "adjust", "write_off",
                     "return"]),
    st.integers(min_value=0, max_value=2),  # lot
    st.integers(min_value=0, max_value=1),  # location
    st.integers(min_value=1, max_value=8),  # quantity
), max_size=25)


@pytest.mark.django_db
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=OPS)
def test_random_operations_keep_the_ledger_true(tree, items, ops):
    locs = [tree["a1"], tree["b3"]]
    lots = [services.create_lot(None, items["rice"], locs[0], 3) for _ in range(3)]
    for kind, li, loc_i, q in ops:
        lot, loc, other = lots[li], locs[loc_i], locs[1 - loc_i]
        before = {b.pk: (b.quantity, b.reserved) for b in Balance.objects.filter(lot=lot)}
        row = Balance.objects.filter(lot=lot, location=loc).first()
        available = row.quantity - row.reserved if row else Decimal(0)
        reserved = row.reserved if row else Decimal(0)
        try:
            if kind == "receive":
                services.receive(None, lot, loc, q)
            elif kind == "return":
                services.return_stock(None, lot, loc, q)
            elif kind == "move":
                services.move(None, lot, loc, other, q)
            elif kind == "reserve":
                services.reserve(None, lot, loc, q)
            elif kind == "release":
                services.release(None, lot, loc, q)
            elif kind == "issue":
                services.issue(None, lot, loc, q)
            elif kind == "write_off":
                services.write_off(None, lot, loc, q, reason="uszkodzone")
            else:
                services.adjust(None, lot, loc, None, delta=q if q % 2 else -q, reason="spis")
        except services.StockError as err:
            # Refused only when it really was too much, and nothing changed.
            if kind in {"move", "reserve", "issue", "write_off"}:
                assert q > available and err.code == "not_enough"
            elif kind == "release":
                assert q > reserved
            else:
                assert kind == "adjust"
            after = {b.pk: (b.quantity, b.reserved) for b in Balance.objects.filter(lot=lot)}
            assert {k: v for k, v in after.items() if k in before} == before
        else:
            if kind in {"move", "reserve", "issue", "write_off"}:
                assert q <= available
        assert not Balance.objects.filter(quantity__lt=0).exists()
        assert selectors.stock_check() == []
