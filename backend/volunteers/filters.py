"""FilterSets shared by the UI lists and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import SKILLS, Programme, Shift, ShiftSignup, VolunteerProfile


class VolunteerFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    status = django_filters.ChoiceFilter(label=_("Status"),
                                         choices=VolunteerProfile.Status.choices)
    skill = django_filters.ChoiceFilter(label=_("Skill"), choices=SKILLS, method="has_skill")
    area = django_filters.ChoiceFilter(label=_("Where they want to help"),
                                       choices=Programme.choices, method="wants_area")

    class Meta:
        model = VolunteerProfile
        fields = ["q", "status", "skill", "area"]

    def search(self, queryset, name, value):
        for word in value.split()[:4]:
            queryset = queryset.filter(Q(first_name__icontains=word)
                                       | Q(last_name__icontains=word)
                                       | Q(phone__contains=word.lstrip("0")))
        return queryset

    def has_skill(self, queryset, name, value):
        if value == "lifting":
            return queryset.filter(can_lift=True)
        if value == "first_aid":
            return queryset.filter(first_aid=True)
        kind, _sep, code = value.partition(":")
        field = "licence_categories" if kind == "licence" else "languages"
        # JSON lists: a containment test works on SQLite and PostgreSQL alike as text.
        return queryset.filter(**{f"{field}__icontains": f'"{code}"'})

    def wants_area(self, queryset, name, value):
        return queryset.filter(preferred_areas__icontains=f'"{value}"')


class ShiftFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), field_name="title", lookup_expr="icontains")
    kind = django_filters.ChoiceFilter(label=_("Programme"), choices=Programme.choices)
    date_from = django_filters.DateFilter(label=_("Date from"), field_name="date",
                                          lookup_expr="gte")
    date_to = django_filters.DateFilter(label=_("Date to"), field_name="date",
                                        lookup_expr="lte")
    with_children = django_filters.BooleanFilter(label=_("With children"))

    class Meta:
        model = Shift
        fields = ["q", "kind", "drive", "site", "date_from", "date_to", "with_children"]


class SignupFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ShiftSignup.Status.choices)
    date_from = django_filters.DateFilter(label=_("Date from"), field_name="shift__date",
                                          lookup_expr="gte")
    date_to = django_filters.DateFilter(label=_("Date to"), field_name="shift__date",
                                        lookup_expr="lte")

    class Meta:
        model = ShiftSignup
        fields = ["status", "shift", "role", "volunteer", "date_from", "date_to"]
