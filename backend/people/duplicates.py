"""Likely duplicates, ranked by a score: the three best candidates with why.

Signals (names compared folded — no diacritics, lower case) and their weights:
  same PESEL 100 · same name + birth date 60 · same name + phone 50 · same name + street 40 ·
  same surname + phone 20 · same surname + the whole address 20 · same address +10
  (a different first name at the same phone or address is most often a family member).
Signals add up. Same name + birth date at another address is flagged as such: a person
who moved, or registered twice at two addresses. A PESEL match cannot be overridden.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from backend.common.text import fold

from .models import Household, Person

SCORES = {"pesel": 100, "name_birth": 60, "name_phone": 50, "name_street": 40,
          "surname_phone": 20, "surname_address": 20, "same_address": 10}
THRESHOLD = 20  # below this a candidate is noise
SHOWN = 3


def reason_text(code: str) -> str:
    return {
        "pesel": _("same PESEL"),
        "name_birth": _("same name and birth date"),
        "name_phone": _("same name and phone"),
        "name_street": _("same name and street"),
        "surname_phone": _("same phone and surname"),
        "surname_address": _("same address and surname"),
        "same_address": _("same address"),
        "other_address": _("at another address"),
    }[code]


@dataclass
class Candidate:
    person: Person
    score: int = 0
    codes: list[str] = field(default_factory=list)

    @property
    def code(self) -> str:
        """"pesel": the same person for sure; "similar" otherwise (may be overridden)."""
        return "pesel" if "pesel" in self.codes else "similar"

    @property
    def reason(self) -> str:
        return ", ".join(reason_text(c) for c in self.codes)

    def add(self, code: str) -> None:
        if code not in self.codes:
            self.codes.append(code)
            self.score += SCORES.get(code, 0)


def address_key(street: str, building: str, apartment: str, city: str) -> str:
    return fold(f"{street} {building} {apartment} {city}")


def candidates(*, last_name: str, first_name: str = "", birth_date: dt.date | None = None,
               pesel: str = "", phone: str = "", street: str = "", building: str = "",
               apartment: str = "", city: str = "", exclude_pk: int | None = None,
               limit: int = SHOWN) -> list[Candidate]:
    """The `limit` best-scoring people that may be this one, best first."""
    surname, given = fold(last_name), fold(first_name)
    if not surname and not pesel:
        return []
    query = Q(search_text__contains=surname) if surname else Q(pk__in=[])
    if pesel:
        query |= Q(pesel=pesel)
    if phone:
        query |= Q(phone=phone)
    rows = Person.objects.select_related("household").filter(query).exclude(
        household__status=Household.Status.ANONYMISED)
    if exclude_pk:
        rows = rows.exclude(pk=exclude_pk)
    wanted = address_key(street, building, apartment, city) if street and city else ""
    found = []
    for person in rows[:300]:
        c = Candidate(person)
        h = person.household
        same_surname = bool(surname) and fold(person.last_name) == surname
        same_name = same_surname and bool(given) and fold(person.first_name) == given
        same_address = bool(wanted) and address_key(h.street, h.building, h.apartment,
                                                    h.city) == wanted
        if pesel and person.pesel == pesel:
            c.add("pesel")
        if same_name and birth_date and person.birth_date == birth_date:
            c.add("name_birth")
            if wanted and not same_address:
                c.codes.append("other_address")
        if same_name and phone and person.phone == phone:
            c.add("name_phone")
        elif same_surname and phone and person.phone == phone:
            c.add("surname_phone")
        if same_name and street and fold(h.street) == fold(street) and (
                not city or fold(h.city) == fold(city)):
            c.add("name_street")
        if same_surname and same_address:
            c.add("surname_address" if "name_street" not in c.codes else "same_address")
        if c.score >= THRESHOLD:
            found.append(c)
    found.sort(key=lambda c: (-c.score, c.person.pk))
    return found[:limit]


@dataclass
class Pair:
    first: Person
    second: Person
    codes: list[str]

    @property
    def reason(self) -> str:
        return ", ".join(reason_text(c) for c in self.codes)


def within(households: Iterable[Household]) -> list[Pair]:
    """Likely duplicates among the members of different households in one selection
    (the "select all" enrolment): same PESEL, same name + birth date, same name + phone."""
    keys: dict[tuple, list[Person]] = defaultdict(list)
    for person in Person.objects.filter(household__in=list(households)).select_related(
            "household").order_by("id"):
        name = (fold(person.first_name), fold(person.last_name))
        if person.pesel:
            keys[("pesel", person.pesel)].append(person)
        if person.birth_date:
            keys[("name_birth", *name, person.birth_date)].append(person)
        if person.phone:
            keys[("name_phone", *name, person.phone)].append(person)
    pairs: dict[tuple[int, int], Pair] = {}
    for key, people in keys.items():
        for i, a in enumerate(people):
            for b in people[i + 1:]:
                if a.household_id == b.household_id:
                    continue
                pair = pairs.setdefault((a.pk, b.pk), Pair(a, b, []))
                if key[0] not in pair.codes:
                    pair.codes.append(key[0])
    return sorted(pairs.values(), key=lambda p: (-sum(SCORES[c] for c in p.codes),
                                                 p.first.pk, p.second.pk))
