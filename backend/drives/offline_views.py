"""Offline hand-over (docs/decisions/0110): the day's list for a phone, the sync of its
queue, and the coordinator's page of conflicts. Thin: backend.distribution.offline works."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from backend.common.errors import ServiceError
from backend.common.parsing import get_object_or_404
from backend.distribution import offline
from backend.distribution.models import HandOverConflict
from backend.inventory.scanning import parse_device_time

from .views import DriveMixin, _chosen_site


def _scoped_site(request, drive):
    """The chosen hand-over site, which must be one of the user's sites when they have any
    (a volunteer of one pickup point does not download another's list)."""
    site, _sites = _chosen_site(request, drive)
    if site is None:
        return None
    mine = set(request.user.sites.values_list("pk", flat=True))
    if mine and site.pk not in mine and not request.user.has_perm("distribution.change_handover"):
        raise PermissionDenied
    return site


class HandOverDayList(DriveMixin, View):
    """GET: today's list for the chosen site, as JSON for the phone's IndexedDB."""

    permission_required = "distribution.hand_over"

    def get(self, request):
        site = _scoped_site(request, self.drive)
        if site is None:
            return JsonResponse({"code": "site_required",
                                 "message": _("Choose the site where you hand over.")},
                                status=409)
        day = timezone.localdate()
        rows = offline.day_list(self.drive.distribution, site, day)
        response = JsonResponse({"drive": self.drive.pk, "site": site.pk, "day": day.isoformat(),
                                 "rows": rows})
        response["Cache-Control"] = "no-store"  # personal: never in a shared or SW cache
        return response


class HandOverSync(DriveMixin, View):
    """POST one queued offline hand-over: code, nonce, device_time (site). JSON answer."""

    permission_required = "distribution.hand_over"

    def post(self, request):
        if self.drive.is_closed:
            raise PermissionDenied
        site = _scoped_site(request, self.drive)
        try:
            done = offline.sync_handover(
                request.user, self.drive.distribution, request.POST.get("code", ""),
                nonce=request.POST.get("nonce", ""),
                device_time=parse_device_time(request.POST.get("device_time", "")), site=site)
        except ServiceError as error:
            return JsonResponse({"result": error.code, "message": error.message}, status=409)
        return JsonResponse({"result": done.result, "message": done.message,
                             "conflict": done.conflict.pk if done.conflict else None})


class ConflictList(DriveMixin, TemplateView):
    """The coordinator's page: both records of each code handed over twice."""

    permission_required = "distribution.change_handover"
    template_name = "drives/conflicts.html"

    def get_context_data(self, **kwargs):
        conflicts = list(offline.open_conflicts(self.drive.distribution))
        for conflict in conflicts:
            conflict.records = offline.handed_over_twice(conflict)
        return {**super().get_context_data(**kwargs), "drive": self.drive,
                "conflicts": conflicts, "choices": HandOverConflict.Resolution.choices[1:]}


class ConflictResolve(DriveMixin, View):
    permission_required = "distribution.change_handover"

    def post(self, request, conflict_id: int):
        conflict = get_object_or_404(HandOverConflict, pk=conflict_id,
                                     enrolment__distribution=self.drive.distribution)
        if self.run_service(offline.resolve_conflict, request.user, conflict,
                            request.POST.get("resolution", ""), request.POST.get("note", "")):
            messages.success(request, _("Conflict resolved."))
        return redirect("drives:conflicts", self.drive.pk)
