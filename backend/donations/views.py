from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from backend.common.errors import ServiceError
from backend.common.parsing import get_object_or_404
from backend.common.views import ObjectListView, ProtectedMixin

from . import services
from .filters import DonationFilterSet
from .forms import DonationForm, LineFormSet
from .models import Donation
from .receipt import receipt_pdf


class DonationListView(ObjectListView):
    permission_required = "donations.view_donation"
    filterset_class = DonationFilterSet
    template_name = "donations/donation_list.html"
    table_template = "donations/partials/donation_table.html"

    def get_queryset(self):
        return Donation.objects.select_related("donor", "site")


class DonationCreateView(ProtectedMixin, View):
    permission_required = "donations.add_donation"

    def get(self, request):
        # ?drive=<id> from a drive's page pre-selects it
        form = DonationForm(initial={"drive_id": request.GET.get("drive", "")})
        return render(request, "donations/donation_form.html",
                      {"form": form, "lines": LineFormSet(prefix="lines")})

    def post(self, request):
        form = DonationForm(request.POST)
        lines = LineFormSet(request.POST, prefix="lines")
        if form.is_valid() and lines.is_valid():
            data = form.cleaned_data
            kind = data["donor_kind"]
            try:
                donation = services.create_donation(
                    request.user, site=data["site"], date=data["date"],
                    donor=data["donor"] if kind == "existing" else None,
                    new_donor={"name": data["new_donor_name"], "phone": data["new_donor_phone"]}
                    if kind == "new" else None, drive_id=data.get("drive_id"),
                    notes=data["notes"],
                    lines=[services.LineInput(**line) for line in lines.cleaned_data if line])
            except ServiceError as err:  # shown, then the page continues
                self.refused(err)
            else:
                messages.success(request, _("Donation received: %(n)s line(s).")
                                 % {"n": donation.lines.count()})
                return redirect("donations:detail", pk=donation.pk)
        return render(request, "donations/donation_form.html", {"form": form, "lines": lines},
                      status=400)


class DonationDetailView(ProtectedMixin, View):
    permission_required = "donations.view_donation"

    def get(self, request, pk):
        donation = get_object_or_404(Donation.objects.select_related("donor", "site"), pk=pk)
        lots = services.donation_lots(donation)
        labels_url = reverse("inventory:labels") + "?" + "&".join(f"lot={lot.pk}" for lot in lots)
        return render(request, "donations/donation_detail.html", {
            "donation": donation, "lines": donation.lines.select_related("item", "location"),
            "lots": lots, "labels_url": labels_url})


class DonationReceiptView(ProtectedMixin, View):
    permission_required = "donations.view_donation"

    def get(self, request, pk):
        donation = get_object_or_404(Donation.objects.select_related("donor", "site"), pk=pk)
        response = HttpResponse(receipt_pdf(donation), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="darowizna-{donation.pk}.pdf"'
        return response
