from django import template
from django.utils.formats import number_format

from backend.common.phones import format_phone

register = template.Library()


@register.filter
def phone(value: str) -> str:
    return format_phone(value or "")


@register.filter
def masked(value: str, visible: int = 4) -> str:
    """Mask all but the last `visible` characters: PESEL 85010112345 -> *******2345."""
    if not value:
        return ""
    return "•" * (len(value) - visible) + value[-visible:]


@register.filter
def num(value, decimals=None) -> str:
    """Polish quantity: 1 234,5 (grouped, whatever USE_THOUSAND_SEPARATOR says).

    Grouping is not global because ids in attributes and URLs must stay plain.
    """
    if value in (None, ""):
        return ""
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)
