"""Home deliveries: the coordinator plans runs and reads failed drops; the driver's
phone page lists only their own stops (address, what to deliver) and confirms each at
the door by the household's code, or records why it failed."""

import datetime as dt
import secrets

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from backend.common.parsing import date_or_none, get_object_or_404
from backend.common.views import ProtectedMixin
from backend.inventory.scanning import parse_device_time

from . import delivery
from .models import DeliveryRun, DeliveryStop
from .views import DriveMixin


def drivers():
    User = get_user_model()
    perm = Q(groups__permissions__codename="hand_over") | Q(
        user_permissions__codename="hand_over")
    return User.objects.filter(perm, is_active=True).distinct().order_by("username")


class DeliveryPlan(DriveMixin, View):
    permission_required = "drives.change_drive"

    def get(self, request):
        runs = self.drive.delivery_runs.select_related("driver").prefetch_related(
            "stops__enrolment__household")
        return render(request, "drives/deliveries.html", {
            "drive": self.drive, "runs": runs, "candidates": delivery.deliverable(self.drive),
            "drivers": drivers(), "tomorrow": timezone.localdate() + dt.timedelta(days=1)})

    def post(self, request):
        driver = get_object_or_404(drivers(), pk=request.POST.get("driver") or 0)
        day = date_or_none(request.POST.get("date"))
        if day is None:
            messages.error(request, _("Choose the delivery day."))
            return redirect("drives:deliveries", pk=self.drive.pk)
        ids = [int(i) for i in request.POST.getlist("enrolment") if i.isdigit()]
        run = self.run_service(delivery.plan_run, request.user, self.drive, driver, day,
                               delivery.deliverable(self.drive).filter(pk__in=ids),
                               request.POST.get("notes", "")[:250])
        if run is not None:
            messages.success(request, _("Delivery run planned: %(n)s stops.") % {
                "n": run.stops.count()})
        return redirect("drives:deliveries", pk=self.drive.pk)


def _my_stop(request, pk) -> DeliveryStop:
    return get_object_or_404(DeliveryStop.objects.select_related(
        "run__drive__distribution", "enrolment__household"), pk=pk, run__driver=request.user)


class MyDeliveries(ProtectedMixin, View):
    """The driver's day: only their own stops."""

    permission_required = "distribution.hand_over"

    def get(self, request):
        day = date_or_none(request.GET.get("date")) or timezone.localdate()
        stops = (DeliveryStop.objects.filter(run__driver=request.user, run__date=day)
                 .select_related("run__drive", "enrolment__household")
                 .prefetch_related("enrolment__allocations__item"))
        return render(request, "drives/my_deliveries.html", {
            "day": day, "stops": stops, "reasons": DeliveryStop.Reason.choices,
            "nonce": secrets.token_hex(8)})


class StopAction(ProtectedMixin, View):
    permission_required = "distribution.hand_over"

    def post(self, request, pk, action):
        stop = _my_stop(request, pk)
        if action == "deliver":
            outcome = delivery.deliver(
                request.user, stop, request.POST.get("code", ""),
                nonce=request.POST.get("nonce", ""),
                device_time=parse_device_time(request.POST.get("device_time", "")))
            if outcome.code == "wrong_code":
                messages.error(request, _("This is not this household's code."))
            elif outcome.ok:
                messages.success(request, _("Delivered."))
            else:
                messages.warning(request, outcome.message)
        elif action == "fail":
            if self.run_service(delivery.fail, request.user, stop,
                                request.POST.get("reason", ""), request.POST.get("note", "")):
                messages.info(request, _("Recorded: not delivered."))
        else:
            raise Http404
        return redirect(f"{_url('drives:my_deliveries')}?date={stop.run.date.isoformat()}")


def _url(name: str) -> str:
    from django.urls import reverse

    return reverse(name)


__all__ = ["DeliveryPlan", "MyDeliveries", "StopAction", "DeliveryRun"]
