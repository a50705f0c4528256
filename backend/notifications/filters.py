"""FilterSets shared by the UI lists and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from backend.common.filters import IdFilter

from .models import InboundMessage, OptOut, OutboxMessage, SmsBatch, SmsTemplate


class SmsTemplateFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), field_name="name", lookup_expr="icontains")
    language = django_filters.ChoiceFilter(label=_("Language"),
                                           choices=SmsTemplate.Language.choices)

    class Meta:
        model = SmsTemplate
        fields = ["q", "language", "code"]


class SmsBatchFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=SmsBatch.Status.choices)

    class Meta:
        model = SmsBatch
        fields = ["status"]


class OutboxMessageFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"),
                                         choices=OutboxMessage.Status.choices)
    purpose = django_filters.CharFilter(label=_("Purpose"), lookup_expr="startswith")
    phone = django_filters.CharFilter(label=_("Phone"))
    batch = IdFilter(field_name="batch_id")
    person = IdFilter(field_name="person_id")

    class Meta:
        model = OutboxMessage
        fields = ["status", "purpose", "phone", "batch", "person"]


class OptOutFilterSet(django_filters.FilterSet):
    phone = django_filters.CharFilter(label=_("Phone"))

    class Meta:
        model = OptOut
        fields = ["phone"]


class InboundMessageFilterSet(django_filters.FilterSet):
    outcome = django_filters.ChoiceFilter(label=_("Outcome"),
                                          choices=InboundMessage.Outcome.choices)
    handled = django_filters.BooleanFilter(label=_("Handled"))

    class Meta:
        model = InboundMessage
        fields = ["outcome", "handled"]
