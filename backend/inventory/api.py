"""Inventory API: catalogue, locations, lots/units, balances, the ledger (read-only), scanning."""


from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts import scope

from . import scanning, selectors, services
from .filters import (
    BalanceFilterSet,
    CategoryFilterSet,
    ItemFilterSet,
    LocationFilterSet,
    LotFilterSet,
    MovementFilterSet,
)
from .models import Balance, Category, Item, Location, Lot, Movement


class CategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["id", "name"]


class ItemSerializer(serializers.ModelSerializer):
    barcodes = serializers.SlugRelatedField(many=True, read_only=True, slug_field="code")

    class Meta:
        model = Item
        fields = ["id", "name", "category", "unit", "perishable", "individual", "min_stock",
                  "is_active", "barcodes"]


class LocationSerializer(serializers.ModelSerializer):
    short_code = serializers.SerializerMethodField()

    class Meta:
        model = Location
        fields = ["id", "site", "parent", "kind", "name", "path", "is_active", "short_code"]
        read_only_fields = ["path"]

    def get_short_code(self, obj) -> str:
        tag = selectors.active_tag(obj)
        return tag.short_code if tag else ""

    def create(self, validated_data):
        return services.create_location(self.context["request"].user, validated_data["site"],
                                        validated_data["name"], validated_data["kind"],
                                        validated_data.get("parent"))


class LotSerializer(serializers.ModelSerializer):
    class Meta:
        model = Lot
        fields = ["id", "kind", "item", "received_quantity", "expiry", "source", "condition",
                  "serial", "dimensions", "description", "created_at"]


class BalanceSerializer(serializers.ModelSerializer):
    item = serializers.IntegerField(source="lot.item_id", read_only=True)
    expiry = serializers.DateField(source="lot.expiry", read_only=True)
    available = serializers.DecimalField(max_digits=14, decimal_places=3, read_only=True)

    class Meta:
        model = Balance
        fields = ["id", "lot", "item", "location", "quantity", "reserved", "available", "expiry"]


class MovementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Movement
        fields = ["id", "kind", "lot", "quantity", "from_location", "to_location", "actor", "at",
                  "reason", "ref_type", "ref_id"]


class CatalogueWrites:
    """Catalogue writes through inventory.services (audited), as in the admin."""

    def perform_create(self, serializer):
        model = serializer.Meta.model
        serializer.instance = services.save_catalogue(self.request.user,
                                                      model(**serializer.validated_data))

    def perform_update(self, serializer):
        for key, value in serializer.validated_data.items():
            setattr(serializer.instance, key, value)
        services.save_catalogue(self.request.user, serializer.instance)

    def perform_destroy(self, instance):
        services.delete_catalogue(self.request.user, instance)


class CategoryViewSet(CatalogueWrites, viewsets.ModelViewSet):
    queryset = Category.objects.all()
    serializer_class = CategorySerializer
    filterset_class = CategoryFilterSet


class ItemViewSet(CatalogueWrites, viewsets.ModelViewSet):
    queryset = Item.objects.prefetch_related("barcodes")
    serializer_class = ItemSerializer
    filterset_class = ItemFilterSet


class LocationViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Location.objects.all()

    def get_queryset(self):
        return scope.visible(super().get_queryset(), self.request.user)
    serializer_class = LocationSerializer
    filterset_class = LocationFilterSet


class LotViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Lot.objects.filter(kind=Lot.Kind.BULK)
    serializer_class = LotSerializer
    filterset_class = LotFilterSet


class UnitViewSet(LotViewSet):
    queryset = Lot.objects.filter(kind=Lot.Kind.UNIT)


class BalanceViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Balance.objects.filter(quantity__gt=0).select_related("lot").order_by("id")

    def get_queryset(self):
        return scope.visible(super().get_queryset(), self.request.user)
    serializer_class = BalanceSerializer
    filterset_class = BalanceFilterSet


class MovementViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Movement.objects.all()

    def get_queryset(self):
        return scope.visible(super().get_queryset(), self.request.user)
    serializer_class = MovementSerializer
    filterset_class = MovementFilterSet


class ScanSerializer(serializers.Serializer):
    code = serializers.CharField(allow_blank=True, max_length=300)
    nonce = serializers.CharField(required=False, allow_blank=True, max_length=64)
    device_time = serializers.CharField(required=False, allow_blank=True)


class HasPerm(permissions.BasePermission):
    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated
                    and request.user.has_perm(view.required_perm))


class ScanResultSerializer(serializers.Serializer):
    """What the scan answers (for the schema: clients and schemathesis check against it)."""

    result = serializers.CharField()
    ok = serializers.BooleanField()
    message = serializers.CharField()
    type = serializers.CharField(allow_null=True)
    id = serializers.IntegerField(allow_null=True)
    url = serializers.CharField(allow_null=True)
    balances = serializers.ListField(child=serializers.DictField())


class ScanActionResultSerializer(serializers.Serializer):
    ok = serializers.BooleanField()
    code = serializers.CharField()
    message = serializers.CharField(required=False)
    repeat = serializers.BooleanField(required=False)


class ScanResolveAPIView(APIView):
    """POST {code} → {result, type, id, url, message, data}; every call is logged."""

    permission_classes = [HasPerm]
    required_perm = "inventory.view_lot"
    serializer_class = ScanSerializer

    @extend_schema(request=ScanSerializer, responses=ScanResultSerializer)
    def post(self, request):
        payload = ScanSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        r = scanning.resolve(payload.validated_data["code"])
        target = r.lot or r.location
        body = {"result": r.result, "ok": r.ok, "message": r.message,
                "type": "lot" if r.lot else "location" if r.location else
                ("item" if r.item else None), "id": (target or r.item).pk
                if (target or r.item) else None,
                "url": target.get_absolute_url() if target else None,
                "balances": [{"location": b.location_id, "quantity": str(b.quantity),
                              "reserved": str(b.reserved)} for b in r.balances]}
        scanning.log(request.user, payload.validated_data["code"], "resolve", r.result,
                     nonce=payload.validated_data.get("nonce", ""),
                     device_time=payload.validated_data.get("device_time"), lot=r.lot,
                     location=r.location, response={"message": r.message})
        return Response(body)


class ScanActionSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=["move", "issue", "adjust", "count"])
    lot = serializers.PrimaryKeyRelatedField(queryset=Lot.objects.select_related("item"))
    location = serializers.PrimaryKeyRelatedField(queryset=Location.objects.all())
    target = serializers.PrimaryKeyRelatedField(queryset=Location.objects.all(), required=False)
    quantity = serializers.CharField(required=False, allow_blank=True)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=200)
    nonce = serializers.CharField(required=False, allow_blank=True, max_length=64)


class ScanActionAPIView(APIView):
    """POST {action, lot, location, quantity | target, nonce} → {ok, code, message}."""

    permission_classes = [HasPerm]
    required_perm = "inventory.view_lot"
    serializer_class = ScanActionSerializer

    @extend_schema(request=ScanActionSerializer,
                   responses={200: ScanActionResultSerializer, 403: ScanActionResultSerializer,
                              409: ScanActionResultSerializer})
    def post(self, request):
        payload = ScanActionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        if not scanning.allowed(request.user, data["action"]):
            return Response({"ok": False, "code": "forbidden"}, status=status.HTTP_403_FORBIDDEN)
        if data["action"] == "move" and not data.get("target"):
            raise Http404  # as before: a move needs its target

        def work() -> scanning.Done:  # the same registry as the scan page
            return scanning.perform(request.user, data["action"], dict(data))

        # A retry (same nonce) answers with the first result and does nothing again.
        done = scanning.once(request.user, data.get("nonce", ""), work,
                             raw=f"lot:{data['lot'].pk}", action=data["action"],
                             lot=data["lot"], location=data["location"])
        return Response({"ok": done.ok, "code": done.code, "message": done.message,
                         "repeat": done.repeat}, status=200 if done.ok else 409)
