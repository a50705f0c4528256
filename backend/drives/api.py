"""Drives API: drives and their targets. The engine's rows (enrolments, allocations,
slots, hand-overs) are served by backend.distribution.api."""


from rest_framework import serializers, viewsets

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


class TargetSerializer(serializers.ModelSerializer):
    class Meta:
        model = Target
        fields = ["id", "drive", "item", "quantity", "policy", "amount", "cap", "minimum",
                  "heating_amounts"]

    def create(self, validated_data):
        drive = validated_data.pop("drive")  # closed: 409 {"code": "closed"} from the engine
        return services.save_target(self.context["request"].user, drive,
                                    Target(**validated_data))


class DriveViewSet(viewsets.mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Drive.objects.prefetch_related("sites")
    serializer_class = DriveSerializer
    filterset_class = DriveFilterSet


class TargetViewSet(viewsets.mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Target.objects.all()
    serializer_class = TargetSerializer
    filterset_class = TargetFilterSet


