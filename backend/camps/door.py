"""At the meeting point (a phone): scan the QR from the bus list or the SMS code, or type
it; the child is on board. Volunteers see first name, code and status only."""

from django.shortcuts import render
from django.views import View
from django.views.generic import TemplateView

from backend.common.parsing import get_object_or_404
from backend.common.views import ProtectedMixin
from backend.inventory.scanning import parse_device_time

from . import selectors, services
from .models import CampSession


class BusMixin(ProtectedMixin):
    permission_required = "distribution.check_in"

    def dispatch(self, request, pk, sid, *args, **kwargs):
        self.session = get_object_or_404(CampSession.objects.select_related("camp"),
                                         pk=sid, camp_id=pk)
        return super().dispatch(request, *args, **kwargs)


class BusPage(BusMixin, TemplateView):
    template_name = "camps/bus.html"

    def get_context_data(self, **kwargs):
        rows = selectors.bus_list(self.session)
        return {**super().get_context_data(**kwargs), "session": self.session,
                "camp": self.session.camp, "rows": rows,
                "on_board": sum(1 for r in rows if r.status == "checked_in")}


class BusScan(BusMixin, View):
    def post(self, request):
        outcome = services.check_in(
            request.user, self.session, code=request.POST.get("code", ""),
            nonce=request.POST.get("nonce", ""),
            device_time=parse_device_time(request.POST.get("device_time", "")))
        rows = selectors.bus_list(self.session)
        response = render(request, "camps/partials/bus_card.html", {
            "outcome": outcome, "participant": outcome.participant, "rows": rows,
            "session": self.session,
            "on_board": sum(1 for r in rows if r.status == "checked_in")})
        response["HX-Trigger"] = "scan-ok" if outcome.ok else "scan-error"
        return response
