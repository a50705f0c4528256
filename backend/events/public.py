"""Public pledge pages (no log-in): anonymised wishes only — who (girl/boy/child, age)
and what; never a name, an address or a household."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.views import View

from backend.common import ratelimit
from backend.common.errors import ServiceError
from backend.common.parsing import get_object_or_404

from . import pledges
from .forms import PledgeForm
from .models import Event, Pledge


def _limited(request) -> bool:
    """Count this pledge on the shared limiter (docs/decisions/0052); True when the visitor's
    address sent more than EVENTS_PUBLIC_PLEDGES_PER_HOUR in the hour."""
    return not ratelimit.allow("event-pledge", ratelimit.client_ip(request),
                               settings.EVENTS_PUBLIC_PLEDGES_PER_HOUR, 3600)


class PledgePage(View):
    def _event(self, pk):
        return get_object_or_404(Event, pk=pk, status__in=[
            Event.Status.PLANNED, Event.Status.REGISTRATION, Event.Status.CLOSED])

    def get(self, request, pk: int):
        event = self._event(pk)
        return render(request, "events/public_pledge.html", {
            "event": event, "wishes": pledges.public_wishes(event), "form": PledgeForm()})

    def post(self, request, pk: int):
        event = self._event(pk)
        form = PledgeForm(request.POST)
        chosen = [int(i) for i in request.POST.getlist("wish") if i.isdigit()]
        error = ""
        if form.is_valid() and not form.cleaned_data.get("website"):
            if _limited(request):
                error = "rate"
            else:
                try:
                    made = pledges.pledge(event, chosen, **{
                        k: form.cleaned_data[k] for k in ("name", "email", "phone",
                                                          "wants_receipt")})
                    return render(request, "events/public_pledge_done.html",
                                  {"event": event, "pledge": made,
                                   "wishes": made.wishes.all()})
                except ServiceError as exc:
                    error = exc.message
        return render(request, "events/public_pledge.html", {
            "event": event, "wishes": pledges.public_wishes(event), "form": form,
            "error": error, "chosen": chosen}, status=422)


class PledgeLabels(View):
    """The donor's QR label sheet, by the pledge's unguessable token."""

    def get(self, request, token: str):
        made = get_object_or_404(Pledge.objects.select_related("event"), token=token)
        response = HttpResponse(pledges.labels_pdf(made), content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="etykiety-prezenty.pdf"'
        return response
