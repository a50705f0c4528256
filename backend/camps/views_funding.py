"""Funding pages: sponsors of a camp's sessions, the thank-you letter, equipment from
stock reserved per child (handed over at the bus check-in). Work in funding.py."""

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from backend.common.errors import ServiceError
from backend.common.parsing import get_object_or_404, int_or_none
from backend.inventory.models import Item
from backend.people.models import Donor

from . import funding, letters
from .models import Application, Sponsorship
from .views import CampMixin


def _decimal(value) -> Decimal:
    try:
        number = Decimal(str(value or "0").replace(",", ".").replace(" ", ""))
    except InvalidOperation:
        return Decimal("-1")
    return number if number.is_finite() else Decimal("-1")


class Funding(CampMixin, TemplateView):
    permission_required = "camps.change_campsession"
    template_name = "camps/funding.html"

    def get_context_data(self, **kwargs):
        sessions = list(self.camp.sessions.all())
        for session in sessions:
            session.given = funding.session_funding(session)
            session.sponsor_rows = list(session.sponsorships.select_related("donor"))
            session.outfit_rows = list(funding.outfits(session))
        return {**super().get_context_data(**kwargs), "camp": self.camp,
                "sessions": sessions, "donors": Donor.objects.all()[:200],
                "items": Item.objects.order_by("name")[:200],
                "placed": Application.objects.filter(
                    camp=self.camp, participant__status__in=["registered", "offered"])
                .select_related("child")}


class FundingAction(CampMixin, View):
    permission_required = "camps.change_campsession"

    def post(self, request, action: str):
        data = request.POST
        try:
            if action == "sponsor":
                session = get_object_or_404(self.camp.sessions, pk=data.get("session"))
                donor = get_object_or_404(Donor, pk=data.get("donor"))
                funding.add_sponsorship(request.user, session, donor,
                                        amount=_decimal(data.get("amount")),
                                        places=int_or_none(data.get("places")) or 0,
                                        purpose=data.get("purpose", ""))
                messages.success(request, _("Sponsorship recorded."))
            elif action == "outfit":
                application = get_object_or_404(
                    Application.objects.filter(camp=self.camp), pk=data.get("application"))
                item = get_object_or_404(Item, pk=data.get("item"))
                quantity = _decimal(data.get("quantity") or "1")
                if quantity <= 0:
                    raise funding.FundingError(_("Give a quantity."), "bad_quantity")
                funding.reserve_outfit(request.user, application, item, quantity)
                messages.success(request, _("Reserved; handed over at the bus check-in."))
        except ServiceError as exc:
            messages.error(request, exc.message)
        return redirect("camps:funding", pk=self.camp.pk)


class ThankYouPdf(CampMixin, View):
    permission_required = "camps.change_campsession"

    def get(self, request, spid: int):
        sponsorship = get_object_or_404(Sponsorship.objects.select_related(
            "donor", "session"), pk=spid, session__camp=self.camp)
        response = HttpResponse(letters.thank_you_pdf(sponsorship),
                                content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="podziekowanie.pdf"'
        return response
