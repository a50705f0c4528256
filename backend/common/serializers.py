"""Shared DRF fields."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


@extend_schema_field({"type": "string", "pattern": r"^([01]\d|2[0-3]):[0-5]\d$",
                      "example": "09:00"})
class HourMinuteField(serializers.TimeField):
    """A wall-clock time as "HH:MM" (Europe/Warsaw, no offset): what a shift or a slot means.
    OpenAPI's `format: time` is RFC 3339 and demands an offset, which a local hour has not."""

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%H:%M")
        kwargs.setdefault("input_formats", ["%H:%M", "%H:%M:%S"])
        super().__init__(**kwargs)
