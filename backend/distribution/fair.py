"""Fair allocation when stock is short: a pure function on integer steps.

Quantities are counted in whole steps of the item's unit (1 kg, 1 l, 1 package…),
so nobody gets 0.333 kg and the total never exceeds the stock.

- PROPORTIONAL: everyone first gets min(need, minimum) (in the given order while
  stock lasts), the rest is shared in proportion to the remaining need
  (largest-remainder rounding; ties go to the earlier key).
- PRIORITY: after the minimums, needs are filled whole in descending priority.
"""

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

PROPORTIONAL = "proportional"
PRIORITY = "priority"


@dataclass(frozen=True)
class Claim:
    key: Hashable
    need: int
    priority: int = 0


def allocate(claims: Sequence[Claim], stock: int, *, minimum: int = 0,
             method: str = PROPORTIONAL) -> dict[Hashable, int]:
    if stock < 0 or minimum < 0 or any(c.need < 0 for c in claims):
        raise ValueError("negative quantities")
    total = sum(c.need for c in claims)
    if total <= stock:
        return {c.key: c.need for c in claims}
    order = sorted(claims, key=lambda c: -c.priority) if method == PRIORITY else list(claims)
    given = {c.key: 0 for c in claims}
    left = stock
    for claim in order:  # the minimum first, for everyone the stock reaches
        share = min(claim.need, minimum, left)
        given[claim.key] = share
        left -= share
    if left == 0:
        return given
    if method == PRIORITY:
        for claim in order:
            more = min(claim.need - given[claim.key], left)
            given[claim.key] += more
            left -= more
            if left == 0:
                break
        return given
    rest = {c.key: c.need - given[c.key] for c in claims}
    rest_total = sum(rest.values())  # > left, else total <= stock
    remainders = []
    for index, claim in enumerate(claims):
        exact, remainder = divmod(rest[claim.key] * left, rest_total)
        given[claim.key] += exact
        remainders.append((-remainder, index, claim.key))
    handed = sum(given.values())
    for _r, _i, key in sorted(remainders)[:stock - handed]:
        given[key] += 1
    return given
