"""Camps API: camps, sessions, applications, participants (first name, code, status:
never health data, never a phone), check-in at the bus, qualification runs. Health data
(qualification cards) only for camps.view_healthcard. Writes go through services."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import permissions, serializers, viewsets
from rest_framework.response import Response

from backend.accounts.scope import ScopedQuerysetMixin
from backend.distribution.models import Participant
from backend.inventory.scanning import parse_device_time

from . import services
from .filters import (
    ApplicationFilterSet,
    CampFilterSet,
    CampParticipantFilterSet,
    CampSessionFilterSet,
)
from .models import Application, Camp, CampSession, HealthCard, QualificationRun


class CampSerializer(serializers.ModelSerializer):
    class Meta:
        model = Camp
        fields = ["id", "name", "year", "site", "offer_hours", "points_difficult",
                  "points_disability", "points_first_time", "points_siblings", "description"]

    def create(self, validated_data):
        return services.create_camp(self.context["request"].user, **validated_data)


class CampSessionSerializer(serializers.ModelSerializer):
    registry_deadline = serializers.DateField(read_only=True)

    class Meta:
        model = CampSession
        fields = ["id", "camp", "name", "kind", "organiser", "place", "start", "end",
                  "min_age", "max_age", "capacity", "places_girls", "places_boys",
                  "cost_per_child", "funding_centre", "funding_gmina", "funding_sponsor",
                  "parents_contribution", "registry_number", "registry_deadline",
                  "meeting_point", "departure_at", "return_at"]

    def create(self, validated_data):
        camp = validated_data.pop("camp")
        return services.add_session(self.context["request"].user, camp,
                                    CampSession(**validated_data))


class ApplicationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Application
        fields = ["id", "camp", "child", "household", "contact", "preferences",
                  "reason_difficult", "reason_disability", "first_time", "siblings_together",
                  "consent_data", "consent_photos", "card_signed", "medical_note",
                  "contribution_paid", "source", "status", "score", "participant",
                  "created_at"]
        read_only_fields = ["household", "source", "status", "score", "participant",
                            "card_signed", "medical_note", "contribution_paid", "created_at"]

    def validate(self, attrs):
        if not attrs.get("child"):
            raise serializers.ValidationError({"child": _("Choose the child.")})
        return attrs

    def create(self, validated_data):
        camp = validated_data.pop("camp")
        return services.file_application(self.context["request"].user, camp,
                                         child=validated_data.pop("child"),
                                         preferences=validated_data.pop("preferences", []),
                                         **validated_data)


class HealthCardSerializer(serializers.ModelSerializer):
    class Meta:
        model = HealthCard
        fields = ["id", "application", "health_notes", "diet", "medicines", "vaccinations",
                  "staff_notes", "signed_at"]


class CampParticipantSerializer(serializers.ModelSerializer):
    session = serializers.IntegerField(source="group", read_only=True)

    class Meta:
        model = Participant
        fields = ["id", "session", "first_name", "status", "code", "position",
                  "offer_expires_at", "checked_in_at"]


class QualificationRunSerializer(serializers.ModelSerializer):
    class Meta:
        model = QualificationRun
        fields = ["id", "camp", "seed", "scoring", "result", "created_at"]


class CampViewSet(viewsets.mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Camp.objects.all()
    serializer_class = CampSerializer
    filterset_class = CampFilterSet


class CampSessionViewSet(viewsets.mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    queryset = CampSession.objects.all()
    serializer_class = CampSessionSerializer
    filterset_class = CampSessionFilterSet


class ApplicationViewSet(ScopedQuerysetMixin, viewsets.mixins.CreateModelMixin,
                         viewsets.ReadOnlyModelViewSet):
    queryset = Application.objects.all()
    serializer_class = ApplicationSerializer
    filterset_class = ApplicationFilterSet


class HealthCardViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = HealthCard.objects.order_by("id")
    serializer_class = HealthCardSerializer
    filterset_fields = ["application"]


class QualificationRunViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = QualificationRun.objects.all()
    serializer_class = QualificationRunSerializer
    filterset_fields = ["camp"]


class CampParticipantViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Participant.objects.filter(distribution__camp__isnull=False)
    serializer_class = CampParticipantSerializer
    filterset_class = CampParticipantFilterSet


class CanCheckIn(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated
                    and request.user.has_perm("distribution.check_in"))


class CampCheckInViewSet(viewsets.ViewSet):
    """POST {session, code, nonce, device_time}: the child is on board. `code` of the
    answer: "ok", "already_checked_in", "unknown_code", "waiting", "not_registered"."""

    permission_classes = [CanCheckIn]

    @extend_schema(
        request=inline_serializer("CampCheckInRequest", {
            "session": serializers.IntegerField(), "code": serializers.CharField(),
            "nonce": serializers.CharField(required=False),
            "device_time": serializers.DateTimeField(required=False)}),
        responses={200: inline_serializer("CampCheckInAnswer", {
            "code": serializers.CharField(), "message": serializers.CharField(),
            "first_name": serializers.CharField(),
            "participant_code": serializers.CharField()})})
    def create(self, request):
        raw = str(request.data.get("session", "")).strip()
        outcome = services.check_in(
            request.user, int(raw) if raw.isdigit() else 0,
            code=str(request.data.get("code", "")), nonce=str(request.data.get("nonce", "")),
            device_time=parse_device_time(str(request.data.get("device_time", ""))))
        if outcome.participant is None:
            return Response({"code": outcome.code, "message": str(outcome.message)},
                            status=404)
        return Response({"code": outcome.code, "message": str(outcome.message),
                         "first_name": outcome.participant.first_name,
                         "participant_code": outcome.participant.code},
                        status=200 if outcome.ok else 409)
