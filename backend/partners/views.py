"""Partner pages: the centre's list and detail (what is shared, transfers), the partner's
own point, and a drive's transfer to a partner (preview, then confirm). Thin views."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from backend.common.parsing import get_object_or_404
from backend.common.views import ProtectedMixin
from backend.drives.models import Drive

from . import documents, selectors, services
from .forms import AccessForm, TransferForm
from .models import Partner, Transfer


class PartnerList(ProtectedMixin, TemplateView):
    permission_required = "partners.view_partner"
    template_name = "partners/partner_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(partners=Partner.objects.select_related("point"),
                                        **kwargs)


class PartnerDetail(ProtectedMixin, View):
    permission_required = "partners.view_partner"

    def _render(self, request, partner, form=None):
        return render(request, "partners/partner_detail.html", {
            "partner": partner, "form": form or AccessForm(initial={"access": partner.access}),
            "shares": partner.shares.select_related("actor")[:50],
            "transfers": partner.transfers.select_related("drive")})

    def get(self, request, pk):
        return self._render(request, get_object_or_404(Partner, pk=pk))

    def post(self, request, pk):
        partner = get_object_or_404(Partner, pk=pk)
        if not request.user.has_perm("partners.share_with_partner"):
            raise Http404
        form = AccessForm(request.POST)
        if not form.is_valid():
            return self._render(request, partner, form)
        services.set_access(request.user, partner, form.cleaned_data["access"],
                            form.cleaned_data["why"])
        messages.success(request, _("Access changed and recorded."))
        return redirect("partners:detail", pk=partner.pk)


class MyPoint(ProtectedMixin, TemplateView):
    """A partner's log-in: the enrolments at its point, with only what is shared."""

    permission_required = "partners.view_own_point"
    template_name = "partners/my_point.html"

    def get_context_data(self, **kwargs):
        partner = selectors.partner_of(self.request.user)
        return super().get_context_data(
            partner=partner, rows=selectors.point_rows(partner) if partner else [], **kwargs)


class DriveTransfer(ProtectedMixin, View):
    """What the drive still holds and to whom it goes; nothing moves before confirmed=1."""

    permission_required = "partners.transfer_to_partner"

    def _render(self, request, drive, form):
        return render(request, "partners/transfer.html", {
            "drive": drive, "form": form, "balances": services.transferable(drive)})

    def get(self, request, pk):
        drive = get_object_or_404(Drive, pk=pk)
        return self._render(request, drive, TransferForm())

    def post(self, request, pk):
        drive = get_object_or_404(Drive, pk=pk)
        form = TransferForm(request.POST)
        if not form.is_valid() or request.POST.get("confirmed") != "1":
            return self._render(request, drive, form)
        try:
            record = services.transfer(request.user, drive, form.cleaned_data["partner"])
        except services.PartnerError as exc:
            messages.error(request, exc.message)
            return self._render(request, drive, form)
        messages.success(request, _("Transferred to %(partner)s: %(what)s.") % {
            "partner": record.partner.name, "what": services.describe(record)})
        return redirect("partners:detail", pk=record.partner_id)


class Protocol(ProtectedMixin, View):
    permission_required = "partners.view_partner"

    def get(self, request, pk):
        record = get_object_or_404(Transfer.objects.select_related("partner", "drive"), pk=pk)
        response = HttpResponse(documents.protocol_pdf(record), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="protokol-{record.pk}.pdf"'
        return response
