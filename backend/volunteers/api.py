"""Volunteers API: thin serializers and viewsets; every write goes through services, so the
API refuses what the UI refuses (409 with the ServiceError's code). Volunteers see shifts
without other volunteers' names, and only their own sign-ups."""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from backend.accounts import scope
from backend.common.parsing import get_object_or_404
from backend.common.phones import parse_phone
from backend.common.serializers import HourMinuteField
from backend.events.models import Event

from . import attendance, selectors, services
from .filters import ShiftFilterSet, SignupFilterSet, VolunteerFilterSet
from .models import ChildSafetyCheck, Shift, ShiftRole, ShiftSignup, VolunteerProfile

MANAGE = "volunteers.manage_volunteers"


class HasPerm(permissions.BasePermission):
    """For actions: the one permission the action names (view_shift to take a place)."""

    def has_permission(self, request, view):
        perm = getattr(view, "action_perm", {}).get(view.action)
        return bool(request.user and request.user.is_authenticated and perm
                    and request.user.has_perm(perm))


class CheckSerializer(serializers.ModelSerializer):
    class Meta:
        model = ChildSafetyCheck
        fields = ["id", "rspts_checked_on", "rspts_result", "document", "document_date",
                  "document_clean", "valid_until", "checked_by", "created_at"]
        read_only_fields = ["valid_until", "checked_by", "created_at"]


class VolunteerSerializer(serializers.ModelSerializer):
    cleared_for_children_until = serializers.SerializerMethodField()

    class Meta:
        model = VolunteerProfile
        fields = ["id", "status", "first_name", "last_name", "phone", "email", "birth_date",
                  "guardian_name", "guardian_phone", "availability", "licence_categories",
                  "can_lift", "first_aid", "languages", "preferred_areas", "sms_consent",
                  "agreement_signed_on", "data_authorisation_signed_on",
                  "confidentiality_signed_on", "cleared_for_children_until", "applied_at",
                  "accepted_at", "user"]
        read_only_fields = ["status", "applied_at", "accepted_at", "user"]

    def get_cleared_for_children_until(self, obj) -> str | None:
        until = obj.cleared_until()
        return until.isoformat() if until else None

    def validate_phone(self, value: str) -> str:
        try:
            return parse_phone(value).e164
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from None

    def create(self, validated_data):
        return services.apply(validated_data, actor=self.context["request"].user)

    def update(self, instance, validated_data):
        return services.update_profile(self.context["request"].user, instance, validated_data)


class VolunteerViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin,
                       viewsets.ReadOnlyModelViewSet):
    serializer_class = VolunteerSerializer
    filterset_class = VolunteerFilterSet
    queryset = VolunteerProfile.objects.prefetch_related("checks")
    action_perm = {"accept": MANAGE, "checks": "volunteers.vet_volunteers"}

    def get_permissions(self):
        if self.action in self.action_perm:
            return [HasPerm()]
        return super().get_permissions()

    @extend_schema(request=None, responses=VolunteerSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        profile = services.accept(request.user, self.get_object())
        return Response(VolunteerSerializer(profile, context={"request": request}).data)

    @extend_schema(request=CheckSerializer, responses=CheckSerializer)
    @action(detail=True, methods=["post"])
    def checks(self, request, pk=None):
        serializer = CheckSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        check = services.record_check(request.user, self.get_object(), serializer.validated_data)
        return Response(CheckSerializer(check).data, status=201)


class RoleSerializer(serializers.ModelSerializer):
    taken = serializers.IntegerField(read_only=True)

    class Meta:
        model = ShiftRole
        fields = ["id", "name", "minimum", "maximum", "required_skills", "taken"]


class ShiftSerializer(serializers.ModelSerializer):
    start_time = HourMinuteField(label=Shift._meta.get_field("start_time").verbose_name)
    end_time = HourMinuteField(label=Shift._meta.get_field("end_time").verbose_name)
    roles = RoleSerializer(many=True, source="role_list", read_only=True)
    role_specs = RoleSerializer(many=True, write_only=True, required=True)
    staffing = serializers.SerializerMethodField()
    weeks = serializers.IntegerField(write_only=True, required=False, min_value=1,
                                     max_value=52)
    event = serializers.PrimaryKeyRelatedField(
        queryset=Event.objects.all(), write_only=True, required=False, allow_null=True,
        help_text="The event this shift serves (an event for children makes it a shift "
                  "with children).")
    programme_label = serializers.CharField(read_only=True)

    class Meta:
        model = Shift
        fields = ["id", "kind", "drive", "title", "date", "start_time", "end_time", "starts_at",
                  "ends_at", "site", "place", "with_children", "touches_beneficiary_data",
                  "instructions", "series", "roles", "role_specs", "staffing", "weeks",
                  "event", "programme_label"]
        read_only_fields = ["starts_at", "ends_at", "series"]

    def get_staffing(self, obj) -> str:
        return selectors.staffing(obj)

    def create(self, validated_data):
        specs = [{k: v for k, v in r.items() if k != "taken"}
                 for r in validated_data.pop("role_specs")]
        weeks = validated_data.pop("weeks", 1)
        validated_data["programme"] = validated_data.pop("event", None)
        shifts = services.create_shift(self.context["request"].user, roles=specs, weeks=weeks,
                                       **validated_data)
        return selectors.shifts_with_staffing(Shift.objects.filter(pk=shifts[0].pk)).get()


class RoleChoiceSerializer(serializers.Serializer):
    role = serializers.IntegerField()
    volunteer = serializers.IntegerField(required=False)


class SignupSerializer(serializers.ModelSerializer):
    hours = serializers.FloatField(read_only=True)

    class Meta:
        model = ShiftSignup
        fields = ["id", "shift", "role", "volunteer", "status", "source", "checked_in_at",
                  "checked_out_at", "minutes", "hours", "closed_by_coordinator", "created_at"]
        read_only_fields = fields


class ShiftViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Shifts with roles and staffing. `open/`: what fits me; `signup/`: take a place;
    `assign/`: the coordinator assigns; `scan/`: check in or out (the QR's token)."""

    serializer_class = ShiftSerializer
    filterset_class = ShiftFilterSet
    queryset = Shift.objects.none()
    action_perm = {"open": "volunteers.view_shift", "signup": "volunteers.view_shift",
                   "scan": "volunteers.view_shift", "assign": MANAGE}

    def get_queryset(self):
        return selectors.shifts_with_staffing(scope.visible(Shift.objects.all(),
                                                            self.request.user))

    def get_permissions(self):
        if self.action in self.action_perm:
            return [HasPerm()]
        return super().get_permissions()

    def _me(self) -> VolunteerProfile:
        profile = selectors.profile_for(self.request.user)
        if profile is None:
            raise PermissionDenied("no volunteer profile")
        return profile

    def _role(self, shift: Shift, role_id) -> ShiftRole:
        return get_object_or_404(ShiftRole, pk=role_id, shift=shift)

    @extend_schema(responses=ShiftSerializer(many=True))
    @action(detail=False, methods=["get"])
    def open(self, request):
        offers = selectors.open_for(self._me())
        shifts = {o.shift.pk: o.shift for o in offers}
        return Response(ShiftSerializer(list(shifts.values()), many=True,
                                        context={"request": request}).data)

    @extend_schema(request=RoleChoiceSerializer, responses=SignupSerializer)
    @action(detail=True, methods=["post"])
    def signup(self, request, pk=None):
        shift = get_object_or_404(Shift, pk=pk)
        data = RoleChoiceSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        signup = services.sign_up(self._me(), self._role(shift, data.validated_data["role"]),
                                  actor=request.user)
        return Response(SignupSerializer(signup).data, status=201)

    @extend_schema(request=RoleChoiceSerializer, responses=SignupSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        shift = get_object_or_404(Shift, pk=pk)
        data = RoleChoiceSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        profile = get_object_or_404(VolunteerProfile, pk=data.validated_data.get("volunteer"))
        signup = services.assign(request.user, profile,
                                 self._role(shift, data.validated_data["role"]))
        return Response(SignupSerializer(signup).data, status=201)

    @extend_schema(request=None, responses=inline_serializer("ShiftScanResult", {
        "result": serializers.CharField(), "signup": SignupSerializer()}))
    @action(detail=True, methods=["post"])
    def scan(self, request, pk=None):
        shift = get_object_or_404(Shift, pk=pk)
        signup, what = attendance.scan(self._me(), shift)
        return Response({"result": what, "signup": SignupSerializer(signup).data})


class SignupViewSet(viewsets.ReadOnlyModelViewSet):
    """Sign-ups: every one for coordinators, one's own for a volunteer. `cancel/` frees
    the place (before the cut-off for a volunteer)."""

    serializer_class = SignupSerializer
    filterset_class = SignupFilterSet
    queryset = ShiftSignup.objects.none()
    action_perm = {"list": "volunteers.view_shift", "retrieve": "volunteers.view_shift",
                   "cancel": "volunteers.view_shift"}

    def get_permissions(self):
        return [HasPerm()]

    def get_queryset(self):
        qs = ShiftSignup.objects.select_related("shift", "role").order_by("-created_at")
        if self.request.user.has_perm("volunteers.view_shiftsignup"):
            return qs
        return qs.filter(volunteer__user=self.request.user)

    @extend_schema(request=None, responses=SignupSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        signup = self.get_object()
        manager = request.user.has_perm(MANAGE)
        signup = services.cancel(request.user, signup, by_coordinator=manager)
        return Response(SignupSerializer(signup).data)
