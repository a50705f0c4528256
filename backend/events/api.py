"""Events API: events, sessions, registrations, wishes, pledges, check-ins. Thin: writes
go through services. Registrations carry the first name, code and status — never an
address or a phone; the check-in answers a volunteer with first name, code and gift."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import permissions, serializers, viewsets
from rest_framework.response import Response

from backend.accounts import scope
from backend.distribution import participants as engine
from backend.distribution.models import CheckIn, Participant
from backend.inventory.scanning import parse_device_time

from . import services
from .filters import (
    CheckInFilterSet,
    EventFilterSet,
    ParticipantFilterSet,
    PledgeFilterSet,
    SessionFilterSet,
    WishFilterSet,
)
from .models import Event, Pledge, Session, Wish


class EventSerializer(serializers.ModelSerializer):
    class Meta:
        model = Event
        fields = ["id", "kind", "name", "date", "site", "place", "status", "for_children",
                  "child_min_age", "child_max_age", "for_adults", "for_seniors_alone",
                  "flags", "registration_opens", "registration_closes", "offer_hours",
                  "coordinators", "gift_location", "description"]
        read_only_fields = ["status"]

    def create(self, validated_data):
        return services.create_event(self.context["request"].user,
                                     coordinators=validated_data.pop("coordinators", []),
                                     flags=validated_data.pop("flags", []), **validated_data)


class SessionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Session
        fields = ["id", "event", "name", "start", "end", "capacity", "tables",
                  "seats_per_table"]

    def create(self, validated_data):
        event = validated_data.pop("event")
        return services.add_session(self.context["request"].user, event,
                                    Session(**validated_data))


class RegistrationSerializer(serializers.ModelSerializer):
    event = serializers.IntegerField(source="distribution.event.pk", read_only=True)
    session = serializers.IntegerField(source="group", read_only=True)

    class Meta:
        model = Participant
        fields = ["id", "event", "session", "person", "household", "first_name", "status",
                  "code", "position", "offer_expires_at", "walk_in", "details",
                  "checked_in_at"]


class WishSerializer(serializers.ModelSerializer):
    class Meta:
        model = Wish
        fields = ["id", "event", "label", "gift", "status", "pledge"]


class PledgeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Pledge
        fields = ["id", "event", "name", "email", "phone", "wants_receipt", "thanked_at",
                  "created_at"]


class CheckInSerializer(serializers.ModelSerializer):
    class Meta:
        model = CheckIn
        fields = ["id", "participant", "at", "device_time", "lines"]


class EventViewSet(viewsets.mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Event.objects.prefetch_related("flags", "coordinators")

    def get_queryset(self):
        return scope.visible(super().get_queryset(), self.request.user)
    serializer_class = EventSerializer
    filterset_class = EventFilterSet


class SessionViewSet(viewsets.mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Session.objects.all()

    def get_queryset(self):
        return scope.visible(super().get_queryset(), self.request.user)
    serializer_class = SessionSerializer
    filterset_class = SessionFilterSet


class RegistrationViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Participant.objects.filter(distribution__event__isnull=False).select_related(
        "distribution__event")
    serializer_class = RegistrationSerializer
    filterset_class = ParticipantFilterSet

    def get_queryset(self):
        return scope.visible(super().get_queryset(), self.request.user)


class WishViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Wish.objects.all()
    serializer_class = WishSerializer
    filterset_class = WishFilterSet


class PledgeViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Pledge.objects.all()
    serializer_class = PledgeSerializer
    filterset_class = PledgeFilterSet


class CanCheckIn(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if view.action == "create":
            return user.has_perm("distribution.check_in")
        return user.has_perm("distribution.view_checkin")


class CheckInViewSet(viewsets.mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """POST {event, code, nonce, device_time} checks in and issues the gift; the answer's
    `code` is "ok", "already_checked_in", "unknown_code", "waiting", "not_registered"."""

    queryset = CheckIn.objects.all()
    serializer_class = CheckInSerializer
    filterset_class = CheckInFilterSet
    permission_classes = [CanCheckIn]

    @extend_schema(
        request=inline_serializer("CheckInRequest", {
            "event": serializers.IntegerField(), "code": serializers.CharField(),
            "nonce": serializers.CharField(required=False),
            "device_time": serializers.DateTimeField(required=False)}),
        responses={200: inline_serializer("CheckInAnswer", {
            "code": serializers.CharField(), "message": serializers.CharField(),
            "first_name": serializers.CharField(), "participant_code": serializers.CharField(),
            "lines": serializers.ListField(child=serializers.DictField())})})
    def create(self, request, *args, **kwargs):
        raw = str(request.data.get("event", "")).strip()
        event = Event.objects.select_related("distribution").filter(
            pk=int(raw)).first() if raw.isdigit() else None
        outcome = services.check_in(
            request.user, event, code=str(request.data.get("code", "")),
            nonce=str(request.data.get("nonce", "")),
            device_time=parse_device_time(str(request.data.get("device_time", "")))) \
            if event else engine.CheckInOutcome("unknown_code")
        if outcome.participant is None:
            return Response({"code": outcome.code, "message": str(outcome.message)},
                            status=404)
        return Response({"code": outcome.code, "message": outcome.message,
                         "first_name": outcome.participant.first_name,
                         "participant_code": outcome.participant.code,
                         "lines": outcome.lines}, status=200 if outcome.ok else 409)
