"""Shared generic views (NetBox style): a list view names its queryset,
FilterSet and templates; the rest is done here once."""

from collections.abc import Iterable

from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.utils import timezone
from django.views.generic import TemplateView

from . import exports
from .errors import ServiceErrorMixin
from .pagination import PAGE_SIZES


class ProtectedMixin(LoginRequiredMixin, PermissionRequiredMixin, ServiceErrorMixin):
    """Log-in first (redirect), then the permission (403, never a redirect loop); a
    service's refusal becomes a message (common.errors.ServiceErrorMixin)."""

    raise_exception = False

    def handle_no_permission(self):
        if self.request.user.is_authenticated:
            self.raise_exception = True
        return super().handle_no_permission()


class ObjectListView(ProtectedMixin, TemplateView):
    """A filtered, paginated list; htmx requests get only the table partial.

    Subclasses set: queryset (or get_queryset), filterset_class, template_name,
    table_template, permission_required; optional export_columns for CSV.
    """

    queryset = None
    filterset_class = None
    table_template: str = ""
    default_per_page = 25
    export_columns: Iterable[tuple[str, str]] = ()
    export_filename = "export"

    def get_queryset(self):
        return self.queryset.all()

    def get_filterset(self):
        return self.filterset_class(self.request.GET or None, queryset=self.get_queryset(),
                                    request=self.request)

    def get_per_page(self) -> int:
        try:
            value = int(self.request.GET.get("per_page", self.default_per_page))
        except ValueError:
            return self.default_per_page
        return value if value in PAGE_SIZES else self.default_per_page

    def get(self, request, *args, **kwargs):
        filterset = self.get_filterset()
        queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else (
            filterset.queryset if not filterset.is_bound else filterset.queryset.none()
        )
        if request.GET.get("export") == "csv" and self.export_columns:
            return self.export_csv(queryset)
        page = Paginator(queryset, self.get_per_page()).get_page(request.GET.get("page"))
        context = self.get_context_data(filterset=filterset, page_obj=page,
                                        object_list=page.object_list, per_page_choices=PAGE_SIZES)
        template = self.table_template if request.htmx and request.htmx.target == "results" \
            else self.template_name
        return self.response_class(request=request, template=[template], context=context)

    def export_row(self, obj) -> list:
        row = []
        for attr, _label in self.export_columns:
            value = obj
            for part in attr.split("."):
                value = getattr(value, part, "") if value is not None else ""
            row.append(value() if callable(value) else value)
        return row

    def export_csv(self, queryset) -> HttpResponse:
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response = exports.csv_response(f"{self.export_filename}-{stamp}.csv")
        writer = exports.writer(response)
        writer.writerow([str(label) for _attr, label in self.export_columns])
        for obj in queryset.iterator(chunk_size=2000):
            writer.writerow(self.export_row(obj))
        self.after_export(queryset)
        return response

    def after_export(self, queryset) -> None:
        """Hook: record the export in the audit log."""


class HomeView(LoginRequiredMixin, TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        from .attention import lines_for

        return {**super().get_context_data(**kwargs), "attention": lines_for(self.request.user)}
