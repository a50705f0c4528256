from rest_framework import mixins, serializers, viewsets

from backend.drives.models import Drive
from backend.inventory.models import Item, Location

from . import services
from .filters import DonationFilterSet
from .models import Donation, DonationLine


class LineSerializer(serializers.ModelSerializer):
    item = serializers.PrimaryKeyRelatedField(queryset=Item.objects.all())
    location = serializers.PrimaryKeyRelatedField(queryset=Location.objects.all())

    class Meta:
        model = DonationLine
        fields = ["item", "quantity", "expiry", "location", "lot"]
        read_only_fields = ["lot"]


class DonationSerializer(serializers.ModelSerializer):
    lines = LineSerializer(many=True)
    number = serializers.CharField(read_only=True)
    drive_id = serializers.PrimaryKeyRelatedField(
        source="drive", queryset=Drive.objects.all(), allow_null=True, required=False,
        help_text="A collecting drive (others are refused: 409 drive_closed).")

    class Meta:
        model = Donation
        fields = ["id", "number", "donor", "date", "site", "drive_id", "notes", "lines"]

    def create(self, validated_data):
        lines = [services.LineInput(**line) for line in validated_data.pop("lines")]
        drive = validated_data.pop("drive", None)
        validated_data["drive_id"] = drive.pk if drive else None
        try:
            return services.create_donation(self.context["request"].user, lines=lines,
                                            **validated_data)
        except services.stock.StockError as err:
            raise serializers.ValidationError({"lines": [str(err)]}) from err


class DonationViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Donation.objects.prefetch_related("lines")
    serializer_class = DonationSerializer
    filterset_class = DonationFilterSet
