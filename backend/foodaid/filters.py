"""FilterSets shared by the UI lists and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from backend.common.text import fold

from .models import Referral


class ReferralFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")

    class Meta:
        model = Referral
        fields = ["q", "subprogramme", "household", "eligible"]

    def search(self, queryset, name, value):
        text = fold(value)
        return queryset.filter(Q(number__icontains=value.strip())
                               | Q(household__search_text__contains=text)) if text else queryset
