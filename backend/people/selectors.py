"""Reads that matter: search, duplicates."""

from dataclasses import dataclass

from django.db.models import QuerySet

from backend.common.text import search_terms

from . import duplicates
from .models import Donor, Household, Person


def visible_households(user) -> QuerySet[Household]:
    """Households a user may open: all for coordinators; a social worker sees
    those of the sites they are assigned to (all, if assigned to none)."""
    queryset = Household.objects.select_related("site")
    if not user.has_perm("people.view_household"):
        return queryset.none()
    if user.has_perm("people.view_all_households"):
        return queryset
    site_ids = list(user.sites.values_list("pk", flat=True))
    return queryset.filter(site_id__in=site_ids) if site_ids else queryset


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
