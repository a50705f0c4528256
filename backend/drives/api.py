"""Drives API: thin read serializers; the hand-over goes through the engine's service.

Personal data: enrolments carry the household id, the contact's first name and the
pickup code — never an address or a phone number (volunteers use the hand-over).
"""

from decimal import InvalidOperation

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.utils.translation import gettext as _
from rest_framework import permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from backend.accounts import scope
from backend.accounts.models import Site
from backend.common.parsing import finite_decimal, int_or_none
from backend.distribution import services as engine
from backend.distribution.models import Allocation, Enrolment, HandOver, PickupSlot
from backend.inventory.scanning import parse_device_time
from backend.people.selectors import restrict_to_sites

from . import services
from .filters import (
    AllocationFilterSet,
    DriveFilterSet,
    EnrolmentFilterSet,
    HandOverFilterSet,
    PickupSlotFilterSet,
    TargetFilterSet,
)
from .models import Drive, Target


class DriveSerializer(serializers.ModelSerializer):
    class Meta:
        model = Drive
        fields = ["id", "name", "kind", "status", "collection_start", "collection_end",
                  "distribution_start", "distribution_end", "sites", "method",
                  "public_progress"]
        read_only_fields = ["status"]
        extra_kwargs = {"kind": {"required": True}}

    def create(self, validated_data):
        sites = validated_data.pop("sites", [])
        return services.create_drive(self.context["request"].user, sites=sites,
                                     **validated_data)

    def update(self, instance, validated_data):
        return services.update_drive(self.context["request"].user, instance, validated_data)


class TargetSerializer(serializers.ModelSerializer):
    class Meta:
        model = Target
        fields = ["id", "drive", "item", "quantity", "policy", "amount", "cap", "minimum",
                  "min_age", "max_age", "heating_amounts"]

    def create(self, validated_data):
        drive = validated_data.pop("drive")
        try:
            return services.save_target(self.context["request"].user, drive,
                                        Target(**validated_data))
        except DjangoPermissionDenied as exc:
            raise ValidationError({"drive": str(exc)}) from exc

    def update(self, instance, validated_data):
        if validated_data.pop("drive", instance.drive) != instance.drive:
            raise ValidationError({"drive": _("A target cannot move to another drive.")})
        return services.update_target(self.context["request"].user, instance, validated_data)


class AllocationSerializer(serializers.ModelSerializer):
    item_name = serializers.CharField(source="item.name", read_only=True)

    class Meta:
        model = Allocation
        fields = ["id", "enrolment", "item", "item_name", "need", "quantity", "handed_over",
                  "status"]


class EnrolmentSerializer(serializers.ModelSerializer):
    first_name = serializers.CharField(read_only=True)
    drive = serializers.IntegerField(source="distribution.drive.pk", read_only=True)

    class Meta:
        model = Enrolment
        fields = ["id", "drive", "household", "first_name", "persons", "priority", "status",
                  "slot", "pickup_code", "delivery", "warnings"]


class PickupSlotSerializer(serializers.ModelSerializer):
    class Meta:
        model = PickupSlot
        fields = ["id", "site", "date", "start", "end", "capacity"]


class HandOverSerializer(serializers.ModelSerializer):
    class Meta:
        model = HandOver
        fields = ["id", "enrolment", "at", "device_time", "lines", "delivered", "partial"]


class DriveViewSet(viewsets.mixins.CreateModelMixin, viewsets.mixins.UpdateModelMixin,
                   viewsets.ReadOnlyModelViewSet):
    queryset = Drive.objects.prefetch_related("sites")

    def get_queryset(self):
        return scope.visible(super().get_queryset(), self.request.user)
    serializer_class = DriveSerializer
    filterset_class = DriveFilterSet


class TargetViewSet(viewsets.mixins.CreateModelMixin, viewsets.mixins.UpdateModelMixin,
                    viewsets.mixins.DestroyModelMixin, viewsets.ReadOnlyModelViewSet):
    """Edits and removals through services (audited; refused once the drive is closed)."""

    queryset = Target.objects.select_related("drive")
    serializer_class = TargetSerializer
    filterset_class = TargetFilterSet

    def perform_destroy(self, instance):
        services.delete_target(self.request.user, instance)


class EnrolmentViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Enrolment.objects.select_related("contact", "distribution__drive")
    serializer_class = EnrolmentSerializer
    filterset_class = EnrolmentFilterSet

    def get_queryset(self):
        return restrict_to_sites(super().get_queryset(), self.request.user, slot_path="slot")


class AllocationViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Allocation.objects.select_related("item")
    serializer_class = AllocationSerializer
    filterset_class = AllocationFilterSet

    def get_queryset(self):
        return restrict_to_sites(super().get_queryset(), self.request.user,
                                 "enrolment__household", "enrolment__slot")


class PickupSlotViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = PickupSlot.objects.all()

    def get_queryset(self):
        return scope.visible(super().get_queryset(), self.request.user)
    serializer_class = PickupSlotSerializer
    filterset_class = PickupSlotFilterSet


class CanHandOver(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if view.action in ("create", "lookup"):
            return user.has_perm("distribution.hand_over")
        return user.has_perm("distribution.view_handover")


class HandOverViewSet(viewsets.mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """POST {enrolment, code, nonce, quantities: {allocation id: qty}, delivered} hands over
    (`code`: the pickup code or package QR the recipient brought);
    the answer carries `code` ("ok", "already_handed_over", ...). GET lookup/?drive=&code=
    shows what a volunteer may see: first name and what to hand over."""

    queryset = HandOver.objects.all()
    serializer_class = HandOverSerializer
    filterset_class = HandOverFilterSet
    permission_classes = [CanHandOver]

    def get_queryset(self):
        return restrict_to_sites(super().get_queryset(), self.request.user,
                                 "enrolment__household", "enrolment__slot")

    @action(detail=False)
    def lookup(self, request):
        drive = Drive.objects.filter(pk=int_or_none(request.query_params.get("drive")) or 0).first()
        enrolment = engine.find(drive.distribution if drive else None,
                                request.query_params.get("code", ""))
        if enrolment is None:
            return Response({"code": "unknown_code"}, status=404)
        return Response({"code": "found", "enrolment": enrolment.pk,
                         "first_name": enrolment.first_name,
                         "pickup_code": enrolment.pickup_code, "status": enrolment.status,
                         "allocations": AllocationSerializer(enrolment.allocations.all(),
                                                             many=True).data})

    @staticmethod
    def _not_named(request, enrolment) -> str:
        """A hand-over names the household by its pickup code or package QR (`code`); an
        enrolment id alone is refused (`code_required`). Only a coordinator recording a
        home delivery of an enrolment marked for delivery may leave it out (decision 0023)."""
        code = str(request.data.get("code", "") or "")
        if not code.strip() and request.data.get("delivered") and enrolment.delivery \
                and request.user.has_perm("distribution.change_enrolment"):
            return ""
        named = engine.named_by_code(enrolment, code)
        return "" if named == "ok" else named

    def create(self, request, *args, **kwargs):
        enrolment = Enrolment.objects.filter(pk=int_or_none(request.data.get("enrolment")) or 0
                                             ).first()
        if enrolment is None:
            raise ValidationError({"enrolment": "unknown"})
        drive = Drive.objects.filter(distribution=enrolment.distribution_id).first()
        if drive is not None and drive.is_closed:
            return Response({"code": "closed", "message": _("This drive is closed: it can "
                                                            "no longer be changed.")},
                            status=409)
        refused = self._not_named(request, enrolment)
        if refused:
            return Response({"code": refused, "message": engine.Outcome(refused).message},
                            status=409)
        try:
            quantities = {int(k): finite_decimal(v) for k, v in
                          (request.data.get("quantities") or {}).items()} or None
        except (ValueError, InvalidOperation, AttributeError) as exc:
            raise ValidationError({"quantities": "invalid"}) from exc
        site = None
        if request.data.get("site"):  # where the hand-over happens: checked against the slot
            site = Site.objects.filter(pk=str(request.data["site"])).first()
            if site is None:
                raise ValidationError({"site": "unknown"})
        outcome = engine.hand_over(
            request.user, enrolment, nonce=str(request.data.get("nonce", "")),
            quantities=quantities, delivered=bool(request.data.get("delivered")),
            device_time=parse_device_time(str(request.data.get("device_time", ""))),
            site=site, override=str(request.data.get("override", "")))
        return Response({"code": outcome.code, "message": outcome.message,
                         "handover": outcome.handover.pk if outcome.handover else None,
                         "lines": outcome.lines}, status=200 if outcome.ok else 409)
