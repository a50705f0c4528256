"""FEPŻ API: referrals (create goes through the eligibility check), the ration sheet of a
referral, who is below the share, and the ration ledger. Thin: services and selectors do it.

Scope: referrals of the user's households only (people.selectors.restrict_to_sites)."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from backend.common.parsing import int_or_none
from backend.people.selectors import restrict_to_sites, visible_households

from . import selectors, services
from .filters import ReferralFilterSet
from .models import RationEntry, Reason, Referral, SubProgramme, TargetGroup


class ReferralSerializer(serializers.ModelSerializer):
    reasons = serializers.ListField(child=serializers.ChoiceField(choices=Reason.choices),
                                    allow_empty=False)
    target_groups = serializers.ListField(
        child=serializers.ChoiceField(choices=TargetGroup.choices), required=False)
    override_reason = serializers.CharField(required=False, allow_blank=True, max_length=300)
    persons = serializers.IntegerField(read_only=True)

    class Meta:
        model = Referral
        fields = ["id", "number", "issuing_centre", "subprogramme", "household", "person",
                  "issued_on", "valid_until", "reasons", "females", "males", "children",
                  "seniors", "persons", "target_groups", "income_per_person", "threshold",
                  "eligible", "override_reason", "statement_on"]
        read_only_fields = ["threshold", "eligible"]

    def validate_household(self, household):
        if not visible_households(self.context["request"].user).filter(pk=household.pk).exists():
            raise ValidationError(_("Not one of your households."))
        return household

    def create(self, validated_data):
        override = validated_data.pop("override_reason", "")
        return services.create_referral(self.context["request"].user,
                                        Referral(**validated_data), override_reason=override)


class RationLineSerializer(serializers.Serializer):
    article = serializers.IntegerField(source="article.pk")
    item = serializers.CharField(source="article.item.name")
    unit = serializers.CharField()
    cap = serializers.DecimalField(max_digits=14, decimal_places=3)
    received = serializers.DecimalField(max_digits=14, decimal_places=3)
    remaining = serializers.DecimalField(max_digits=14, decimal_places=3)
    over = serializers.DecimalField(max_digits=14, decimal_places=3)


class BelowShareSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    household = serializers.IntegerField(source="household_id")
    persons = serializers.IntegerField()
    got = serializers.DecimalField(max_digits=14, decimal_places=3)
    due = serializers.DecimalField(max_digits=14, decimal_places=3)


class RationEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = RationEntry
        fields = ["id", "referral", "article", "quantity", "handover", "over_cap", "reason",
                  "at"]


class ReferralViewSet(viewsets.mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Referral.objects.all()
    serializer_class = ReferralSerializer
    filterset_class = ReferralFilterSet

    def get_queryset(self):
        return selectors.visible_referrals(self.request.user)

    def _rations_allowed(self) -> None:
        if not self.request.user.has_perm("foodaid.view_rations"):
            raise PermissionDenied()

    @extend_schema(responses=RationLineSerializer(many=True))
    @action(detail=True)
    def ration(self, request, pk=None):
        """The yearly ration of the household: cap, received, still due, above the cap."""
        self._rations_allowed()
        return Response(RationLineSerializer(selectors.ration_sheet(self.get_object()),
                                             many=True).data)

    @extend_schema(parameters=[OpenApiParameter("subprogramme", int, required=True)],
                   responses=BelowShareSerializer(many=True))
    @action(detail=False, url_path="below-share", filterset_class=None)
    def below_share(self, request):
        """Referrals whose household received less than its share by the deadline."""
        self._rations_allowed()
        sp = SubProgramme.objects.filter(
            pk=int_or_none(request.query_params.get("subprogramme")) or 0).first()
        if sp is None:
            raise ValidationError({"subprogramme": _("Choose a sub-programme.")})
        rows = self.paginate_queryset(selectors.below_share(sp, request.user))
        return self.get_paginated_response(BelowShareSerializer(rows, many=True).data)


class RationEntryViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = RationEntry.objects.all()
    serializer_class = RationEntrySerializer
    filterset_fields = ["referral", "article", "over_cap"]

    def get_queryset(self):
        return restrict_to_sites(RationEntry.objects.all(), self.request.user,
                                 "referral__household")
