"""Slot choice for many households at once (distribution.services._Emptiest) picks what
the plain rule picks — the open slot of the household's site with the lowest share
booked, then the lowest id; else any open slot by the same rule — for any order."""

import random

from backend.distribution.models import PickupSlot
from backend.distribution.services import _Emptiest


def _plain(counts, slots, by_site, site):
    for group in (by_site.get(site) or slots, slots):
        open_slots = [s for s in group if counts.get(s.pk, 0) < s.capacity]
        if open_slots:
            return min(open_slots, key=lambda s: (counts.get(s.pk, 0) / s.capacity, s.pk))
    return None


def test_the_heap_picks_what_the_plain_rule_picks():
    rng = random.Random(18)
    for _round in range(200):
        slots = [PickupSlot(pk=i + 1, site_id=rng.choice([1, 2, 3]),
                            capacity=rng.randrange(0, 6)) for i in range(rng.randrange(1, 9))]
        by_site: dict[int, list] = {}
        for slot in slots:
            by_site.setdefault(slot.site_id, []).append(slot)
        start = {s.pk: rng.randrange(0, 3) for s in slots if rng.random() < 0.5}
        plain, fast = dict(start), dict(start)
        emptiest = _Emptiest(fast)
        for site in [rng.choice([1, 2, 3, 4]) for _ in range(30)]:
            want = _plain(plain, slots, by_site, site)
            got = (emptiest.pick(site, by_site[site]) if site in by_site else None) \
                or emptiest.pick(None, slots)
            assert got is want
            if want is None:
                break
            plain[want.pk] = plain.get(want.pk, 0) + 1
            fast[got.pk] = fast.get(got.pk, 0) + 1
