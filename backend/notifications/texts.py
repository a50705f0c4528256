"""SMS texts by code: the one lookup every engine uses (docs/decisions/0070).

    template_text(code, language="pl") -> TemplateText   (DB row, else the seeded default)
    notice_text(code, context, language="pl") -> str     (sender, centre phone, transliterate)
    save_template(actor, template) / delete_template(actor, template)   (audited writes)

Re-exported by backend.notifications.services.
"""

import functools
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from backend.accounts import audit
from backend.common.phones import format_phone, parse_phone

from .defaults import DEFAULTS
from .models import SmsTemplate


@dataclass(frozen=True)
class TemplateText:
    code: str
    language: str
    body: str
    transliterate: bool


def sender_context() -> dict:
    """What every notice may say about who sends it: the centre, never the product."""
    return {"sender": getattr(settings, "SMS_SENDER_NAME", "") or "MOPS",
            "centre_phone": _centre_phone(getattr(settings, "CENTRE_PHONE", ""))}


def _centre_phone(raw: str) -> str:
    return _written(raw) or raw  # a setting that does not parse is shown as typed


@functools.lru_cache(maxsize=256)
def _written(raw: str) -> str:
    """'+48757751234' -> '+48 75 775 12 34', once per number, not once per notice (10,000
    in a bulk send); '' when it does not parse."""
    try:
        return format_phone(parse_phone(raw).e164) if raw else ""
    except ValidationError:
        return ""


def site_phone(site) -> dict:
    """The site's own contact phone as {centre_phone} (stored E.164 by the site form,
    written the Polish way like the centre's); nothing when the site has none, so the
    centre's phone (notifications sender_context) stays (docs/decisions/0150)."""
    if site is None or not site.phone:
        return {}
    written = _written(site.phone)
    return {"centre_phone": written} if written else {}


TEMPLATE_FIELDS = ["code", "name", "language", "body", "transliterate"]


@transaction.atomic
def save_template(actor, template: SmsTemplate) -> SmsTemplate:
    """Create or change an SMS text (page, API, admin): audited, so who changed what a
    household is told can be traced."""
    return audit.save(actor, template, TEMPLATE_FIELDS)


@transaction.atomic
def delete_template(actor, template: SmsTemplate) -> None:
    audit.delete(actor, template)


def template_text(code: str, language: str = "pl") -> TemplateText:
    """The text for `code` in `language`: the coordinator's template, else Polish, else
    the seeded default (backend/notifications/defaults.py). Raises KeyError for a code
    nobody defined."""
    rows = {t.language: t for t in SmsTemplate.objects.filter(code=code)}
    row = rows.get(language) or rows.get("pl")
    if row is not None:
        return TemplateText(code, row.language, row.body, row.transliterate)
    _name, transliterate, bodies = DEFAULTS[code]
    lang = language if language in bodies else "pl"
    # Cyrillic has no Latin form here: Ukrainian is sent as written (UCS-2).
    return TemplateText(code, lang, bodies[lang], transliterate and lang != "uk")


def notice_text(code: str, context: dict | None = None, language: str = "pl",
                template: TemplateText | None = None) -> str:
    """Render a notice by code: sender and centre phone filled in, the template's
    transliterate switch honoured."""
    from .services import render  # services re-exports this module: import late

    template = template or template_text(code, language)
    return render(template.body, {**sender_context(), **(context or {})},
                  template.transliterate)
