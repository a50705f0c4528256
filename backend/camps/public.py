"""The parents' short public form (no login): kept as typed, a social worker verifies it
and links the child from the registry before it can qualify."""

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import View

from backend.common import ratelimit
from backend.common.parsing import get_object_or_404

from . import services
from .forms import PublicApplicationForm
from .models import Camp


class PublicApply(View):
    def _camp(self, pk):
        return get_object_or_404(Camp, pk=pk)

    def get(self, request, pk: int):
        camp = self._camp(pk)
        return render(request, "camps/public_apply.html", {
            "camp": camp, "form": PublicApplicationForm(sessions=camp.sessions.all())})

    def post(self, request, pk: int):
        camp = self._camp(pk)
        if not ratelimit.allow("camp-apply", ratelimit.client_ip(request),
                               settings.CAMPS_PUBLIC_APPLICATIONS_PER_HOUR, 3600):
            return render(request, "camps/public_apply.html", {
                "camp": camp, "form": PublicApplicationForm(sessions=camp.sessions.all()),
                "refused": _("Too many applications were sent from your connection. Please "
                             "try again in an hour or call the centre.")}, status=429)
        form = PublicApplicationForm(request.POST, sessions=camp.sessions.all())
        if not form.is_valid():
            return render(request, "camps/public_apply.html", {"camp": camp, "form": form},
                          status=422)
        data = dict(form.cleaned_data)
        services.submit_public(camp, preferences=data.pop("preferences"), **data)
        return render(request, "camps/public_apply_done.html", {"camp": camp})
