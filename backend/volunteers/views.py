"""Coordinator pages: shifts at a glance, a shift with its people and attendance, the
volunteers list and profile (documents, vetting), the intervention log. Thin: services work."""

import base64
import datetime as dt

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from backend.accounts.audit import history_for
from backend.common.errors import ServiceError
from backend.common.parsing import date_or_none, get_object_or_404, int_or_none
from backend.common.views import ObjectListView, ProtectedMixin, back_to
from backend.inventory.qr import qr_png

from . import attendance, documents, privacy, reminders, selectors, services, standards
from .filters import ShiftFilterSet, VolunteerFilterSet
from .forms import (
    AssignForm,
    CheckForm,
    CorrectionForm,
    DocumentsForm,
    InterventionForm,
    ProfileForm,
    RoleFormSet,
    ShiftForm,
    StandardsForm,
)
from .models import Intervention, Programme, Shift, ShiftRole, ShiftSignup, VolunteerProfile

MANAGE = "volunteers.manage_volunteers"


class HomeView(ProtectedMixin, View):
    permission_required = "volunteers.view_shift"

    def get(self, request):
        if request.user.has_perm(MANAGE):
            return redirect("volunteers:shift_list")
        return redirect("volunteers:my_shifts")


class ShiftListView(ObjectListView):
    permission_required = MANAGE
    filterset_class = ShiftFilterSet
    template_name = "volunteers/shift_list.html"
    table_template = "volunteers/partials/shift_table.html"

    def get_queryset(self):
        return selectors.shifts_with_staffing(selectors.upcoming())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for shift in context["object_list"]:
            shift.staffing = selectors.staffing(shift)
        context["flags"] = selectors.vetting_flags()
        context["open_attendance"] = selectors.open_attendance()
        context["expiring"] = selectors.expiring_checks()
        return context


class ShiftCreateView(ProtectedMixin, View):
    permission_required = MANAGE

    def get(self, request):
        initial = {"weeks": 1}
        event = int_or_none(request.GET.get("event"))
        if event:  # "add a shift" from an event's page
            initial.update(kind=Programme.EVENT, event=event)
        return render(request, "volunteers/shift_form.html",
                      {"form": ShiftForm(initial=initial), "roles": RoleFormSet()})

    def post(self, request):
        form, role_forms = ShiftForm(request.POST), RoleFormSet(request.POST)
        if not (form.is_valid() and role_forms.is_valid()):
            return render(request, "volunteers/shift_form.html",
                          {"form": form, "roles": role_forms}, status=400)
        data = dict(form.cleaned_data)
        weeks = data.pop("weeks") or 1
        data["programme"] = data.pop("event", None)
        specs = [f.cleaned_data for f in role_forms if f.cleaned_data.get("name")]
        shifts = services.create_shift(request.user, roles=specs, weeks=weeks, **data)
        messages.success(request, _("%(n)s shift(s) created.") % {"n": len(shifts)})
        return redirect(shifts[0])


def _shift_context(request, shift: Shift) -> dict:
    roles = list(selectors.roles_with_counts().filter(shift=shift))
    signups = (ShiftSignup.objects.filter(shift=shift).select_related("volunteer", "role")
               .prefetch_related("volunteer__checks").order_by("role_id", "created_at"))
    for role in roles:
        role.people = [s for s in signups if s.role_id == role.pk]
        role.missing = selectors.missing_people(role)
    shift.role_list = roles
    return {"shift": shift, "roles": roles, "staffing": selectors.staffing(shift),
            "assign_form": AssignForm(), "correction_form": CorrectionForm()}


class ShiftDetailView(ProtectedMixin, View):
    permission_required = MANAGE

    def get(self, request, pk):
        shift = get_object_or_404(Shift.objects.select_related("site", "drive"), pk=pk)
        return render(request, "volunteers/shift_detail.html", _shift_context(request, shift))


class AssignView(ProtectedMixin, View):
    permission_required = MANAGE

    def post(self, request, pk):
        role = get_object_or_404(ShiftRole.objects.select_related("shift"), pk=pk)
        form = AssignForm(request.POST)
        if form.is_valid() and self.run_service(services.assign, request.user,
                                                form.cleaned_data["volunteer"], role):
            messages.success(request, _("Assigned."))
        elif not form.is_valid():
            messages.error(request, _("Choose a volunteer."))
        return redirect(role.shift)


class SignupActionView(ProtectedMixin, View):
    """Coordinator actions on one sign-up: drop (cancel), no-show, mark present, close, correct."""

    permission_required = MANAGE

    def post(self, request, pk, action):
        signup = get_object_or_404(ShiftSignup.objects.select_related("shift"), pk=pk)
        user = request.user
        if action == "drop":
            done = self.run_service(services.cancel, user, signup, by_coordinator=True)
        elif action == "no_show":
            done = self.run_service(services.mark_no_show, user, signup)
        elif action == "mark":
            done = self.run_service(attendance.mark, user, signup,
                                    checked_out_at=signup.shift.ends_at)
        elif action == "close":
            done = self.run_service(attendance.close_forgotten, user, signup)
        elif action == "correct":
            form = CorrectionForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Check the times and give a reason."))
                return redirect(signup.shift)
            done = self.run_service(attendance.correct, user, signup, **form.cleaned_data)
        else:
            raise PermissionDenied
        if done is not None:
            messages.success(request, _("Saved."))
        return back_to(request, signup.shift.get_absolute_url())


class AskHelpView(ProtectedMixin, View):
    """A bulk SMS: GET shows who would get what; POST sends."""

    permission_required = MANAGE

    def get(self, request, pk):
        shift = get_object_or_404(Shift, pk=pk)
        plan = [(role, missing, people, reminders.help_text(role, missing))
                for role, missing, people in reminders.help_plan(shift)]
        return render(request, "volunteers/ask_help.html", {"shift": shift, "plan": plan})

    def post(self, request, pk):
        shift = get_object_or_404(Shift, pk=pk)
        count = reminders.ask_for_help(shift)
        messages.success(request, _("%(n)s SMS queued.") % {"n": count})
        return redirect(shift)


class ShiftQrView(ProtectedMixin, View):
    """A printable A4 page with the shift's check-in QR for the wall."""

    permission_required = MANAGE

    def get(self, request, pk):
        shift = get_object_or_404(Shift.objects.select_related("site"), pk=pk)
        png = base64.b64encode(qr_png(shift.checkin_url(), box_size=12)).decode()
        return render(request, "volunteers/shift_qr.html", {"shift": shift, "qr": png})


class VolunteerListView(ObjectListView):
    permission_required = "volunteers.view_volunteerprofile"
    filterset_class = VolunteerFilterSet
    template_name = "volunteers/volunteer_list.html"
    table_template = "volunteers/partials/volunteer_table.html"

    def get_queryset(self):
        return VolunteerProfile.objects.prefetch_related("checks")


class VolunteerCreateView(ProtectedMixin, View):
    permission_required = "volunteers.add_volunteerprofile"

    def get(self, request):
        return render(request, "volunteers/profile_form.html", {"form": ProfileForm()})

    def post(self, request):
        form = ProfileForm(request.POST)
        if not form.is_valid():
            return render(request, "volunteers/profile_form.html", {"form": form}, status=400)
        try:
            profile = services.apply(form.cleaned_data, actor=request.user)
        except ServiceError as err:  # shown, then the page continues
            form.add_error(None, err.message)
            return render(request, "volunteers/profile_form.html", {"form": form}, status=400)
        return redirect(profile)


class VolunteerEditView(ProtectedMixin, View):
    permission_required = "volunteers.change_volunteerprofile"

    def get(self, request, pk):
        profile = get_object_or_404(VolunteerProfile, pk=pk)
        return render(request, "volunteers/profile_form.html",
                      {"form": ProfileForm(instance=profile), "profile": profile})

    def post(self, request, pk):
        profile = get_object_or_404(VolunteerProfile, pk=pk)
        form = ProfileForm(request.POST, instance=VolunteerProfile.objects.get(pk=pk))
        if not form.is_valid():
            return render(request, "volunteers/profile_form.html",
                          {"form": form, "profile": profile}, status=400)
        services.update_profile(request.user, profile, form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect(profile)


class VolunteerDetailView(ProtectedMixin, View):
    permission_required = "volunteers.view_volunteerprofile"

    def get(self, request, pk):
        profile = get_object_or_404(VolunteerProfile.objects.prefetch_related("checks"), pk=pk)
        signups = (ShiftSignup.objects.filter(volunteer=profile)
                   .select_related("shift", "role").order_by("-shift__starts_at")[:50])
        total = sum(s.minutes or 0 for s in selectors.hours_of(profile))
        return render(request, "volunteers/profile_detail.html", {
            "profile": profile, "signups": signups, "total_hours": round(total / 60, 2),
            "documents_form": DocumentsForm(instance=profile), "check_form": CheckForm(),
            "cleared_today": profile.is_cleared_for_children(),
            "standards_read_at": standards.acknowledged_on(profile, standards.current()),
            "history": history_for(profile)[:30]})


class VolunteerActionView(ProtectedMixin, View):
    permission_required = MANAGE

    def post(self, request, pk, action):
        profile = get_object_or_404(VolunteerProfile, pk=pk)
        if action == "accept":
            services.accept(request.user, profile)
            messages.success(request, _("Accepted: a log-in link was sent."))
        elif action == "deactivate":
            services.deactivate(request.user, profile)
            messages.success(request, _("Marked inactive."))
        elif action == "send_link" and profile.user_id:
            from . import login_links

            login_links.send(profile, purpose="volunteer_login",
                             version=int(profile.updated_at.timestamp()))
            messages.success(request, _("A log-in link was sent."))
        elif action == "anonymise":
            privacy.anonymise(request.user, profile)
            messages.success(request, _("The volunteer's personal data was erased; the hours "
                                        "stay in the statistics."))
        elif action == "documents":
            form = DocumentsForm(request.POST, instance=VolunteerProfile.objects.get(pk=pk))
            if form.is_valid():
                services.sign_documents(request.user, profile, **form.cleaned_data)
                messages.success(request, _("Saved."))
            else:
                messages.error(request, _("Check the dates."))
        elif action == "check":
            if not request.user.has_perm("volunteers.vet_volunteers"):
                raise PermissionDenied
            form = CheckForm(request.POST)
            if form.is_valid():
                services.record_check(request.user, profile, form.cleaned_data)
                messages.success(request, _("Child-safety check recorded."))
            else:
                messages.error(request, "; ".join(e for errs in form.errors.values()
                                                  for e in errs))
        else:
            raise PermissionDenied
        return redirect(profile)


class VolunteerExportView(ProtectedMixin, View):
    """Right of access: everything held about the volunteer, as JSON."""

    permission_required = MANAGE

    def get(self, request, pk):
        profile = get_object_or_404(VolunteerProfile, pk=pk)
        response = JsonResponse(privacy.export(request.user, profile),
                                json_dumps_params={"ensure_ascii": False, "indent": 1})
        response["Content-Disposition"] = f'attachment; filename="wolontariusz-{pk}.json"'
        return response


class DocumentView(ProtectedMixin, View):
    permission_required = "volunteers.view_volunteerprofile"

    def get(self, request, pk, kind):
        profile = get_object_or_404(VolunteerProfile, pk=pk)
        if kind not in documents.KINDS:
            raise PermissionDenied
        pdf, filename = documents.render(kind, profile)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        return response


class HoursReportView(ProtectedMixin, View):
    """Hours per programme and per volunteer in a period (default: this year)."""

    permission_required = "volunteers.view_shiftsignup"

    def get(self, request):
        today = timezone.localdate()
        start = date_or_none(request.GET.get("date_from")) or today.replace(month=1, day=1)
        end = date_or_none(request.GET.get("date_to")) or today
        labels = dict(Programme.choices)
        programmes = [{**row, "label": labels.get(row["shift__kind"], row["shift__kind"]),
                       "hours": row["minutes"] / 60}
                      for row in selectors.hours_by_programme(start, end)]
        people = [{**row, "hours": row["minutes"] / 60}
                  for row in selectors.hours_by_volunteer(start, end)]
        return render(request, "volunteers/hours.html", {
            "start": start, "end": end, "programmes": programmes, "people": people,
            "total": sum(r["hours"] for r in programmes)})


class InterventionListView(ProtectedMixin, View):
    permission_required = "volunteers.view_intervention"

    def get(self, request):
        return render(request, "volunteers/interventions.html", {
            "entries": Intervention.objects.select_related("volunteer", "recorded_by")[:200],
            "form": InterventionForm() if request.user.has_perm(
                "volunteers.add_intervention") else None})

    def post(self, request):
        if not request.user.has_perm("volunteers.add_intervention"):
            raise PermissionDenied
        form = InterventionForm(request.POST)
        if form.is_valid():
            services.log_intervention(request.user, form.cleaned_data)
            messages.success(request, _("Saved."))
            return redirect("volunteers:interventions")
        return render(request, "volunteers/interventions.html", {
            "entries": Intervention.objects.all()[:200], "form": form}, status=400)


class StandardsView(LoginRequiredMixin, View):
    """The centre's child-protection standards: every staff member and volunteer reads
    them (and a volunteer confirms reading); coordinators adopt a new version."""

    ADOPT = "volunteers.add_protectionstandards"

    def context(self, request, form=None):
        current = standards.current()
        profile = VolunteerProfile.objects.filter(user=request.user).first()
        can_adopt = request.user.has_perm(self.ADOPT)
        if can_adopt and form is None:
            today = timezone.localdate()
            form = StandardsForm(initial={
                "adopted_on": today, "next_review_on": today + dt.timedelta(days=730),
                "responsible": current.responsible if current else "",
                "text": current.text if current else standards.outline()})
        return {"standards": current, "profile": profile,
                "acknowledged_at": standards.acknowledged_on(profile, current)
                if profile else None,
                "form": form if can_adopt else None,
                "history": standards.history() if can_adopt else None,
                "missing": standards.not_acknowledged(current)[:100]
                if can_adopt and current else None,
                "overdue": standards.review_overdue()}

    def get(self, request):
        return render(request, "volunteers/standards.html", self.context(request))

    def post(self, request):
        current = standards.current()
        if request.POST.get("action") == "acknowledge":
            profile = VolunteerProfile.objects.filter(user=request.user).first()
            if profile is None or current is None:
                raise PermissionDenied
            standards.acknowledge(profile, current)
            messages.success(request, _("Thank you: your reading of the standards is "
                                        "recorded."))
            return redirect("volunteers:standards")
        if not request.user.has_perm(self.ADOPT):
            raise PermissionDenied
        form = StandardsForm(request.POST)
        if form.is_valid():
            try:
                made = standards.adopt(request.user, **form.cleaned_data)
            except standards.StandardsError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Version %(v)s of the standards adopted.")
                                 % {"v": made.version})
                return redirect("volunteers:standards")
        return render(request, "volunteers/standards.html", self.context(request, form),
                      status=400)
