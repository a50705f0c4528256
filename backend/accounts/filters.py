import django_filters

from .models import Site


class SiteFilterSet(django_filters.FilterSet):
    class Meta:
        model = Site
        fields = ["kind", "city", "is_active"]
