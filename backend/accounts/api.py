from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.common.phones import parse_phone

from . import site_services
from .filters import SiteFilterSet
from .models import Site, User


class SiteSerializer(serializers.ModelSerializer):
    class Meta:
        model = Site
        fields = ["id", "name", "kind", "street", "postal_code", "city", "phone",
                  "opening_hours", "is_active"]

    def validate_phone(self, value: str) -> str:
        from django.core.exceptions import ValidationError

        try:
            return parse_phone(value).e164 if value.strip() else ""
        except ValidationError as exc:
            raise serializers.ValidationError(exc.messages) from exc


class SiteViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin,
                  viewsets.ReadOnlyModelViewSet):
    """Sites: no delete (households, stock and slots point at them); deactivate instead."""

    queryset = Site.objects.all()
    serializer_class = SiteSerializer
    filterset_class = SiteFilterSet
    ordering_fields = ["name", "city"]

    def perform_create(self, serializer):
        serializer.instance = site_services.create_site(self.request.user,
                                                        serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = site_services.update_site(self.request.user, serializer.instance,
                                                        serializer.validated_data)


class CurrentUserSerializer(serializers.ModelSerializer):
    roles = serializers.SerializerMethodField()
    permissions = serializers.SerializerMethodField()
    sites = SiteSerializer(many=True, read_only=True)

    class Meta:
        model = User
        fields = ["id", "username", "first_name", "last_name", "email", "roles", "sites",
                  "permissions"]

    def get_roles(self, user) -> list[str]:
        return [g.name for g in user.groups.all()]

    def get_permissions(self, user) -> list[str]:
        return sorted(user.get_all_permissions())


class CurrentUserView(APIView):
    permission_classes = [permissions.IsAuthenticated]
    serializer_class = CurrentUserSerializer

    def get(self, request):
        return Response(CurrentUserSerializer(request.user).data)
