"""Drives API: drives and their targets. The engine's rows (enrolments, allocations,
slots, hand-overs) are served by backend.distribution.api."""


from django.utils.translation import gettext as _
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError

from backend.accounts import scope

from . import services
from .filters import DriveFilterSet, TargetFilterSet
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
        drive = validated_data.pop("drive")  # closed: 409 {"code": "closed"} from the engine
        return services.save_target(self.context["request"].user, drive,
                                    Target(**validated_data))

    def update(self, instance, validated_data):
        if validated_data.pop("drive", instance.drive) != instance.drive:
            raise ValidationError({"drive": _("A target cannot move to another drive.")})
        return services.update_target(self.context["request"].user, instance, validated_data)


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


