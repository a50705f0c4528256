"""Day activities pages (Wakacje z MOPS-em): the programme of days of a session, one
day's sign-ups and attendance on a phone, the per-child summary. Work in days.py."""

import datetime as dt

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from backend.common.errors import ServiceError
from backend.common.parsing import get_object_or_404, int_or_none

from . import days
from .models import CampDay, DaySignup
from .views import SessionMixin


class Programme(SessionMixin, TemplateView):
    permission_required = "camps.view_campsession"
    template_name = "camps/days.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "camp": self.camp,
                "session": self.session, "days": days.programme(self.session),
                "summary": days.summary(self.session)}


class AddDay(SessionMixin, View):
    permission_required = "camps.change_campsession"

    def post(self, request):
        data = request.POST
        try:
            date = dt.date.fromisoformat(data.get("date", ""))
        except ValueError:
            messages.error(request, _("Give the date."))
            return redirect("camps:days", pk=self.camp.pk, sid=self.session.pk)
        try:
            days.add_day(request.user, self.session, date=date, title=data.get("title", ""),
                         capacity=int_or_none(data.get("capacity")) or 0,
                         activities=data.get("activities", ""))
        except ServiceError as exc:
            messages.error(request, exc.message)
        return redirect("camps:days", pk=self.camp.pk, sid=self.session.pk)


class DayMixin(SessionMixin):
    def dispatch(self, request, pk, sid, did, *args, **kwargs):
        self.day = get_object_or_404(CampDay.objects.filter(session_id=sid), pk=did)
        return super().dispatch(request, pk, sid, *args, **kwargs)


def _day_context(view) -> dict:
    signups = list(DaySignup.objects.filter(day=view.day).select_related(
        "application__child"))
    signed = {s.application_id for s in signups}
    return {"camp": view.camp, "session": view.session, "day": view.day,
            "signups": sorted(signups, key=lambda s: s.application.first_name),
            "present": sum(1 for s in signups if s.attended_at),
            "candidates": [a for a in days.eligible(view.session) if a.pk not in signed],
            "free": max(view.day.capacity - len(signups), 0)}


class DayPage(DayMixin, TemplateView):
    """One day on a phone: who is signed up, a tap marks a child present."""

    permission_required = "distribution.check_in"
    template_name = "camps/day.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **_day_context(self)}


class SignUp(DayMixin, View):
    permission_required = "camps.change_application"

    def post(self, request):
        application = get_object_or_404(days.eligible(self.session),
                                        pk=request.POST.get("application"))
        try:
            days.sign_up(request.user, self.day, application)
        except ServiceError as exc:
            messages.error(request, exc.message)
        return redirect(self.day)


class Present(DayMixin, View):
    permission_required = "distribution.check_in"

    def post(self, request, sgid: int):
        signup = get_object_or_404(DaySignup.objects.filter(day=self.day), pk=sgid)
        marked = days.mark_present(request.user, signup)
        if request.headers.get("HX-Request"):
            return render(request, "camps/partials/day_row.html",
                          {**_day_context(self), "s": signup, "just": marked})
        if not marked:
            messages.info(request, _("Already marked present."))
        return redirect(self.day)
