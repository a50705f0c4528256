import logging

from backend.common.logging import RedactPersonalData, redact


def test_personal_data_is_redacted_from_log_messages():
    text = redact("PESEL 44051401359 tel. +48 601 234 567 mail jan@example.org id=42")
    assert "44051401359" not in text and "601 234 567" not in text and "jan@" not in text
    assert "id=42" in text


def test_filter_rewrites_the_record():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "person %s", ("44051401359",),
                               None)
    RedactPersonalData().filter(record)
    assert record.getMessage() == "person [PESEL]"
