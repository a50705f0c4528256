from django.contrib import messages
from django.forms.utils import ErrorDict
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from backend.accounts import audit
from backend.accounts.models import AuditEntry
from backend.common.formsets import added_row, wants_row
from backend.common.parsing import get_object_or_404
from backend.common.views import ObjectDetailView, ObjectEditView, ObjectListView, ProtectedMixin

from . import selectors, services
from .filters import DonorFilterSet, HouseholdFilterSet
from .forms import (
    DonorForm,
    DuplicateConfirmForm,
    HouseholdForm,
    MemberFormSet,
    PersonForm,
)
from .models import Donor


class HouseholdListView(ObjectListView):
    permission_required = "people.view_household"
    filterset_class = HouseholdFilterSet
    template_name = "people/household_list.html"
    table_template = "people/partials/household_table.html"
    export_filename = "gospodarstwa"

    @property
    def export_columns(self):
        return [("pk", "ID"), ("display_name", _("Household")), ("member_count", _("Members")),
                ("address", _("Address")), ("site.name", _("Site")),
                ("get_status_display", _("Status")), ("get_heating_type_display", _("Heating")),
                ("referral_number", _("Referral no."))]

    def get_queryset(self):
        return selectors.visible_households(self.request.user)

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "csv" and not request.user.has_perm(
                "people.export_households"):
            return HttpResponse(status=403)
        return super().get(request, *args, **kwargs)

    def after_export(self, queryset):
        audit.record(self.request.user, AuditEntry.Action.EXPORT, self.request.user,
                     {"households": [None, queryset.count()]})


class HouseholdCreateView(ProtectedMixin, View):
    permission_required = ("people.add_household", "people.add_person")
    template_name = "people/household_form.html"

    def get(self, request):
        return render(request, self.template_name, {
            "form": HouseholdForm(initial={"city": "Łódź", "site": request.user.sites.first()},
                                  user=request.user),
            "formset": MemberFormSet(prefix="members"), "confirm": DuplicateConfirmForm(),
        })

    def post(self, request):
        if wants_row(request, "members"):  # "dodaj wiersz" without JavaScript
            form = HouseholdForm(request.POST, user=request.user)
            form._errors = ErrorDict()
            return render(request, self.template_name, {
                "form": form, "formset": added_row(MemberFormSet(request.POST, prefix="members")),
                "confirm": DuplicateConfirmForm()})
        form = HouseholdForm(request.POST, user=request.user)
        formset = MemberFormSet(request.POST, prefix="members")
        confirm = DuplicateConfirmForm(request.POST)
        duplicates = []
        if form.is_valid() and formset.is_valid() and confirm.is_valid():
            members = formset.rows()
            try:
                household = services.create_household(
                    request.user, form.cleaned_data, members,
                    confirm_not_duplicate=confirm.cleaned_data["confirm_not_duplicate"])
            except services.PossibleDuplicate as found:  # ask: the page lists who and why
                duplicates = found.duplicates
            else:
                messages.success(request, _("Household saved."))
                return redirect("people:household_detail", pk=household.pk)
        return render(request, self.template_name, {
            "form": form, "formset": formset, "confirm": confirm, "duplicates": duplicates,
            "pesel_duplicate": any(d["code"] == "pesel" for d in duplicates),
        }, status=200 if duplicates else 400)


class HouseholdDetailView(ProtectedMixin, View):
    permission_required = "people.view_household"

    def get(self, request, pk):
        household = get_object_or_404(selectors.visible_households(request.user), pk=pk)
        tab = request.GET.get("tab", "members")
        context = {"household": household, "members": household.members.all(), "tab": tab,
                   "member_form": PersonForm(prefix="new", initial={"last_name": (
                       household.members.first().last_name if household.members.exists()
                       else "")})}
        if tab == "history":
            context["history"] = audit.readable(audit.history_for(household)[:200])
        template = "people/household_detail.html"
        if request.htmx and request.htmx.target == "tab":
            part = "history" if tab == "history" else "members"
            template = f"people/partials/household_{part}.html"
        return render(request, template, context)


class HouseholdEditView(ProtectedMixin, View):
    permission_required = "people.change_household"
    template_name = "people/household_edit.html"

    def get_object(self, request, pk):
        return get_object_or_404(selectors.visible_households(request.user), pk=pk)

    def get(self, request, pk):
        household = self.get_object(request, pk)
        return render(request, self.template_name,
                      {"household": household,
                       "form": HouseholdForm(instance=household, user=request.user)})

    def post(self, request, pk):
        household = self.get_object(request, pk)
        form = HouseholdForm(request.POST, instance=household, user=request.user)
        if form.is_valid():
            services.update_household(request.user, household, form.cleaned_data)
            messages.success(request, _("Changes saved."))
            return redirect("people:household_detail", pk=household.pk)
        household.refresh_from_db()
        return render(request, self.template_name, {"household": household, "form": form},
                      status=400)


class HouseholdDeleteView(ProtectedMixin, View):
    permission_required = "people.delete_household"

    def get(self, request, pk):
        household = get_object_or_404(selectors.visible_households(request.user), pk=pk)
        return render(request, "people/household_delete.html", {"household": household})

    def post(self, request, pk):
        household = get_object_or_404(selectors.visible_households(request.user), pk=pk)
        services.delete_household(request.user, household)  # in use: refused (the mixin)
        messages.success(request, _("Household deleted."))
        return redirect("people:household_list")

    def refused_url(self) -> str:
        return reverse("people:household_detail", args=[self.kwargs["pk"]])


class HouseholdAnonymiseView(ProtectedMixin, View):
    permission_required = "people.anonymise_household"

    def post(self, request, pk):
        household = get_object_or_404(selectors.visible_households(request.user), pk=pk)
        services.anonymise_household(request.user, household)
        messages.success(request, _("Personal data of the household were erased."))
        return redirect("people:household_detail", pk=household.pk)


class MemberAddView(ProtectedMixin, View):
    permission_required = "people.add_person"

    def post(self, request, pk):
        household = get_object_or_404(selectors.visible_households(request.user), pk=pk)
        form = PersonForm(request.POST, prefix="new")
        confirm = DuplicateConfirmForm(request.POST)
        duplicates = []
        if form.is_valid() and confirm.is_valid():
            data = form.cleaned_data
            try:
                services.add_member(
                    request.user, household, data,
                    confirm_not_duplicate=confirm.cleaned_data["confirm_not_duplicate"])
            except services.PossibleDuplicate as found:  # ask: the form lists who and why
                duplicates = found.duplicates
            else:
                if not request.htmx:
                    messages.success(request, _("Person added."))
                    return redirect("people:household_detail", pk=pk)
                form = PersonForm(prefix="new", initial={"last_name": data["last_name"]})
                duplicates = []
        household.refresh_from_db()
        return render(request, "people/partials/household_members.html", {
            "household": household, "members": household.members.all(), "member_form": form,
            "duplicates": duplicates, "confirm": confirm,
            "pesel_duplicate": any(d["code"] == "pesel" for d in duplicates),
        }, status=200 if form.is_bound is False or not form.errors else 400)


class PersonEditView(ProtectedMixin, View):
    permission_required = "people.change_person"

    def get_object(self, request, pk):
        return get_object_or_404(selectors.visible_persons(request.user), pk=pk)

    def get(self, request, pk):
        person = self.get_object(request, pk)
        return render(request, "people/person_form.html",
                      {"person": person, "form": PersonForm(instance=person)})

    def post(self, request, pk):
        person = self.get_object(request, pk)
        form = PersonForm(request.POST, instance=person)
        if form.is_valid():
            services.update_person(request.user, person, form.cleaned_data)
            messages.success(request, _("Changes saved."))
            return redirect("people:household_detail", pk=person.household_id)
        person.refresh_from_db()
        return render(request, "people/person_form.html", {"person": person, "form": form},
                      status=400)


class PersonDeleteView(ProtectedMixin, View):
    permission_required = "people.delete_person"

    def post(self, request, pk):
        person = get_object_or_404(selectors.visible_persons(request.user), pk=pk)
        household_id = person.household_id
        services.delete_person(request.user, person)
        messages.success(request, _("Person removed from the household."))
        return redirect("people:household_detail", pk=household_id)


class DonorListView(ObjectListView):
    permission_required = "people.view_donor"
    filterset_class = DonorFilterSet
    queryset = Donor.objects.all()
    template_name = "people/donor_list.html"
    table_template = "people/partials/donor_table.html"
    export_filename = "darczyncy"

    @property
    def export_columns(self):
        return [("pk", "ID"), ("name", _("Name")), ("get_kind_display", _("Kind")),
                ("nip", "NIP"), ("email", _("E-mail")), ("phone", _("Phone"))]


class DonorCreateView(ObjectEditView):
    permission_required = "people.add_donor"
    form_class = DonorForm
    template_name = "people/donor_form.html"
    success_message = gettext_lazy("Donor saved.")

    def save(self, form, formset):
        return services.create_donor(self.request.user, form.cleaned_data)

    def get_success_url(self, donor):
        return reverse("people:donor_detail", args=[donor.pk])


class DonorDetailView(ObjectDetailView):
    permission_required = "people.view_donor"
    queryset = Donor.objects.all()
    template_name = "people/donor_detail.html"
    context_object_name = "donor"
    history = True


class DonorEditView(ObjectEditView):
    permission_required = "people.change_donor"
    queryset = Donor.objects.all()
    form_class = DonorForm
    template_name = "people/donor_form.html"
    context_object_name = "donor"
    service = services.update_donor
    success_message = gettext_lazy("Changes saved.")

    def get_success_url(self, donor):
        return reverse("people:donor_detail", args=[donor.pk])
