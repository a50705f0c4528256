from django.contrib import messages
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from backend.common.parsing import get_object_or_404
from backend.common.views import ObjectDetailView, ObjectEditView, ObjectListView, ProtectedMixin

from . import services
from .filters import DonationFilterSet
from .forms import DonationEditForm, DonationForm, LineFormSet
from .models import Donation
from .receipt import receipt_pdf


class DonationListView(ObjectListView):
    permission_required = "donations.view_donation"
    filterset_class = DonationFilterSet
    template_name = "donations/donation_list.html"
    table_template = "donations/partials/donation_table.html"

    def get_queryset(self):
        return Donation.objects.select_related("donor", "site")


class DonationCreateView(ObjectEditView):
    """Intake: the donation and its lines ("dodaj wiersz" for as many as came)."""

    permission_required = "donations.add_donation"
    form_class = DonationForm
    formset_class = LineFormSet
    formset_prefix = "lines"
    template_name = "donations/donation_form.html"

    def get_initial(self):
        return {"drive_id": self.request.GET.get("drive", "")}  # from a drive's page

    def save(self, form, formset):
        data = form.cleaned_data
        kind = data["donor_kind"]
        donation = services.create_donation(
            self.request.user, site=data["site"], date=data["date"],
            donor=data["donor"] if kind == "existing" else None,
            new_donor={"name": data["new_donor_name"], "phone": data["new_donor_phone"]}
            if kind == "new" else None, drive_id=data.get("drive_id"), notes=data["notes"],
            lines=[services.LineInput(**line) for line in formset.rows()])
        messages.success(self.request, _("Donation received: %(n)s line(s).")
                         % {"n": donation.lines.count()})
        return donation


class DonationEditView(ObjectEditView):
    permission_required = "donations.change_donation"
    queryset = Donation.objects.select_related("donor", "site")
    form_class = DonationEditForm
    template_name = "donations/donation_edit.html"
    service = services.update_donation
    success_message = gettext_lazy("Changes saved.")


class DonationDetailView(ObjectDetailView):
    permission_required = "donations.view_donation"
    queryset = Donation.objects.select_related("donor", "site")
    template_name = "donations/donation_detail.html"
    context_object_name = "donation"
    history = True

    def get_context_data(self, **kwargs):
        donation = self.object
        lots = services.donation_lots(donation)
        labels_url = reverse("inventory:labels") + "?" + "&".join(f"lot={lot.pk}" for lot in lots)
        return {**super().get_context_data(**kwargs),
                "lines": donation.lines.select_related("item", "location"),
                "lots": lots, "labels_url": labels_url}


class DonationReceiptView(ProtectedMixin, View):
    permission_required = "donations.view_donation"

    def get(self, request, pk):
        donation = get_object_or_404(Donation.objects.select_related("donor", "site"), pk=pk)
        response = HttpResponse(receipt_pdf(donation), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="darowizna-{donation.pk}.pdf"'
        return response
