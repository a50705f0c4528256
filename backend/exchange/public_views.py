"""Pages without log-in: the resident's offer form and "czego potrzebujemy"."""

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import View

from backend.common import ratelimit

from . import selectors, services
from .forms import PublicOfferForm
from .models import Offer


def over_limit(request) -> bool:
    """Count this attempt; True when the IP sent more than allowed in the hour."""
    return not ratelimit.allow("exchange-offer", ratelimit.client_ip(request),
                               settings.EXCHANGE_PUBLIC_OFFERS_PER_HOUR, 3600)


class PublicOfferView(View):
    template_name = "exchange/public_offer.html"

    def get(self, request):
        return render(request, self.template_name, {"form": PublicOfferForm()})

    def post(self, request):
        if over_limit(request):
            return render(request, self.template_name, {
                "form": PublicOfferForm(), "refused": _(
                    "Too many offers were sent from your connection. Please try again in an "
                    "hour or call the centre.")}, status=429)
        form = PublicOfferForm(request.POST, request.FILES)
        if form.is_bot():
            # A bot filled the hidden field: answer like a success, keep nothing.
            return render(request, "exchange/public_thanks.html", {})
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        data = dict(form.cleaned_data)
        services.create_offer(None, data, photos=data.pop("photos"),
                              source=Offer.Source.PUBLIC, consent=data.pop("consent"))
        return render(request, "exchange/public_thanks.html", {})


class DemandView(View):
    """Categories in demand, with counts only: no personal data."""

    def get(self, request):
        return render(request, "exchange/demand.html", {"rows": selectors.demand()})
