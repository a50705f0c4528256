"""Pages without log-in: the resident's offer form and "czego potrzebujemy"."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import View

from . import selectors, services
from .forms import PublicOfferForm
from .models import Offer


def _rate_key(request) -> str:
    ip = request.META.get("REMOTE_ADDR", "")
    # Hashed: the cache must not hold IP addresses in clear.
    return "exchange-offer:" + hashlib.sha256(ip.encode()).hexdigest()[:32]


def over_limit(request) -> bool:
    """Count this attempt; True when the IP sent more than allowed in the window."""
    limit = int(getattr(settings, "EXCHANGE_PUBLIC_OFFERS_PER_HOUR", 5))
    key = _rate_key(request)
    if cache.add(key, 1, 3600):
        return False
    try:
        return cache.incr(key) > limit
    except ValueError:
        cache.set(key, 1, 3600)
        return False


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
