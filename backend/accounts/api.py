from rest_framework import permissions, serializers, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from .filters import SiteFilterSet
from .models import Site, User


class SiteSerializer(serializers.ModelSerializer):
    class Meta:
        model = Site
        fields = ["id", "name", "kind", "street", "postal_code", "city", "phone",
                  "opening_hours", "is_active"]


class SiteViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Site.objects.all()
    serializer_class = SiteSerializer
    filterset_class = SiteFilterSet
    ordering_fields = ["name", "city"]


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
