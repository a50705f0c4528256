"""Right of access and erasure for households and donors, and the register of personal
data (backend.common.personal_data)."""

import json

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from backend.common import personal_data
from backend.common.parsing import get_object_or_404
from backend.common.personal_data_pdf import export_pdf
from backend.common.views import ProtectedMixin

from . import selectors, services
from .models import Donor


def _download(data: dict, name: str, as_pdf: bool) -> HttpResponse:
    if as_pdf:
        response = HttpResponse(export_pdf(data), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    else:
        response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2),
                                content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.json"'
    response["Cache-Control"] = "no-store"
    return response


class HouseholdExportView(ProtectedMixin, View):
    """Right of access: every row about the household in every app (JSON or PDF)."""

    permission_required = ("people.view_household", "people.view_sensitive_data")
    as_pdf = False

    def get(self, request, pk):
        household = get_object_or_404(selectors.visible_households(request.user), pk=pk)
        data = services.export_household_data(request.user, household)
        return _download(data, f"gospodarstwo-{pk}", self.as_pdf)


class DonorExportView(ProtectedMixin, View):
    permission_required = ("people.view_donor", "people.change_donor")
    as_pdf = False

    def get(self, request, pk):
        donor = get_object_or_404(Donor, pk=pk)
        return _download(services.export_donor_data(request.user, donor), f"darczynca-{pk}",
                         self.as_pdf)


class DonorAnonymiseView(ProtectedMixin, View):
    permission_required = "people.anonymise_household"

    def post(self, request, pk):
        donor = get_object_or_404(Donor, pk=pk)
        services.anonymise_donor(request.user, donor)
        messages.success(request, _("Personal data of the donor were erased."))
        return redirect("people:donor_detail", pk=pk)


class PrivacyRegisterView(ProtectedMixin, View):
    """What personal data are kept, why, for how long and who sees them; generated
    from the registry and the retention settings."""

    permission_required = "people.view_privacy_register"

    def get(self, request):
        return render(request, "people/privacy_register.html",
                      {"rows": personal_data.register_rows()})
