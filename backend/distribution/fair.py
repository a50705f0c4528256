"""Fair allocation when stock is short: a pure function on integer steps
(docs/decisions/0032-fair-allocation.md).

Quantities are whole steps of the item's unit (1 kg, 1 l, 1 package…), so nobody gets
0.333 kg and the total never exceeds the stock. The stock is handed out one step at a
time; each claim's next step has a key, the smallest key gets the step:

1. the minimum, in rounds: everyone still below min(need, minimum) gets one step per
   round (``when_short=EQUAL``, the default), or — ``when_short=PRIORITY_ONLY`` — the
   highest priority group gets its whole minimum before the next group gets any;
2. the rest in proportion to the need (Sainte-Laguë: the next step goes to the largest
   need / (given + ½)); with ``method=PRIORITY`` the highest priority group is filled
   (proportionally inside the group) before the next group gets more;
3. whatever ties is broken by one fixed order of the claims: priority (higher first),
   then household size (more persons first), then a lottery — a hash of the recorded
   seed and the claim's key. Never the list order, never the alphabet.

Because each claim's keys only grow, the result for stock s + 1 is the result for s plus
one step: more stock never gives anyone less, and a re-run with new stock (``already``)
continues the same sequence instead of favouring the earlier winners.
"""

import hashlib
import heapq
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

PROPORTIONAL = "proportional"
PRIORITY = "priority"
EQUAL = "equal"  # when the minimums do not fit: a smaller, equal minimum for everyone
PRIORITY_ONLY = "priority_only"  # when the minimums do not fit: the minimum by priority


@dataclass(frozen=True)
class Claim:
    key: Hashable
    need: int
    priority: int = 0
    persons: int = 1


@dataclass
class Result:
    given: dict[Hashable, int]
    minimums_fit: bool = True
    # keys that got a step their equals did not: decided by the tie-break order
    tie_break: list = field(default_factory=list)

    def __getitem__(self, key: Hashable) -> int:
        return self.given[key]


def lottery(seed: str, key: Hashable) -> str:
    return hashlib.sha256(f"{seed}:{key}".encode()).hexdigest()


def tie_order(claims: Sequence[Claim], seed: str) -> dict[Hashable, int]:
    """Rank of each claim in the tie-break: priority, persons, then the seeded lottery."""
    ordered = sorted(claims, key=lambda c: (-c.priority, -c.persons, lottery(seed, c.key)))
    return {c.key: rank for rank, c in enumerate(ordered)}


def allocate(claims: Sequence[Claim], stock: int, *, minimum: int = 0,
             method: str = PROPORTIONAL, when_short: str = EQUAL, seed: str = "",
             already: dict[Hashable, int] | None = None) -> Result:
    """Share `stock` more steps among the claims (on top of what they `already` have)."""
    if stock < 0 or minimum < 0 or any(c.need < 0 for c in claims):
        raise ValueError("negative quantities")
    if len({c.key for c in claims}) != len(claims):
        raise ValueError("duplicate keys")
    already = already or {}
    given = {c.key: min(max(already.get(c.key, 0), 0), c.need) for c in claims}
    floors = {c.key: min(c.need, minimum) for c in claims}
    missing = sum(max(floors[k] - given[k], 0) for k in given)
    result = Result(given, minimums_fit=missing <= stock)
    if sum(c.need - given[c.key] for c in claims) <= stock:
        for c in claims:
            given[c.key] = c.need
        return result
    rank = tie_order(claims, seed)
    by_priority = method == PRIORITY

    def key(c: Claim) -> tuple | None:
        g = given[c.key]
        if g >= c.need:
            return None
        if g < floors[c.key]:
            group = -c.priority if when_short == PRIORITY_ONLY else 0
            return (0, group, g, 0.0, rank[c.key])
        group = -c.priority if by_priority else 0
        return (1, group, 0, -c.need / (2 * g + 1), rank[c.key])

    heap = [(k, i) for i, c in enumerate(claims) if (k := key(c)) is not None]
    heapq.heapify(heap)
    left = stock
    last = None
    while left and heap:
        k, i = heapq.heappop(heap)
        claim = claims[i]
        given[claim.key] += 1
        left -= 1
        last = k
        nxt = key(claim)
        if nxt is not None:
            heapq.heappush(heap, (nxt, i))
    if last is not None and any(k[:4] == last[:4] for k, _i in heap):
        # equals at the level where the stock ran out: the tie-break order decided
        result.tie_break = sorted((c.key for c in claims if _won(c, given, last, key)),
                                  key=lambda x: rank[x])
    return result


def _won(claim: Claim, given, last, key) -> bool:
    """Did this claim take a step at the level where the stock ran out?"""
    if given[claim.key] == 0:
        return False
    given[claim.key] -= 1
    try:
        before = key(claim)
    finally:
        given[claim.key] += 1
    return before is not None and before[:4] == last[:4]
