"""Typed filters for ids and counts: `?batch=abc`, `?person=1e30` or `?drive=-1` is a 400 with
the field named (the FilterSet is invalid), never a database overflow (500). NumberFilter
accepts any decimal, which SQLite and PostgreSQL cannot compare with a 64-bit column."""

import django_filters
from django import forms

from .parsing import MAX_ID


class IdField(forms.IntegerField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class IdFilter(django_filters.NumberFilter):
    """A database id (1 … 2⁶³−1)."""

    field_class = IdField


class CountField(forms.IntegerField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", 2**31 - 1)
        super().__init__(*args, **kwargs)


class CountFilter(django_filters.NumberFilter):
    """A whole number of things (members, places): 0 … 2³¹−1."""

    field_class = CountField
