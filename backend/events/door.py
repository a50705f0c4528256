"""At the door (a volunteer's phone): scan the QR from the printed list or the SMS code,
or type it; one request checks the person in and issues their gift. Volunteers see the
first name, the code and the gift only (DESIGN §3)."""

from django.shortcuts import render
from django.views import View
from django.views.generic import TemplateView

from backend.common.errors import ServiceError
from backend.common.parsing import get_object_or_404
from backend.common.views import ProtectedMixin
from backend.distribution import participants as engine
from backend.inventory.scanning import parse_device_time

from . import services
from .forms import WalkInForm
from .models import Event


class DoorMixin(ProtectedMixin):
    permission_required = "distribution.check_in"

    def dispatch(self, request, pk, *args, **kwargs):
        self.event = get_object_or_404(Event.objects.select_related("distribution"), pk=pk)
        return super().dispatch(request, *args, **kwargs)


class CheckInPage(DoorMixin, TemplateView):
    template_name = "events/checkin.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "event": self.event,
                "walk_in_form": WalkInForm(event=self.event)}


def card(request, event, participant, outcome, status=200):
    response = render(request, "events/partials/checkin_card.html", {
        "event": event, "participant": participant, "outcome": outcome}, status=status)
    response["HX-Trigger"] = "scan-ok" if outcome.ok else "scan-error"
    return response


class CheckInScan(ProtectedMixin, View):
    """The scan itself: the event is not read (its id finds the participant in the same
    locked query) — the round trip stays at the framework's floor plus the work."""

    permission_required = "distribution.check_in"

    def post(self, request, pk: int):
        self.event = pk
        outcome = services.check_in(
            request.user, pk, code=request.POST.get("code", ""),
            nonce=request.POST.get("nonce", ""),
            device_time=parse_device_time(request.POST.get("device_time", "")))
        return card(request, self.event, outcome.participant, outcome)


class WalkIn(DoorMixin, View):
    """Register on the spot (if a place is free) and check in at once."""

    def post(self, request):
        form = WalkInForm(request.POST, event=self.event)
        if not form.is_valid():
            return card(request, self.event, None, engine.CheckInOutcome("invalid"), 422)
        try:
            participant = services.walk_in(
                request.user, self.event, form.cleaned_data["session"],
                first_name=form.cleaned_data["first_name"], age=form.cleaned_data["age"])
        except ServiceError as exc:
            return card(request, self.event, None, engine.CheckInOutcome(exc.code), 409)
        outcome = services.check_in(request.user, self.event, participant,
                                    nonce=request.POST.get("nonce", ""))
        return card(request, self.event, outcome.participant, outcome)
