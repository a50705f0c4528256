"""Demo SMS templates (pickup notice, reminder, help). Idempotent by code+language."""

from .models import SmsTemplate

TEMPLATES = [
    ("pickup", "pl", "Powiadomienie o odbiorze", True,
     "{first_name}, zapraszamy po odbiór: {date}, godz. {time_window}, {place}. "
     "Kod odbioru: {pickup_code}. Odpowiedz TAK lub NIE."),
    ("pickup", "en", "Pickup notice", False,
     "{first_name}, please collect your parcel on {date}, {time_window}, at {place}. "
     "Pickup code: {pickup_code}. Reply TAK (yes) or NIE (no)."),
    ("reminder", "pl", "Przypomnienie", True,
     "Przypominamy: jutro {date}, godz. {time_window}, {place}. Kod: {pickup_code}."),
    ("help", "pl", "Pomoc (odpowiedź na POMOC)", True,
     "Wspólnie MOPS: odpowiedz TAK, aby potwierdzić, NIE, aby odmówić, STOP, aby nie "
     "dostawać SMS. Telefon: 42 638 40 00."),
]


def load(stdout=None) -> dict[str, int]:
    created = 0
    for code, language, name, transliterate, body in TEMPLATES:
        _obj, was_created = SmsTemplate.objects.get_or_create(
            code=code, language=language,
            defaults={"name": name, "body": body, "transliterate": transliterate})
        created += was_created
    return {"sms_templates": SmsTemplate.objects.count(), "sms_templates_created": created}
