"""Polish alphabetical order for every sorted list of people (Ś after S, Ż after Z).

One collation name on every database: PostgreSQL's ICU collation ``pl-x-icu``; on SQLite
a collation of the same name is registered on each new connection (`register`), backed
by `sort_key` — a hand-written key of the Polish alphabet (PyICU has no wheels on PyPI;
the Polish order needs only this table). Use `polish("display_name")` in `order_by` and
in `Meta.ordering`, and `sort_key` for lists sorted in Python.
"""

import functools
import unicodedata

from django.db.models import F
from django.db.models.expressions import OrderBy
from django.db.models.functions import Collate
from django_filters import OrderingFilter

NAME = "pl-x-icu"
ALPHABET = "aąbcćdeęfghijklłmnńoópqrsśtuvwxyzźż"
_RANK = {ch: i for i, ch in enumerate(ALPHABET)}
_DIGITS = {str(d): d for d in range(10)}


def _primary(ch: str) -> tuple[int, int]:
    low = ch.lower()
    if low in _RANK:
        return (2, _RANK[low])
    if low in _DIGITS:
        return (1, _DIGITS[low])
    base = unicodedata.normalize("NFKD", low)[:1]  # é → e, ü → u: as the base letter
    if base in _RANK:
        return (2, _RANK[base])
    return (3, ord(low))


@functools.lru_cache(maxsize=4096)
def sort_key(text: str | None) -> tuple:
    """Letters by the Polish alphabet (case-insensitive first, lower case first on a tie);
    spaces and punctuation only break ties, as ICU does."""
    text = text or ""
    letters = [ch for ch in text if ch.isalnum()]
    return (tuple(_primary(ch) for ch in letters),
            tuple(ch.isupper() for ch in letters),
            text)


def compare(a: str | None, b: str | None) -> int:
    ka, kb = sort_key(a), sort_key(b)
    return (ka > kb) - (ka < kb)


def polish(field: str, descending: bool = False) -> OrderBy:
    """An ordering by `field` in Polish order, on PostgreSQL and SQLite alike."""
    expression = Collate(F(field), NAME)
    return expression.desc() if descending else expression.asc()


def register(sender=None, connection=None, **kwargs) -> None:
    """connection_created receiver: SQLite learns the collation PostgreSQL has."""
    if connection is not None and connection.vendor == "sqlite":
        connection.connection.create_collation(NAME, compare)


class PolishOrderingFilter(OrderingFilter):
    """django-filter's OrderingFilter, with the name fields (`collated`) in Polish order."""

    def __init__(self, *args, collated=(), **kwargs):
        self.collated = set(collated)
        super().__init__(*args, **kwargs)

    def get_ordering_value(self, param):
        value = super().get_ordering_value(param)
        field = value.lstrip("-")
        if field in self.collated:
            return polish(field, descending=value.startswith("-"))
        return value
