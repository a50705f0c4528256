from django import template

from backend.inventory.selectors import num

register = template.Library()


@register.filter
def qty(value) -> str:
    """A quantity without trailing zeros, Polish grouping: 1 234,5."""
    return num(value)
