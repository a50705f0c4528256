"""The fair split: whole units, never more than the stock, the minimum first."""

from hypothesis import given
from hypothesis import strategies as st

from backend.distribution.fair import PRIORITY, PROPORTIONAL, Claim, allocate


def test_enough_stock_gives_every_need():
    claims = [Claim("a", 3), Claim("b", 5)]
    assert allocate(claims, 10, minimum=1) == {"a": 3, "b": 5}


def test_seventy_percent_proportional_with_minimum():
    claims = [Claim(i, need) for i, need in enumerate([2, 4, 4, 6, 8, 10, 6])]  # 40
    given_ = allocate(claims, 28, minimum=2)
    assert sum(given_.values()) == 28
    assert all(given_[c.key] >= min(2, c.need) for c in claims)
    assert all(given_[c.key] <= c.need for c in claims)
    assert given_[5] > given_[1]  # more need, more share


def test_priority_fills_the_highest_first_after_minimums():
    claims = [Claim("low", 10, 0), Claim("high", 10, 5)]
    assert allocate(claims, 12, minimum=1, method=PRIORITY) == {"low": 2, "high": 10}


def test_not_enough_for_minimums_reaches_as_many_as_possible():
    claims = [Claim(i, 5) for i in range(5)]
    given_ = allocate(claims, 6, minimum=2)
    assert sorted(given_.values()) == [0, 0, 2, 2, 2]


needs = st.lists(st.integers(min_value=0, max_value=50), min_size=1, max_size=60)


@given(needs=needs, ratio=st.floats(min_value=0, max_value=1.2),
       minimum=st.integers(min_value=0, max_value=6),
       method=st.sampled_from([PROPORTIONAL, PRIORITY]),
       priorities=st.lists(st.integers(min_value=0, max_value=3), min_size=60, max_size=60))
def test_properties(needs, ratio, minimum, method, priorities):
    claims = [Claim(i, n, priorities[i]) for i, n in enumerate(needs)]
    total = sum(needs)
    stock = int(total * ratio)
    given_ = allocate(claims, stock, minimum=minimum, method=method)
    assert set(given_) == {c.key for c in claims}
    assert sum(given_.values()) == min(stock, total)  # nothing wasted, never over stock
    assert all(0 <= given_[c.key] <= c.need for c in claims)
    if sum(min(c.need, minimum) for c in claims) <= stock:
        assert all(given_[c.key] >= min(c.need, minimum) for c in claims)
