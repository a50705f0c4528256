"""The fair split: whole units, never more than the stock, independent of list order."""

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backend.distribution.fair import (
    EQUAL,
    PRIORITY,
    PRIORITY_ONLY,
    PROPORTIONAL,
    Claim,
    allocate,
)


def test_enough_stock_gives_every_need():
    claims = [Claim("a", 3), Claim("b", 5)]
    assert allocate(claims, 10, minimum=1).given == {"a": 3, "b": 5}


def test_seventy_percent_proportional_with_minimum():
    claims = [Claim(i, need) for i, need in enumerate([2, 4, 4, 6, 8, 10, 6])]  # 40
    given_ = allocate(claims, 28, minimum=2, seed="s").given
    assert sum(given_.values()) == 28
    assert all(given_[c.key] >= min(2, c.need) for c in claims)
    assert all(given_[c.key] <= c.need for c in claims)
    assert given_[5] > given_[1]  # more need, more share
    assert abs(given_[1] - given_[2]) <= 1 and abs(given_[3] - given_[6]) <= 1


def test_priority_fills_the_highest_first_after_minimums():
    claims = [Claim("low", 10, 0), Claim("high", 10, 5)]
    assert allocate(claims, 12, minimum=1, method=PRIORITY).given == {"low": 2, "high": 10}


def test_minimums_that_do_not_fit_are_shared_equally_not_by_the_alphabet():
    """Today's main: the minimum 'in the given order while stock lasts' — the last names
    in code-point order (Ślusarczyk, Żółkiewska) got 0 kg."""
    names = ["Żółkiewska", "Nowak", "Ślusarczyk", "Adamska", "Kowal"]
    claims = [Claim(n, 5) for n in names]
    result = allocate(claims, 6, minimum=2, seed="x")
    assert not result.minimums_fit
    assert sorted(result.given.values()) == [1, 1, 1, 1, 2]
    assert result.given["Żółkiewska"] >= 1 and result.given["Ślusarczyk"] >= 1
    assert len(result.tie_break) == 1  # the one extra step, recorded


def test_priority_only_gives_the_whole_minimum_by_priority():
    claims = [Claim("a", 5, 1), Claim("b", 5, 0), Claim("c", 5, 1)]
    result = allocate(claims, 4, minimum=2, when_short=PRIORITY_ONLY, seed="x")
    assert result.given == {"a": 2, "b": 0, "c": 2}


def test_equal_households_get_equal_milk():
    """Today's main: two equal households got 2 l and 1 l of milk."""
    claims = [Claim("Kowalscy", 2), Claim("Nowakowie", 2), Claim("Zielińscy", 2)]
    assert allocate(claims, 3, minimum=1, seed="s").given == {
        "Kowalscy": 1, "Nowakowie": 1, "Zielińscy": 1}


def test_a_larger_household_wins_the_tie_over_a_single_person():
    """Today's main: a 1-person household got 2 t of coal and a 6-person one 1 t."""
    for seed in ("a", "b", "c", "d"):
        claims = [Claim("Abacka (1 osoba)", 2, persons=1),
                  Claim("Zając (6 osób)", 2, persons=6)]
        given_ = allocate(claims, 3, minimum=1, seed=seed).given
        assert given_ == {"Abacka (1 osoba)": 1, "Zając (6 osób)": 2}


def test_rerun_after_new_stock_continues_the_same_sequence():
    """Today's main: re-running after new stock gave earlier winners more and left stock."""
    claims = [Claim(i, need) for i, need in enumerate([4, 4, 4, 8, 2, 6])]
    first = allocate(claims, 10, minimum=1, seed="s").given
    topped = allocate(claims, 16, minimum=1, seed="s", already=first).given
    fresh = allocate(claims, 26, minimum=1, seed="s").given
    assert topped == fresh and sum(topped.values()) == 26
    assert all(topped[k] >= first[k] for k in first)


def test_the_same_seed_gives_the_same_answer_in_any_order():
    claims = [Claim(i, 3) for i in range(9)]
    base = allocate(claims, 10, seed="seed-1").given
    shuffled = claims[:]
    random.Random(3).shuffle(shuffled)
    assert allocate(shuffled, 10, seed="seed-1").given == base


needs = st.lists(st.integers(min_value=0, max_value=30), min_size=1, max_size=40)
common = {"ratio": st.floats(min_value=0, max_value=1.2),
          "minimum": st.integers(min_value=0, max_value=6),
          "method": st.sampled_from([PROPORTIONAL, PRIORITY]),
          "when_short": st.sampled_from([EQUAL, PRIORITY_ONLY]),
          "priorities": st.lists(st.integers(min_value=0, max_value=3), min_size=40,
                                 max_size=40),
          "seed": st.text(max_size=8)}


def _claims(needs, priorities):
    return [Claim(i, n, priorities[i], persons=1 + (n + i) % 3) for i, n in enumerate(needs)]


RELAXED = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@RELAXED
@given(needs=needs, **common)
def test_properties(needs, ratio, minimum, method, when_short, priorities, seed):
    claims = _claims(needs, priorities)
    total = sum(needs)
    stock = int(total * ratio)
    result = allocate(claims, stock, minimum=minimum, method=method, when_short=when_short,
                      seed=seed)
    given_ = result.given
    assert set(given_) == {c.key for c in claims}
    assert sum(given_.values()) == min(stock, total)  # nothing wasted, never over stock
    assert all(0 <= given_[c.key] <= c.need for c in claims)
    assert result.minimums_fit == (sum(min(c.need, minimum) for c in claims) <= stock)
    if result.minimums_fit:
        assert all(given_[c.key] >= min(c.need, minimum) for c in claims)


@RELAXED
@given(needs=needs, perm=st.randoms(use_true_random=False), **common)
def test_permuting_households_changes_nothing(needs, perm, ratio, minimum, method,
                                              when_short, priorities, seed):
    claims = _claims(needs, priorities)
    stock = int(sum(needs) * ratio)
    kwargs = {"minimum": minimum, "method": method, "when_short": when_short, "seed": seed}
    shuffled = claims[:]
    perm.shuffle(shuffled)
    first = allocate(claims, stock, **kwargs)
    second = allocate(shuffled, stock, **kwargs)
    assert first.given == second.given and first.tie_break == second.tie_break


@RELAXED
@given(needs=needs, other_seed=st.text(max_size=8), **common)
def test_another_seed_changes_only_the_tie_break(needs, other_seed, ratio, minimum, method,
                                                 when_short, priorities, seed):
    claims = _claims(needs, priorities)
    stock = int(sum(needs) * ratio)
    kwargs = {"minimum": minimum, "method": method, "when_short": when_short}
    one = allocate(claims, stock, seed=seed, **kwargs)
    two = allocate(claims, stock, seed=other_seed, **kwargs)
    for key in one.given:
        if one.given[key] != two.given[key]:
            assert abs(one.given[key] - two.given[key]) == 1
            assert key in one.tie_break or key in two.tie_break


@RELAXED
@given(need=st.integers(min_value=0, max_value=30), count=st.integers(min_value=2, max_value=30),
       ratio=st.floats(min_value=0, max_value=1.2), minimum=st.integers(min_value=0, max_value=6),
       others=needs, seed=st.text(max_size=8))
def test_equal_needs_differ_by_at_most_one_step(need, count, ratio, minimum, others, seed):
    claims = [Claim(f"e{i}", need) for i in range(count)] + [
        Claim(f"o{i}", n) for i, n in enumerate(others)]
    stock = int(sum(c.need for c in claims) * ratio)
    given_ = allocate(claims, stock, minimum=minimum, seed=seed).given
    equal = [given_[f"e{i}"] for i in range(count)]
    assert max(equal) - min(equal) <= 1


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(needs=needs, **common)
def test_more_stock_never_gives_anyone_less(needs, ratio, minimum, method, when_short,
                                            priorities, seed):
    claims = _claims(needs, priorities)
    total = sum(needs)
    kwargs = {"minimum": minimum, "method": method, "when_short": when_short, "seed": seed}
    before = allocate(claims, 0, **kwargs).given
    for stock in range(1, total + 1):
        after = allocate(claims, stock, **kwargs).given
        assert all(after[k] >= before[k] for k in before)
        before = after
