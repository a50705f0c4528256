"""Demo SMS templates: the default texts by code (also seeded by migration 0004).
Idempotent by code+language; a coordinator's edits are kept."""

from .defaults import DEFAULTS
from .models import SmsTemplate


def load(stdout=None) -> dict[str, int]:
    created = 0
    for code, (name, transliterate, bodies) in DEFAULTS.items():
        for language, body in bodies.items():
            _obj, was_created = SmsTemplate.objects.get_or_create(
                code=code, language=language,
                defaults={"name": name, "body": body,
                          "transliterate": transliterate and language != "uk"})
            created += was_created
    return {"sms_templates": SmsTemplate.objects.count(), "sms_templates_created": created}
