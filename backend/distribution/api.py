"""The engine's API (issue 10: moved out of drives/, same paths): enrolments, allocations,
pickup slots and hand-overs of any owner (a drive; later an event or a camp).

Personal data: enrolments carry the household id, the contact's first name and the
pickup code — never an address or a phone number (volunteers use the hand-over).
Lists obey the household site rule (people.selectors.restrict_to_sites).
"""

from decimal import InvalidOperation

from rest_framework import permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from backend.accounts import scope
from backend.accounts.models import Site
from backend.common.parsing import finite_decimal, int_or_none
from backend.inventory.scanning import parse_device_time
from backend.people.selectors import restrict_to_sites

from . import selectors
from . import services as engine
from .filters import AllocationFilterSet, EnrolmentFilterSet, HandOverFilterSet, PickupSlotFilterSet
from .models import Allocation, Enrolment, HandOver, PickupSlot


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


class EnrolmentViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Enrolment.objects.select_related("contact", "distribution__drive")
    serializer_class = EnrolmentSerializer
    filterset_class = EnrolmentFilterSet

    def get_queryset(self):
        return selectors.visible_enrolments(self.request.user)


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
        distribution = selectors.owned_distribution(request.query_params)
        enrolment = engine.find(distribution, request.query_params.get("code", ""))
        if enrolment is None:
            return Response({"code": "unknown_code"}, status=404)
        return Response({"code": "found", "enrolment": enrolment.pk,
                         "first_name": enrolment.first_name,
                         "pickup_code": enrolment.pickup_code, "status": enrolment.status,
                         "allocations": AllocationSerializer(
                             enrolment.allocations.select_related("item"), many=True).data})

    def create(self, request, *args, **kwargs):
        """The enrolment is read once, locked, by the engine: the closed drive, the code
        naming the household (decision 0023) and every refusal are checked there."""
        code = str(request.data.get("code", "") or "")
        delivered = bool(request.data.get("delivered"))
        # a coordinator recording a home delivery may leave the code out (decision 0023)
        without_code = delivered and not code.strip() \
            and request.user.has_perm("distribution.change_enrolment")
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
        try:
            outcome = engine.hand_over(
                request.user, int_or_none(request.data.get("enrolment")) or 0,
                nonce=str(request.data.get("nonce", "")), quantities=quantities,
                delivered=delivered, code=code, delivery_without_code=without_code,
                device_time=parse_device_time(str(request.data.get("device_time", ""))),
                site=site, override=str(request.data.get("override", "")))
        except Enrolment.DoesNotExist:
            raise ValidationError({"enrolment": "unknown"}) from None
        return Response({"code": outcome.code, "message": outcome.message,
                         "handover": outcome.handover.pk if outcome.handover else None,
                         "lines": outcome.lines}, status=200 if outcome.ok else 409)
