"""At the meeting point (a phone): scan the QR from the bus list or the SMS code, or type
it; the child is on board. Volunteers see first name, code and status only. Two legs:
departure (the engine's check-in) and `?leg=return`, the bus home (ReturnBoarding)."""

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


RETURN = "return"


def _board(session, leg: str) -> dict:
    rows = selectors.return_list(session) if leg == RETURN else selectors.bus_list(session)
    return {"rows": rows, "on_board": sum(1 for r in rows if r.aboard), "leg": leg}


class BusPage(BusMixin, TemplateView):
    template_name = "camps/bus.html"

    def get_context_data(self, **kwargs):
        leg = RETURN if self.request.GET.get("leg") == RETURN else "departure"
        return {**super().get_context_data(**kwargs), "session": self.session,
                "camp": self.session.camp, **_board(self.session, leg)}


class BusScan(BusMixin, View):
    def post(self, request):
        leg = RETURN if request.POST.get("leg") == RETURN else "departure"
        check = services.check_in_return if leg == RETURN else services.check_in
        outcome = check(
            request.user, self.session, code=request.POST.get("code", ""),
            nonce=request.POST.get("nonce", ""),
            device_time=parse_device_time(request.POST.get("device_time", "")))
        response = render(request, "camps/partials/bus_card.html", {
            "outcome": outcome, "participant": outcome.participant,
            "session": self.session, **_board(self.session, leg)})
        response["HX-Trigger"] = "scan-ok" if outcome.ok else "scan-error"
        return response
