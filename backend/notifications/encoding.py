"""SMS encoding and segments: GSM-7 (with its extension table) or UCS-2.

A message that fits GSM-7 is 160 characters in one segment, 153 per segment when
concatenated; the extension characters count twice. One character outside GSM-7
(a Polish letter, an emoji, a curly quote) makes the whole message UCS-2: 70 in one
segment, 67 per segment when concatenated (an emoji outside the BMP takes two units).
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings

from backend.common.text import strip_diacritics

GSM7_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = set("€[]{}^~|\\\f")
GSM7 = "GSM-7"
UCS2 = "UCS-2"

# What "bez polskich znaków" also replaces, so typography does not force UCS-2.
_TYPOGRAPHY = str.maketrans({
    "\u201e": '"', "\u201d": '"', "\u201c": '"', "\u2019": "'", "\u2018": "'",
    "\u2013": "-", "\u2014": "-", "\u2026": "...", "\u00a0": " ", "\u00ab": '"',
    "\u00bb": '"',
})


@dataclass(frozen=True)
class SegmentInfo:
    encoding: str
    length: int  # in septets (GSM-7) or UTF-16 code units (UCS-2)
    segments: int
    per_segment: int
    remaining: int  # characters left in the last segment
    ucs2_chars: list[str] = field(default_factory=list)  # what forced UCS-2
    cost: Decimal = Decimal("0")

    @property
    def is_gsm7(self) -> bool:
        return self.encoding == GSM7


def price_per_segment() -> Decimal:
    return Decimal(str(getattr(settings, "SMS_PRICE_PER_SEGMENT", "0.16")))


_NOT_LATIN = re.compile("[^\x00-\u024f\u1e00-\u1eff]")


def _latin(ch: str) -> bool:
    return ch < "\u0250" or "\u1e00" <= ch <= "\u1eff"  # Latin blocks (+ Extended Additional)


def transliterate(text: str) -> str:
    """'Zażółć gęślą jaźń „dziś”' -> 'Zazolc gesla jazn "dzis"'. Latin letters only:
    Cyrillic stays as written (NFKD would turn й into и, ї into і)."""
    text = (text or "").translate(_TYPOGRAPHY)
    if not _NOT_LATIN.search(text):
        return strip_diacritics(text)
    return "".join(strip_diacritics(ch) if _latin(ch) else ch for ch in text)


def non_gsm_chars(text: str) -> list[str]:
    """Distinct characters that are not in GSM-7, in order of appearance."""
    seen: list[str] = []
    for ch in text or "":
        if ch not in GSM7_BASIC and ch not in GSM7_EXTENSION and ch not in seen:
            seen.append(ch)
    return seen


def analyse(text: str) -> SegmentInfo:
    text = text or ""
    bad = non_gsm_chars(text)
    if not bad:
        length = sum(2 if ch in GSM7_EXTENSION else 1 for ch in text)
        single, multi, encoding = 160, 153, GSM7
    else:
        length = len(text.encode("utf-16-le")) // 2
        single, multi, encoding = 70, 67, UCS2
    if length == 0:
        segments, per = 0, single
    elif length <= single:
        segments, per = 1, single
    else:
        segments, per = -(-length // multi), multi
    remaining = per * max(segments, 1) - length
    return SegmentInfo(encoding=encoding, length=length, segments=segments, per_segment=per,
                       remaining=remaining, ucs2_chars=bad,
                       cost=price_per_segment() * segments)
