"""Reads that matter: search, duplicates."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from backend.accounts import scope
from backend.common.text import fold, search_terms

from . import duplicates
from .duplicates import address_key
from .models import Donor, Household, Person


def visible_households(user) -> QuerySet[Household]:
    """Households a user may open: those of the user's sites (all for a head-office
    or unassigned user: backend.accounts.scope)."""
    queryset = Household.objects.select_related("site")
    if not user.has_perm("people.view_household"):
        return queryset.none()
    return scope.restrict(queryset, user, "site")


def restrict_to_sites(queryset, user, household_path: str = "household",
                      slot_path: str | None = None):
    """Rows tied to a household (enrolments, allocations, hand-overs), limited to the
    user's sites (accounts.scope): the household's office, or the pickup point of the
    slot when slot_path is given (a volunteer at a point sees who comes there)."""
    if user is None:
        return queryset
    paths = [f"{household_path}__site"] + ([f"{slot_path}__site"] if slot_path else [])
    return scope.restrict(queryset, user, *paths)


def visible_persons(user) -> QuerySet[Person]:
    return Person.objects.select_related("household", "household__site").filter(
        household__in=visible_households(user))


def search_households(queryset: QuerySet[Household], query: str) -> QuerySet[Household]:
    """Every term must appear in the folded key: 'zolkiewski lodz' finds 'Żółkiewski, Łódź'."""
    for term in search_terms(query):
        queryset = queryset.filter(search_text__contains=term)
    return queryset


def search_persons(queryset: QuerySet[Person], query: str) -> QuerySet[Person]:
    for term in search_terms(query):
        queryset = queryset.filter(search_text__contains=term)
    return queryset


def search_donors(queryset: QuerySet[Donor], query: str) -> QuerySet[Donor]:
    for term in search_terms(query):
        queryset = queryset.filter(search_text__contains=term)
    return queryset


@dataclass(frozen=True)
class Duplicate:
    person: Person
    reason: str
    code: str = "similar"  # "pesel": the same person for sure, cannot be overridden
    score: int = 0


def find_duplicates(*, last_name: str, first_name: str = "", birth_date=None, pesel: str = "",
                    phone: str = "", street: str = "", building: str = "",
                    apartment: str = "", city: str = "",
                    exclude_pk: int | None = None) -> list[Duplicate]:
    """The three likeliest duplicates of a person, best first, each with why
    (scored in backend.people.duplicates)."""
    return [Duplicate(c.person, c.reason, c.code, c.score) for c in duplicates.candidates(
        last_name=last_name, first_name=first_name, birth_date=birth_date, pesel=pesel,
        phone=phone, street=street, building=building, apartment=apartment, city=city,
        exclude_pk=exclude_pk)]


def duplicates_of(members: list[dict], address: dict | None = None,
                  exclude_pk: int | None = None) -> list[dict]:
    """find_duplicates for each person about to be saved (and the household's address):
    [{entered, person, reason, code}] for the warning (people.services refuses on it)."""
    address = address or {}
    found = []
    for data in members:
        for dup in find_duplicates(
                last_name=data.get("last_name", ""), first_name=data.get("first_name", ""),
                birth_date=data.get("birth_date"), pesel=data.get("pesel", ""),
                phone=data.get("phone", ""), street=address.get("street", ""),
                building=address.get("building", ""), apartment=address.get("apartment", ""),
                city=address.get("city", ""), exclude_pk=exclude_pk):
            found.append({"entered": f"{data.get('first_name', '')} {data.get('last_name', '')}",
                          "person": dup.person, "reason": dup.reason, "code": dup.code})
    return found


@dataclass(frozen=True)
class IndexedDuplicate:
    person: str
    reason: str
    household_id: int
    code: str = "similar"


class DuplicateIndex:
    """find_duplicates for thousands of rows (CSV import): the registry read once into
    three dictionaries instead of three queries a row. Same rules as find_duplicates."""

    def __init__(self) -> None:
        self.by_pesel: dict[str, tuple[str, int]] = {}
        self.by_phone: dict[tuple[str, str], tuple[str, int]] = {}
        self.by_address: dict[tuple[str, str], tuple[str, int]] = {}

    @classmethod
    def build(cls) -> "DuplicateIndex":
        index = cls()
        rows = Person.objects.exclude(household__status=Household.Status.ANONYMISED).order_by(
            "pk").values_list("household_id", "first_name", "last_name", "pesel", "phone",
                              "household__street", "household__building",
                              "household__apartment", "household__city")
        for household_id, first, last, pesel, phone, street, building, apartment, city in \
                rows.iterator(chunk_size=5000):
            index.add(household_id, first, last, pesel=pesel, phone=phone, street=street,
                      building=building, apartment=apartment, city=city)
        return index

    def add(self, household_id: int, first_name: str, last_name: str, *, pesel: str = "",
            phone: str = "", street: str = "", building: str = "", apartment: str = "",
            city: str = "") -> None:
        who = (f"{first_name} {last_name}", household_id)
        surname = fold(last_name)
        if pesel:
            self.by_pesel.setdefault(pesel, who)
        if phone and surname:
            self.by_phone.setdefault((phone, surname), who)
        if street and city and surname:
            self.by_address.setdefault(
                (address_key(street, building, apartment, city), surname), who)

    def find(self, *, last_name: str, pesel: str = "", phone: str = "", street: str = "",
             building: str = "", apartment: str = "", city: str = "") -> list[IndexedDuplicate]:
        surname, found = fold(last_name), {}
        if pesel and pesel in self.by_pesel:
            who = self.by_pesel[pesel]
            found[who] = IndexedDuplicate(who[0], str(_("same PESEL")), who[1], "pesel")
        if phone and surname and (phone, surname) in self.by_phone:
            who = self.by_phone[(phone, surname)]
            found.setdefault(who, IndexedDuplicate(who[0], str(_("same phone and surname")),
                                                   who[1]))
        if street and city and surname:
            who = self.by_address.get((address_key(street, building, apartment, city), surname))
            if who:
                found.setdefault(who, IndexedDuplicate(
                    who[0], str(_("same address and surname")), who[1]))
        return list(found.values())


# --- who gets an SMS (the one rule: drives, exchange, batches, every notice) ----------

@dataclass(frozen=True)
class SmsContact:
    person: Person
    phone: str
    language: str


def _reachable(person: Person, opted_out: set[str]) -> bool:
    return bool(person.phone and person.sms_consent and person.phone_is_mobile
                and person.phone not in opted_out)


def _opted_out(phones) -> set[str]:
    from backend.notifications.models import OptOut

    phones = [p for p in phones if p]
    return set(OptOut.objects.filter(phone__in=phones).values_list("phone", flat=True)) \
        if phones else set()


def sms_contacts(households) -> dict[int, SmsContact]:
    """household id -> who gets its SMS: a member who consented, has a mobile number and
    did not opt out, the head first. Households nobody can be texted in are absent.
    Two queries for any number of households."""
    ids = [getattr(h, "pk", h) for h in households]
    members = list(Person.objects.filter(household_id__in=ids).exclude(phone="")
                   .filter(sms_consent=True, phone_is_mobile=True)
                   .order_by("household_id", "id"))
    blocked = _opted_out({m.phone for m in members})
    found: dict[int, SmsContact] = {}
    for person in sorted(members, key=lambda p: (p.relation != Person.Relation.HEAD, p.pk)):
        if person.household_id not in found and _reachable(person, blocked):
            found[person.household_id] = SmsContact(person, person.phone,
                                                    person.preferred_language or "pl")
    return found


def sms_contact(target) -> SmsContact | None:
    """The one recipient rule for a Household or a Person: consent, a mobile number, no
    opt-out (STOP), and the language the person reads."""
    if isinstance(target, Household):
        return sms_contacts([target]).get(target.pk)
    if target is None or not _reachable(target, _opted_out([target.phone])):
        return None
    return SmsContact(target, target.phone, target.preferred_language or "pl")
