"""Reports as JSON (issue #16 item 12): one endpoint per table and one for all, with
the same query parameters and the same site scope as the page."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from . import selectors
from .figures import Scope
from .forms import ReportForm, default_data


class CanViewReports(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.has_perm("reports.view_reports"))


class ReportTableSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    columns = serializers.ListField(child=serializers.CharField())
    rows = serializers.ListField(child=serializers.ListField(child=serializers.JSONField()))
    row_keys = serializers.ListField(child=serializers.CharField())


class ReportSerializer(serializers.Serializer):
    period = serializers.DictField(child=serializers.CharField())
    tables = ReportTableSerializer(many=True)


PARAMETERS = [
    OpenApiParameter("period", OpenApiTypes.STR, enum=["year", "quarter", "month", "custom"]),
    OpenApiParameter("year", OpenApiTypes.INT), OpenApiParameter("quarter", OpenApiTypes.INT),
    OpenApiParameter("month", OpenApiTypes.INT), OpenApiParameter("start", OpenApiTypes.DATE),
    OpenApiParameter("end", OpenApiTypes.DATE),
    OpenApiParameter("programme", OpenApiTypes.STR, description="drives, drives:food, "
                     "drives:fuel, drives:other, events, camps, exchange, volunteers; "
                     "empty: all"),
    OpenApiParameter("site", OpenApiTypes.INT),
]


class ReportAPIView(APIView):
    permission_classes = [permissions.IsAuthenticated, CanViewReports]
    serializer_class = ReportSerializer

    def _scope(self, request) -> Scope:
        form = ReportForm(request.query_params or default_data(), user=request.user)
        if not form.is_valid():
            raise ValidationError(form.errors.get_json_data())
        data = form.cleaned_data
        return Scope(user=request.user, span=data["span"],
                     programme=data["programme"] or "",
                     site_id=data["site"].pk if data.get("site") else None)

    @extend_schema(parameters=PARAMETERS, responses=ReportSerializer,
                   operation_id="reports_retrieve")
    def get(self, request, key: str | None = None):
        if key is not None and key not in selectors.TABLES:
            raise NotFound()
        s = self._scope(request)
        tables = selectors.build(s, key)
        return Response({"period": {"start": s.span.start.isoformat(),
                                    "end": s.span.end.isoformat(), "label": s.span.label},
                         "tables": [t.as_dict() for t in tables.values()]})


class ReportTableAPIView(ReportAPIView):
    @extend_schema(parameters=PARAMETERS, responses=ReportSerializer,
                   operation_id="reports_table_retrieve")
    def get(self, request, key: str | None = None):
        return super().get(request, key)
