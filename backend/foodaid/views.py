"""FEPŻ pages: referrals, the ration sheet, who is below the share, the CSV import of
collective lists and the printed records. Thin: rules are in services and selectors."""

import datetime as dt

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from backend.common.parsing import get_object_or_404
from backend.common.views import ObjectListView, ProtectedMixin
from backend.people.selectors import search_households, visible_households

from . import documents, imports, selectors, services
from .filters import ReferralFilterSet
from .forms import (
    CorrectionForm,
    HandoutListForm,
    ImportForm,
    ReferralForm,
    StatementForm,
    SummaryForm,
)
from .models import Reason, SubProgramme, TargetGroup, Workshop


class ReferralList(ObjectListView):
    permission_required = "foodaid.view_referral"
    filterset_class = ReferralFilterSet
    template_name = "foodaid/referral_list.html"
    table_template = "foodaid/partials/referral_table.html"
    export_columns = [("number", gettext_lazy("referral no.")),
                      ("household.display_name", gettext_lazy("household")),
                      ("issued_on", gettext_lazy("date")),
                      ("valid_until", gettext_lazy("valid until")),
                      ("persons", gettext_lazy("persons"))]
    export_filename = "skierowania-fepz"

    def get_queryset(self):
        return selectors.visible_referrals(self.request.user)


class ReferralCreate(ProtectedMixin, View):
    """?household=<id> (from a search on this page): the form for that household."""

    permission_required = "foodaid.add_referral"

    def _household(self, request):
        pk = request.GET.get("household") or request.POST.get("household")
        return get_object_or_404(visible_households(request.user), pk=pk) if pk else None

    def get(self, request):
        household = self._household(request)
        if household is None:
            query = request.GET.get("q", "").strip()
            found = search_households(visible_households(request.user), query)[:20] \
                if query else []
            return render(request, "foodaid/referral_pick.html", {"q": query, "found": found})
        current = SubProgramme.objects.first()
        form = ReferralForm(household=household, initial={
            "subprogramme": current, "issued_on": dt.date.today(),
            "valid_until": current.ends_on if current else None,
            "person": household.members.filter(relation="head").first()})
        return render(request, "foodaid/referral_form.html",
                      {"form": form, "household": household})

    def post(self, request):
        household = self._household(request)
        if household is None:
            return redirect("foodaid:referral_create")
        form = ReferralForm(request.POST, household=household)
        if form.is_valid():
            referral = form.save(commit=False)
            referral.household = household
            try:
                services.create_referral(request.user, referral,
                                         override_reason=form.cleaned_data["override_reason"])
            except services.FoodAidError as exc:
                form.add_error("income_per_person" if exc.code in (
                    "income_above_threshold", "override_not_allowed") else None, exc.message)
            else:
                messages.success(request, _("Referral %(n)s saved.") % {"n": referral.number})
                return redirect("foodaid:referral_detail", pk=referral.pk)
        return render(request, "foodaid/referral_form.html",
                      {"form": form, "household": household})


class ReferralMixin(ProtectedMixin):
    permission_required = "foodaid.view_referral"

    def dispatch(self, request, pk, *args, **kwargs):
        if not self.has_permission():  # 403 before 404: no probing which ids exist
            return self.handle_no_permission()
        self.referral = get_object_or_404(selectors.visible_referrals(request.user), pk=pk)
        return super().dispatch(request, *args, **kwargs)


class ReferralDetail(ReferralMixin, TemplateView):
    template_name = "foodaid/referral_detail.html"

    def get_context_data(self, **kwargs):
        r = self.referral
        reasons, groups = dict(Reason.choices), dict(TargetGroup.choices)
        return super().get_context_data(
            referral=r, sheet=selectors.ration_sheet(r),
            reasons=[reasons.get(c, c) for c in r.reasons],
            groups=[groups.get(c, c) for c in r.target_groups],
            statement_form=StatementForm(initial={"statement_on": r.statement_on
                                                  or dt.date.today()}),
            correction_form=CorrectionForm(subprogramme=r.subprogramme), **kwargs)


class Statement(ReferralMixin, View):
    permission_required = "foodaid.change_referral"

    def post(self, request):
        form = StatementForm(request.POST)
        if form.is_valid():
            services.record_statement(request.user, self.referral,
                                      form.cleaned_data["statement_on"])
            messages.success(request, _("Statement recorded."))
        return redirect("foodaid:referral_detail", pk=self.referral.pk)


class Correction(ReferralMixin, View):
    permission_required = "foodaid.add_rationentry"

    def post(self, request):
        form = CorrectionForm(request.POST, subprogramme=self.referral.subprogramme)
        if form.is_valid():
            d = form.cleaned_data
            entry = services.add_entry(request.user, self.referral, d["article"], d["quantity"],
                                       reason=d["reason"])
            messages.warning(request, _("Above the yearly cap of this article.")) \
                if entry.over_cap else messages.success(request, _("Entry recorded."))
        else:
            messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect("foodaid:referral_detail", pk=self.referral.pk)


class BelowShare(ProtectedMixin, TemplateView):
    permission_required = "foodaid.view_rations"
    template_name = "foodaid/below_share.html"

    def get_context_data(self, **kwargs):
        programmes = list(SubProgramme.objects.all())
        chosen = next((p for p in programmes if str(p.pk) == self.request.GET.get("sp")),
                      programmes[0] if programmes else None)
        rows = selectors.below_share(chosen, self.request.user) if chosen else []
        return super().get_context_data(
            programmes=programmes, chosen=chosen, rows=rows,
            share=selectors.share_per_person(chosen) if chosen else None, **kwargs)


class Import(ProtectedMixin, View):
    permission_required = "foodaid.add_referral"

    def get(self, request):
        return render(request, "foodaid/import.html", {"form": ImportForm()})

    def post(self, request):
        form = ImportForm(request.POST, request.FILES)
        report = None
        if form.is_valid():
            report = imports.run(request.user, form.cleaned_data["file"],
                                 form.cleaned_data["subprogramme"],
                                 form.cleaned_data["issuing_centre"])
            if report.imported:
                messages.success(request, _("%(n)d referrals imported.")
                                 % {"n": report.imported})
                return redirect("foodaid:list")
        return render(request, "foodaid/import.html", {"form": form, "report": report})


def _pdf(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return response


class Documents(ProtectedMixin, View):
    """The printed records: hand-out list (site, day), monthly/final summary, attendance."""

    permission_required = "foodaid.view_rations"

    def get(self, request):
        kind = request.GET.get("doc")
        if kind == "handouts":
            form = HandoutListForm(request.GET)
            if form.is_valid():
                d = form.cleaned_data
                return _pdf(documents.handout_list_pdf(d["site"], d["day"], request.user),
                            f"fepz-wydania-{d['day']:%Y-%m-%d}")
        elif kind == "summary":
            form = SummaryForm(request.GET)
            if form.is_valid():
                month = None
                text = form.cleaned_data["month"]
                if text:
                    try:
                        month = dt.datetime.strptime(text, "%Y-%m").date()
                    except ValueError:
                        form.add_error("month", _("Enter a month as YYYY-MM."))
                if form.is_valid():
                    sp = form.cleaned_data["subprogramme"]
                    return _pdf(documents.summary_pdf(sp, month),
                                f"fepz-zestawienie-{text or 'koncowe'}")
        return render(request, "foodaid/documents.html", {
            "handout_form": HandoutListForm(request.GET if kind == "handouts" else None),
            "summary_form": SummaryForm(request.GET if kind == "summary" else None),
            "workshops": Workshop.objects.select_related("site", "subprogramme")[:50]})


class Attendance(ProtectedMixin, View):
    permission_required = "foodaid.view_rations"

    def get(self, request, pk):
        workshop = get_object_or_404(Workshop.objects.select_related("site", "subprogramme"),
                                     pk=pk)
        return _pdf(documents.attendance_pdf(workshop, request.user),
                    f"fepz-obecnosc-{workshop.date:%Y-%m-%d}")
