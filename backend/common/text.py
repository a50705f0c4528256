"""Text helpers shared by search, duplicate detection and SMS transliteration."""

import re
import unicodedata

# Letters that NFKD does not decompose into a base letter + accent.
_NON_DECOMPOSING = str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O"})
_SPACES = re.compile(r"\s+")


def _strip(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_NON_DECOMPOSING))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Latin-1 and Latin Extended-A/B letters with their bare form, computed once: a bulk of
# 10,000 SMS texts is folded by str.translate, NFKD runs only for what is left.
_LATIN = {cp: _strip(chr(cp)) for cp in range(0xC0, 0x250) if _strip(chr(cp)) != chr(cp)}


def strip_diacritics(text: str) -> str:
    """'Żółkiewski, Łódź' -> 'Zolkiewski, Lodz' (case kept)."""
    text = text or ""
    fast = text.translate(_LATIN)
    return fast if fast.isascii() else _strip(text)


def fold(text: str) -> str:
    """Search key: no diacritics, lower case, single spaces."""
    return _SPACES.sub(" ", strip_diacritics(text).lower()).strip()


def search_terms(query: str) -> list[str]:
    """Split a user's query into folded terms; every term must match."""
    return [term for term in fold(query).split(" ") if term]
