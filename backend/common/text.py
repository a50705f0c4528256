"""Text helpers shared by search, duplicate detection and SMS transliteration."""

import re
import unicodedata

# Letters that NFKD does not decompose into a base letter + accent.
_NON_DECOMPOSING = str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O"})
_SPACES = re.compile(r"\s+")


def strip_diacritics(text: str) -> str:
    """'Żółkiewski, Łódź' -> 'Zolkiewski, Lodz' (case kept)."""
    decomposed = unicodedata.normalize("NFKD", (text or "").translate(_NON_DECOMPOSING))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Search key: no diacritics, lower case, single spaces."""
    return _SPACES.sub(" ", strip_diacritics(text).lower()).strip()


def search_terms(query: str) -> list[str]:
    """Split a user's query into folded terms; every term must match."""
    return [term for term in fold(query).split(" ") if term]
