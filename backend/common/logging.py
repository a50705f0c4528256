"""A log filter that keeps personal data out of logs (DESIGN §3, personal data).

Logs carry request paths and ids, never bodies; this is the safety net for
PESEL numbers, phone numbers and e-mail addresses that slip into a message.
"""

import logging
import re

_PATTERNS = [
    (re.compile(r"(?<!\d)\d{11}(?!\d)"), "[PESEL]"),
    (re.compile(r"\+?\d[\d \-]{7,}\d"), "[PHONE]"),
    (re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"), "[EMAIL]"),
]


def redact(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactPersonalData(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not stop logging
            return True
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        return True
