"""The reports page, its exports and the yearly PDF; thin: selectors do the work."""

from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from backend.common.views import ProtectedMixin

from . import charts, exports, selectors
from .figures import Scope
from .forms import ReportForm, default_data


def scope_from(request) -> tuple[ReportForm, Scope | None]:
    form = ReportForm(request.GET or default_data(), user=request.user)
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    return form, Scope(user=request.user, span=data["span"], programme=data["programme"] or "",
                       site_id=data["site"].pk if data.get("site") else None)


def describe(form: ReportForm, s: Scope) -> str:
    data = form.cleaned_data
    programme = dict(form.fields["programme"].choices).get(s.programme, "")
    site = data["site"].name if data.get("site") else _("all my sites")
    return f"{s.span.label} · {programme} · {site}"


class ReportView(ProtectedMixin, View):
    permission_required = "reports.view_reports"

    def get(self, request):
        form, s = scope_from(request)
        context = {"form": form, "tables": {}, "charts": []}
        if s is not None:
            tables = selectors.build(s)
            context.update(tables=tables, description=describe(form, s),
                           charts=charts.monthly_charts(tables["monthly"]),
                           query=request.GET.urlencode())
        return render(request, "reports/report.html", context, status=200 if s else 400)


class ExportView(ProtectedMixin, View):
    permission_required = "reports.view_reports"

    def get(self, request, key: str, fmt: str):
        if key != "all" and key not in selectors.TABLES:
            raise Http404
        form, s = scope_from(request)
        if s is None:
            return HttpResponseBadRequest(_("Check the report's period."))
        tables = selectors.build(s, None if key == "all" else key)
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        name = f"raport-{key}-{stamp}"
        if fmt == "csv":
            if key == "all":
                raise Http404
            return exports.csv_response(tables[key], f"{name}.csv")
        return exports.xlsx_response(list(tables.values()), f"{name}.xlsx", describe(form, s))


class YearlyPdfView(ProtectedMixin, View):
    permission_required = "reports.view_reports"

    def get(self, request):
        form, s = scope_from(request)
        if s is None:
            return HttpResponseBadRequest(_("Check the report's period."))
        tables = selectors.build(s)
        heading = _("Yearly summary %(period)s") % {"period": s.span.label}
        content = exports.yearly_pdf(list(tables.values()), heading, describe(form, s))
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="sprawozdanie-{s.span.label}.pdf"'
        return response
