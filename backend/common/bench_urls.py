"""The HTTP benchmark's URLconf: the site's own URLs plus the two floors, which exist
ONLY here — a bare Django JSON view and a DRF view with token authentication (the
framework floor every ratio is taken against)."""

from django.http import JsonResponse
from django.urls import include, path
from rest_framework.authentication import TokenAuthentication
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView


def bare(request):
    return JsonResponse({"ok": True})


class DrfFloor(APIView):
    authentication_classes = [TokenAuthentication]
    permission_classes = [IsAuthenticated]

    def get(self, request):
        return Response({"ok": True, "user": request.user.pk})


urlpatterns = [
    path("bench/bare/", bare),
    path("bench/drf/", DrfFloor.as_view()),
    path("", include("backend.urls")),
]
