"""Household CSV import: upload, a progress bar while the worker checks and imports
(htmx polling), the preview with each bad line, confirm or cancel."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from backend.common.parsing import get_object_or_404
from backend.common.views import ProtectedMixin

from . import imports
from .forms import ImportUploadForm
from .models import ImportBatch

ERRORS_PER_PAGE = 100
VALID_SHOWN = 20


def _batch(request, pk) -> ImportBatch:
    return get_object_or_404(ImportBatch, pk=pk, created_by=request.user)


class ImportUploadView(ProtectedMixin, View):
    permission_required = "people.import_households"

    def get(self, request):
        return render(request, "people/import_upload.html", {"form": ImportUploadForm()})

    def post(self, request):
        form = ImportUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, "people/import_upload.html", {"form": form}, status=400)
        name, content = form.cleaned_data["file"]
        batch = imports.create_batch(request.user, file_name=name, content=content,
                                     site=form.cleaned_data["site"])
        return redirect("people:import_preview", pk=batch.pk)


class ImportPreviewView(ProtectedMixin, View):
    permission_required = "people.import_households"

    def get(self, request, pk):
        batch = _batch(request, pk)
        bad = batch.rows.filter(ok=False).order_by("line").only("line", "values", "errors")
        page = Paginator(bad, ERRORS_PER_PAGE).get_page(request.GET.get("page"))
        valid = batch.rows.filter(ok=True).order_by("line").only(
            "line", "values", "household_id")[:VALID_SHOWN]
        return render(request, "people/import_preview.html", {
            "batch": batch, "bad_page": page, "valid_rows": valid,
        })

    def post(self, request, pk):
        batch = _batch(request, pk)
        if request.POST.get("action") == "cancel":
            if imports.cancel(request.user, batch):
                messages.info(request, _("Import cancelled; nothing was saved and the file "
                                         "was deleted."))
            return redirect("people:household_list")
        if imports.start_import(request.user, batch):
            messages.info(request, _("The import has started; you may leave this page."))
        return redirect("people:import_preview", pk=batch.pk)


class ImportProgressView(ProtectedMixin, View):
    """The progress bar, polled by htmx; once the step ends the page reloads itself."""

    permission_required = "people.import_households"

    def get(self, request, pk):
        batch = _batch(request, pk)
        response = render(request, "people/partials/import_progress.html", {"batch": batch})
        if not batch.is_running:
            response["HX-Refresh"] = "true"
        return response


class ImportBadRowsView(ProtectedMixin, View):
    permission_required = "people.import_households"

    def get(self, request, pk):
        batch = _batch(request, pk)
        response = HttpResponse("\ufeff" + imports.bad_rows_csv(batch),
                                content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="bledne-wiersze-{pk}.csv"'
        return response
