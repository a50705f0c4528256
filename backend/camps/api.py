"""Camps API: camps, sessions, applications, participants (first name, code, status:
never health data, never a phone), check-in at the bus, qualification runs, sponsorships,
day activities (days, sign-ups, attendance). Health data (qualification cards) only for
camps.view_healthcard. Writes go through services (refusals: 409 {code, message}).

Sponsorships and day activities ask for the same permissions as their pages
(views_funding, views_days), named per action in `action_perms`."""

from decimal import Decimal

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from backend.accounts.scope import ScopedQuerysetMixin, visible
from backend.distribution.models import Participant, ParticipantGift
from backend.inventory.models import Item
from backend.inventory.scanning import parse_device_time
from backend.people.models import Person
from backend.people.selectors import visible_households

from . import days, funding, qualification, services
from .filters import (
    ApplicationFilterSet,
    CampDayFilterSet,
    CampFilterSet,
    CampParticipantFilterSet,
    CampSessionFilterSet,
    DaySignupFilterSet,
    OutfitFilterSet,
    SponsorshipFilterSet,
)
from .models import (
    Application,
    Camp,
    CampDay,
    CampSession,
    DaySignup,
    HealthCard,
    QualificationRun,
    Sponsorship,
)


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
        fields = ["id", "camp", "child", "household", "contact", "preferences", "sex",
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


class VerifySerializer(serializers.Serializer):
    child = serializers.IntegerField()


class DocumentsSerializer(serializers.Serializer):
    card_signed = serializers.BooleanField(required=False)
    medical_note = serializers.BooleanField(required=False)
    contribution_paid = serializers.BooleanField(required=False)
    consent_photos = serializers.BooleanField(required=False)


class ApplicationViewSet(ScopedQuerysetMixin, viewsets.mixins.CreateModelMixin,
                         viewsets.ReadOnlyModelViewSet):
    """Applications; `verify/` links the registry's child to a parent's form, `withdraw/`
    frees the place (offered on by SMS), `documents/` ticks the checklist — as the
    application page does (camps.change_application)."""

    queryset = Application.objects.all()
    serializer_class = ApplicationSerializer
    filterset_class = ApplicationFilterSet
    action_perms = dict.fromkeys(("verify", "withdraw", "documents"),
                                 ("camps.change_application",))

    def get_permissions(self):
        if self.action in self.action_perms:
            return [ActionPerms()]
        return super().get_permissions()

    def _answer(self, application):
        application.refresh_from_db()
        return Response(ApplicationSerializer(application).data)

    @extend_schema(request=VerifySerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def verify(self, request, pk=None):
        application = self.get_object()
        data = VerifySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        child = Person.objects.filter(household__in=visible_households(request.user),
                                      pk=data.validated_data["child"]).first()
        if child is None:
            raise serializers.ValidationError({"child": _("Choose the child.")})
        return self._answer(services.verify(request.user, application, child))

    @extend_schema(request=None, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self._answer(services.withdraw(request.user, self.get_object()))

    @extend_schema(request=DocumentsSerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def documents(self, request, pk=None):
        application = self.get_object()
        data = DocumentsSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._answer(services.set_documents(request.user, application,
                                                   **data.validated_data))


class HealthCardViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = HealthCard.objects.order_by("id")
    serializer_class = HealthCardSerializer
    filterset_fields = ["application"]


class QualifyRequestSerializer(serializers.Serializer):
    camp = serializers.PrimaryKeyRelatedField(queryset=Camp.objects.all())
    seed = serializers.CharField(required=False, max_length=64,
                                 help_text="Empty: a new random seed (recorded with the run).")


class QualificationRunViewSet(viewsets.mixins.CreateModelMixin,
                              viewsets.ReadOnlyModelViewSet):
    """POST {camp, seed?}: qualify the camp's verified applications (as the camp page's
    "Qualify", camps.change_camp); the run keeps the seed, scoring and ranking."""

    queryset = QualificationRun.objects.all()
    serializer_class = QualificationRunSerializer
    filterset_fields = ["camp"]
    action_perms = {"create": ("camps.change_camp",)}

    def get_permissions(self):
        if self.action in self.action_perms:
            return [ActionPerms()]
        return super().get_permissions()

    @extend_schema(request=QualifyRequestSerializer, responses={201: QualificationRunSerializer})
    def create(self, request, *args, **kwargs):
        data = QualifyRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        run = qualification.qualify(request.user, data.validated_data["camp"],
                                    seed=data.validated_data.get("seed") or None)
        return Response(QualificationRunSerializer(run).data, status=201)


class CampParticipantViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Participant.objects.filter(distribution__camp__isnull=False)
    serializer_class = CampParticipantSerializer
    filterset_class = CampParticipantFilterSet


class CanCheckIn(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated
                    and request.user.has_perm("distribution.check_in"))


class CampCheckInViewSet(viewsets.ViewSet):
    """POST {session, code, nonce, device_time, leg}: the child is on board. `code` of the
    answer: "ok", "already_checked_in", "unknown_code", "waiting", "not_registered";
    leg "return" (the bus home, for children who left on the departure bus):
    "ok", "already_checked_in", "unknown_code", "not_departed"."""

    permission_classes = [CanCheckIn]

    @extend_schema(
        request=inline_serializer("CampCheckInRequest", {
            "session": serializers.IntegerField(), "code": serializers.CharField(),
            "nonce": serializers.CharField(required=False),
            "device_time": serializers.DateTimeField(required=False),
            "leg": serializers.ChoiceField(choices=["departure", "return"], required=False)}),
        responses={200: inline_serializer("CampCheckInAnswer", {
            "code": serializers.CharField(), "message": serializers.CharField(),
            "first_name": serializers.CharField(),
            "participant_code": serializers.CharField()})})
    def create(self, request):
        raw = str(request.data.get("session", "")).strip()
        check = services.check_in_return if request.data.get("leg") == "return" \
            else services.check_in
        outcome = check(
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


# The pages' permissions (views_funding, views_days), per API action.
SESSION_VIEW, SESSION_CHANGE = "camps.view_campsession", "camps.change_campsession"
APPLICATION_CHANGE, CHECK_IN = "camps.change_application", "distribution.check_in"
READS = ("list", "retrieve", "metadata")


class ActionPerms(permissions.BasePermission):
    """Allowed when the user has any of the permissions the view names for the action."""

    def has_permission(self, request, view) -> bool:
        wanted = view.action_perms.get(view.action, ())
        return bool(request.user and request.user.is_authenticated and wanted
                    and any(request.user.has_perm(p) for p in wanted))


def _reads(*perms: str) -> dict[str, tuple[str, ...]]:
    return dict.fromkeys(READS, perms)


class SponsorshipSerializer(serializers.ModelSerializer):
    camp = serializers.IntegerField(source="session.camp_id", read_only=True)
    donor_name = serializers.CharField(source="donor.name", read_only=True)

    class Meta:
        model = Sponsorship
        fields = ["id", "camp", "session", "donor", "donor_name", "amount", "places",
                  "purpose", "created_at"]
        read_only_fields = ["created_at"]

    def create(self, validated_data):
        return funding.add_sponsorship(
            self.context["request"].user, validated_data["session"], validated_data["donor"],
            amount=validated_data.get("amount", 0), places=validated_data.get("places", 0),
            purpose=validated_data.get("purpose", ""))


class SponsorshipViewSet(viewsets.mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Sponsors funding places or equipment of a session (the funding page's rows)."""

    queryset = Sponsorship.objects.select_related("donor", "session").order_by("id")
    serializer_class = SponsorshipSerializer
    filterset_class = SponsorshipFilterSet
    permission_classes = [ActionPerms]
    action_perms = {**_reads(SESSION_CHANGE), "create": (SESSION_CHANGE,)}


class CampDaySerializer(serializers.ModelSerializer):
    signed = serializers.IntegerField(read_only=True)
    present = serializers.IntegerField(read_only=True)
    free = serializers.SerializerMethodField()

    class Meta:
        model = CampDay
        fields = ["id", "session", "date", "title", "activities", "capacity", "signed",
                  "present", "free"]

    def get_free(self, obj) -> int:
        return max(obj.capacity - getattr(obj, "signed", 0), 0)

    def create(self, validated_data):
        return days.add_day(self.context["request"].user, validated_data["session"],
                            date=validated_data["date"], title=validated_data["title"],
                            capacity=validated_data["capacity"],
                            activities=validated_data.get("activities", ""))


class CampDayViewSet(viewsets.mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """The programme of days of a day camp, with sign-ups, presence and free places."""

    queryset = CampDay.objects.annotate(
        signed=Count("signups"),
        present=Count("signups", filter=Q(signups__attended_at__isnull=False))
    ).order_by("date", "id")
    serializer_class = CampDaySerializer
    filterset_class = CampDayFilterSet
    permission_classes = [ActionPerms]
    action_perms = {**_reads(SESSION_VIEW), "create": (SESSION_CHANGE,)}

    def create(self, request, *args, **kwargs):
        response = super().create(request, *args, **kwargs)
        day = self.get_queryset().get(pk=response.data["id"])
        response.data = self.get_serializer(day).data
        return response


class DaySignupSerializer(serializers.ModelSerializer):
    """First name only: no health data, no phone (volunteers mark attendance)."""

    first_name = serializers.CharField(source="application.first_name", read_only=True)

    class Meta:
        model = DaySignup
        fields = ["id", "day", "application", "first_name", "attended_at", "created_at"]
        read_only_fields = ["attended_at", "created_at"]

    def validate(self, attrs):
        # A child of another office than the user's is not there for her (site scope);
        # one without a place in the day's session: the service's 409 not_in_session.
        mine = visible(Application.objects.filter(pk=attrs["application"].pk),
                       self.context["request"].user)
        if not mine.exists():
            raise serializers.ValidationError({"application": _("Choose the child.")})
        return attrs

    def create(self, validated_data):
        return days.sign_up(self.context["request"].user, validated_data["day"],
                            validated_data["application"])


class DaySignupViewSet(ScopedQuerysetMixin, viewsets.mixins.CreateModelMixin,
                       viewsets.mixins.DestroyModelMixin, viewsets.ReadOnlyModelViewSet):
    """Per-day sign-ups (the day's capacity is locked: 409 day_full), cancelling one
    (409 attended once the child was present) and `present/`: attendance on a phone, a
    repeat tap changes nothing (`marked` false)."""

    queryset = DaySignup.objects.select_related("application__child").order_by("day", "id")
    serializer_class = DaySignupSerializer
    filterset_class = DaySignupFilterSet
    permission_classes = [ActionPerms]
    action_perms = {**_reads(CHECK_IN, "camps.view_application"),
                    "create": (APPLICATION_CHANGE,), "destroy": (APPLICATION_CHANGE,),
                    "present": (CHECK_IN,)}

    def perform_destroy(self, instance):
        days.cancel_sign_up(self.request.user, instance)

    @extend_schema(request=None, responses=inline_serializer("DaySignupPresence", {
        "marked": serializers.BooleanField(), "signup": DaySignupSerializer()}))
    @action(detail=True, methods=["post"])
    def present(self, request, pk=None):
        signup = self.get_object()
        marked = days.mark_present(request.user, signup)
        return Response({"marked": marked, "signup": DaySignupSerializer(signup).data})


class OutfitSerializer(serializers.ModelSerializer):
    """A "wyprawka" line: equipment from stock reserved for a child (first name only)."""

    application = serializers.PrimaryKeyRelatedField(
        source="participant.application", queryset=Application.objects.all())
    session = serializers.IntegerField(source="participant.group", read_only=True)
    first_name = serializers.CharField(source="participant.first_name", read_only=True)
    item = serializers.PrimaryKeyRelatedField(queryset=Item.objects.all())
    quantity = serializers.DecimalField(max_digits=12, decimal_places=3, min_value=Decimal("0.001"),
                                        required=False)

    class Meta:
        model = ParticipantGift
        fields = ["id", "application", "session", "first_name", "item", "quantity", "status"]
        read_only_fields = ["status"]

    def create(self, validated_data):
        application = validated_data["participant"]["application"]
        return funding.reserve_outfit(self.context["request"].user, application,
                                      validated_data["item"],
                                      validated_data.get("quantity") or 1)


class OutfitViewSet(viewsets.mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """The wyprawka kolonijna (the funding page's equipment): POST reserves in the stock
    ledger for a qualified child (409 not_qualified, not_enough); the bus check-in hands
    it over."""

    queryset = ParticipantGift.objects.filter(
        participant__distribution__camp__isnull=False).select_related(
        "participant__application").order_by("id")
    serializer_class = OutfitSerializer
    filterset_class = OutfitFilterSet
    permission_classes = [ActionPerms]
    action_perms = {**_reads(SESSION_CHANGE), "create": (SESSION_CHANGE,)}
