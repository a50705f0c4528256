"""Exchange API: thin serializers and viewsets; writes go through services."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from backend.common.phones import parse_phone
from backend.people import selectors as people_selectors

from . import selectors, services
from .filters import MatchFilterSet, OfferFilterSet, RequestFilterSet, TransportTaskFilterSet
from .models import EquipmentRequest, Match, Offer, TransportTask


class OfferSerializer(serializers.ModelSerializer):
    photos = serializers.SerializerMethodField()

    class Meta:
        model = Offer
        fields = ["id", "status", "source", "category", "item", "title", "description",
                  "width_cm", "height_cm", "depth_cm", "condition", "donor_name", "donor_phone",
                  "donor_email", "pickup_address", "availability", "collect_by", "lot",
                  "photos", "created_at"]
        read_only_fields = ["status", "source", "lot", "created_at"]

    def validate_donor_phone(self, value: str) -> str:
        try:
            return parse_phone(value).e164
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from None

    def get_photos(self, obj) -> list[str]:
        return [p.image.url for p in obj.photos.all()]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is not None and not request.user.has_perm("exchange.manage_exchange"):
            for key in ("donor_name", "donor_phone", "donor_email", "pickup_address"):
                data.pop(key, None)
        return data

    def create(self, validated_data):
        return services.create_offer(self.context["request"].user, validated_data)


class OfferViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = OfferSerializer
    filterset_class = OfferFilterSet
    queryset = Offer.objects.select_related("category").prefetch_related("photos")


class RequestSerializer(serializers.ModelSerializer):
    class Meta:
        model = EquipmentRequest
        fields = ["id", "household", "category", "needs", "max_width_cm", "max_height_cm",
                  "max_depth_cm", "urgency", "justification", "status", "created_at",
                  "confirmed_at", "reconfirm_requested_at"]
        read_only_fields = ["status", "created_at", "confirmed_at", "reconfirm_requested_at"]

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None:
            fields["household"].queryset = people_selectors.visible_households(request.user)
        return fields

    def create(self, validated_data):
        return services.create_request(self.context["request"].user, validated_data)


class RequestViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = RequestSerializer
    filterset_class = RequestFilterSet
    queryset = EquipmentRequest.objects.none()  # the schema's model; get_queryset decides

    def get_queryset(self):
        households = people_selectors.visible_households(self.request.user)
        return EquipmentRequest.objects.filter(household__in=households).order_by(
            "-urgency", "created_at", "id")


class MatchSerializer(serializers.ModelSerializer):
    class Meta:
        model = Match
        fields = ["id", "offer", "request", "status", "reply_by", "answered_at",
                  "handed_over_at", "created_at"]
        read_only_fields = ["status", "reply_by", "answered_at", "handed_over_at",
                            "created_at"]


class MatchCreateSerializer(serializers.Serializer):
    offer = serializers.PrimaryKeyRelatedField(queryset=Offer.objects.all())
    request = serializers.PrimaryKeyRelatedField(queryset=EquipmentRequest.objects.all())


class MatchViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """POST {offer, request}: the coordinator confirms a match (add_match)."""

    serializer_class = MatchSerializer
    filterset_class = MatchFilterSet
    queryset = Match.objects.all()

    def create(self, request, *args, **kwargs):
        serializer = MatchCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        if not request.user.has_perm("exchange.manage_exchange"):
            return Response(status=status.HTTP_403_FORBIDDEN)
        try:
            match = services.confirm_match(request.user, serializer.validated_data["offer"],
                                           serializer.validated_data["request"])
        except services.ExchangeError as err:
            return Response({"code": err.code, "detail": str(err)},
                            status=status.HTTP_409_CONFLICT)
        return Response(self.get_serializer(match).data, status=status.HTTP_201_CREATED)


class TransportTaskSerializer(serializers.ModelSerializer):
    offer_title = serializers.CharField(source="match.offer.title", read_only=True)
    pickup_address = serializers.CharField(source="match.offer.pickup_address", read_only=True)
    donor_phone = serializers.CharField(source="match.offer.donor_phone", read_only=True)
    delivery_address = serializers.CharField(source="match.request.household.address",
                                             read_only=True)
    recipient = serializers.SerializerMethodField()

    class Meta:
        model = TransportTask
        fields = ["id", "match", "kind", "driver", "date", "warehouse", "status", "notes",
                  "offer_title", "pickup_address", "donor_phone", "delivery_address",
                  "recipient", "picked_up_at", "done_at"]

    def get_recipient(self, obj) -> dict:
        """First name and phone only: what the driver needs at the door."""
        person = services.contact(obj.match.request)
        return {"first_name": person.first_name, "phone": person.phone} if person else {}


class TransportTaskViewSet(viewsets.ReadOnlyModelViewSet):
    """A driver gets only their own tasks (addresses, phones); coordinators all."""

    serializer_class = TransportTaskSerializer
    filterset_class = TransportTaskFilterSet
    queryset = TransportTask.objects.none()  # the schema's model; get_queryset decides

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return TransportTask.objects.none()
        return selectors.visible_tasks(self.request.user)

    @action(detail=True, methods=["post"])
    def scan(self, request, pk=None):
        task = self.get_object()
        if task.driver_id != request.user.pk:
            return Response(status=status.HTTP_403_FORBIDDEN)
        result = services.scan_step(request.user, task, str(request.data.get("code", "")))
        return Response({"ok": result.ok, "code": result.code, "message": result.message},
                        status=status.HTTP_200_OK if result.ok else 422)
