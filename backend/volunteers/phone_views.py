"""Volunteer pages (phone first) and the pages without log-in: the sign-up form and the
one-time log-in link."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from backend.common import ratelimit
from backend.common.errors import ServiceError
from backend.common.parsing import get_object_or_404
from backend.common.views import ProtectedMixin

from . import attendance, login_links, selectors, services, standards
from .forms import PublicApplyForm, ScanForm
from .models import Shift, ShiftRole, ShiftSignup

TAKE = "volunteers.view_shift"


def over_limit(request) -> bool:
    """Count this application on the shared limiter (docs/decisions/0052)."""
    return not ratelimit.allow("volunteer-apply", ratelimit.client_ip(request),
                               settings.VOLUNTEER_PUBLIC_APPLICATIONS_PER_HOUR, 3600)


class ApplyView(View):
    template_name = "volunteers/apply.html"

    def get(self, request):
        return render(request, self.template_name, {"form": PublicApplyForm()})

    def post(self, request):
        if over_limit(request):
            return render(request, self.template_name, {"form": PublicApplyForm(), "refused": _(
                "Too many applications were sent from your connection. Please try again in "
                "an hour or call the centre.")}, status=429)
        form = PublicApplyForm(request.POST)
        if form.is_bot():
            return render(request, "volunteers/apply_thanks.html", {})
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        data = dict(form.cleaned_data)
        data.pop("website", None)
        try:
            services.apply(data)
        except ServiceError as err:
            form.add_error(None, err.message)
            return render(request, self.template_name, {"form": form}, status=400)
        return render(request, "volunteers/apply_thanks.html", {})


class LoginLinkView(View):
    """GET shows a button (link previewers must not spend the link); POST logs in."""

    def get(self, request, token):
        user = login_links.user_for(token)
        return render(request, "volunteers/login_link.html", {"valid": user is not None},
                      status=200 if user else 410)

    def post(self, request, token):
        user = login_links.user_for(token)
        if user is None:
            return render(request, "volunteers/login_link.html", {"valid": False}, status=410)
        login(request, user, backend="backend.accounts.backends.PermissionBackend")
        return redirect("volunteers:my_shifts")


class VolunteerMixin(ProtectedMixin):
    permission_required = TAKE

    def dispatch(self, request, *args, **kwargs):
        self.profile = selectors.profile_for(request.user)
        return super().dispatch(request, *args, **kwargs)


class MyShiftsView(VolunteerMixin, View):
    def get(self, request):
        if self.profile is None:
            if request.user.has_perm("volunteers.manage_volunteers"):
                return redirect("volunteers:shift_list")
            return render(request, "volunteers/no_profile.html", status=200)
        offers = selectors.open_for(self.profile, with_blocked=True)
        return render(request, "volunteers/my_shifts.html", {
            "profile": self.profile, "signups": selectors.my_signups(self.profile),
            "offers": [o for o in offers if not o.reason],
            "blocked": [o for o in offers if o.reason],
            "standards_unread": standards.unread(self.profile)})


class SignUpView(VolunteerMixin, View):
    def post(self, request, pk):
        role = get_object_or_404(ShiftRole.objects.select_related("shift"), pk=pk)
        if self.profile is None:
            messages.error(request, _("You have no volunteer profile."))
        elif self.run_service(services.sign_up, self.profile, role) is not None:
            messages.success(request, _("Signed up: %(shift)s, %(role)s.") % {
                "shift": role.shift.title, "role": role.name})
        return redirect("volunteers:my_shifts")


class CancelView(VolunteerMixin, View):
    def post(self, request, pk):
        signup = get_object_or_404(ShiftSignup, pk=pk, volunteer__user=request.user)
        if self.run_service(services.cancel, request.user, signup) is not None:
            messages.success(request, _("Cancelled."))
        return redirect("volunteers:my_shifts")


SCAN_MESSAGES = {
    "checked_in": _("Checked in. Thank you for coming!"),
    "checked_out": _("Checked out. Thank you!"),
    "already_checked_in": _("You are already checked in."),
    "already_checked_out": _("You have already checked out."),
}


def shift_for_code(code: str) -> Shift | None:
    """The shift's QR holds BASE_URL/volunteers/c/<token>/; a bare token works too."""
    token = code.strip().rstrip("/").rsplit("/", 1)[-1].upper()
    return Shift.objects.filter(token=token).first() if token else None


class ScanPageView(VolunteerMixin, View):
    def get(self, request):
        return render(request, "volunteers/scan.html", {"profile": self.profile})


class ScanView(VolunteerMixin, View):
    """The scanner's form (htmx): check in or out of the scanned shift."""

    def post(self, request):
        form = ScanForm(request.POST)
        shift = shift_for_code(form.data.get("code", "")) if form.is_valid() else None
        context = {"ok": False}
        if shift is None:
            context["message"] = _("This is not a shift's check-in code.")
        elif self.profile is None:
            context["message"] = _("You have no volunteer profile.")
        else:
            try:
                signup, what = attendance.scan(self.profile, shift)
            except ServiceError as err:
                context.update(message=err.message, code=err.code, shift=shift)
            else:
                context.update(ok=True, message=SCAN_MESSAGES[what], code=what, shift=shift,
                               signup=signup)
        response = render(request, "volunteers/partials/scan_result.html", context)
        response["HX-Trigger"] = "scan-ok" if context["ok"] else "scan-error"
        return response


class CheckinView(VolunteerMixin, View):
    """Where a phone's own camera lands from the QR on the wall: one tap to check in/out."""

    def get(self, request, token):
        shift = get_object_or_404(Shift, token=token)
        signup = (ShiftSignup.objects.filter(shift=shift, volunteer=self.profile)
                  .exclude(status=ShiftSignup.Status.CANCELLED).first()
                  if self.profile else None)
        return render(request, "volunteers/checkin.html", {"shift": shift, "signup": signup})

    def post(self, request, token):
        shift = get_object_or_404(Shift, token=token)
        if self.profile is None:
            messages.error(request, _("You have no volunteer profile."))
            return redirect("volunteers:my_shifts")
        try:
            _signup, what = attendance.scan(self.profile, shift)
        except ServiceError as err:
            messages.error(request, err.message)
        else:
            messages.success(request, SCAN_MESSAGES[what])
        return redirect("volunteers:my_shifts")
