import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Donation


class DonationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), field_name="donor__name",
                                  lookup_expr="icontains")
    date_from = django_filters.DateFilter(label=_("From"), field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(label=_("To"), field_name="date", lookup_expr="lte")
    drive_id = django_filters.NumberFilter(label=_("drive"), field_name="drive_id")

    class Meta:
        model = Donation
        fields = ["q", "site", "donor", "drive_id", "date_from", "date_to"]
