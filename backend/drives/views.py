"""Drive pages (coordinators) and the hand-over page (volunteers, phone). Thin: the
work is in services; stock and SMS only through them."""

import datetime as dt
import secrets

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from backend.accounts import audit, scope
from backend.accounts.models import Site
from backend.common.collation import sort_key
from backend.common.errors import ServiceError
from backend.common.parsing import finite_decimal, get_object_or_404, int_or_none
from backend.common.views import ObjectListView, ProtectedMixin
from backend.distribution import fair
from backend.distribution import services as engine
from backend.distribution.models import Allocation, Enrolment, PickupSlot
from backend.inventory.scanning import parse_device_time
from backend.people import duplicates
from backend.people.models import Household
from backend.people.selectors import visible_households

from . import documents, explain, selectors, services
from .filters import DriveFilterSet, EnrolCandidateFilterSet
from .forms import CorrectionForm, SlotForm, TargetForm
from .models import Drive

WARNINGS = {
    services.W_ALREADY: gettext_lazy("already enrolled in this drive"),
    services.W_OTHER: gettext_lazy("enrolled in another running drive of the same kind"),
    services.W_NO_MOBILE: gettext_lazy("no mobile number"),
    services.W_DUPLICATE: gettext_lazy("possibly the same person as in another household"),
}


class DriveList(scope.ScopedQuerysetMixin, ObjectListView):
    permission_required = "drives.view_drive"
    queryset = Drive.objects.all()
    filterset_class = DriveFilterSet
    template_name = "drives/drive_list.html"
    table_template = "drives/partials/drive_table.html"
    export_columns = [("name", gettext_lazy("name")), ("get_kind_display", gettext_lazy("kind")),
                      ("get_status_display", gettext_lazy("status"))]
    export_filename = "zbiorki"


class DriveMixin(ProtectedMixin):
    def dispatch(self, request, pk, *args, **kwargs):
        if not request.user.is_authenticated:  # to the login page, not a 404 of the scope
            return self.handle_no_permission()
        self.drive = get_object_or_404(scope.visible(
            Drive.objects.select_related("distribution"), request.user), pk=pk)
        return super().dispatch(request, *args, **kwargs)


class DriveDetail(DriveMixin, TemplateView):
    permission_required = "drives.view_drive"
    template_name = "drives/drive_detail.html"

    def get_context_data(self, **kwargs):
        drive = self.drive
        slots = list(drive.distribution.slots.select_related("site"))
        counts = engine.slot_counts([s.pk for s in slots])
        for slot in slots:
            slot.booked = counts.get(slot.pk, 0)
        statuses = selectors.status_counts(drive)
        return {**super().get_context_data(**kwargs), "drive": drive,
                "progress": selectors.progress(drive), "targets": drive.targets.all(),
                "slots": slots, "target_form": TargetForm(), "slot_form": SlotForm(),
                "enrolled": sum(statuses.values()), "statuses": statuses,
                "history": audit.readable(audit.history_for(drive)[:50])
                if self.request.user.has_perm("drives.change_drive") else None}


class DriveAction(DriveMixin, View):
    """POST buttons: advance the status, add a target or a slot, assign slots. Those
    that send SMS, release stock or change the stage show a confirmation first (GET)."""

    permission_required = "drives.change_drive"

    def get(self, request, action: str):
        if action not in selectors.CONFIRM:
            raise Http404
        title, summary = selectors.confirmation(request.user, self.drive, action)
        return render(request, "notifications/confirm.html", {
            "title": title, "subject": self.drive.name, "summary": summary,
            "confirm_action": request.path, "cancel_url": self.drive.get_absolute_url(),
            "confirm_button": title})

    def post(self, request, action: str):
        drive = self.drive
        if action in selectors.CONFIRM and request.POST.get("confirmed") != "1":
            return redirect(request.path)  # never on one click: show what it will do
        if action == "advance":
            services.advance(request.user, drive)
        elif action == "target":
            form = TargetForm(request.POST)
            if form.is_valid():
                services.save_target(request.user, drive, form.save(commit=False))
            else:
                messages.error(request, form.errors.as_text())
        elif action == "slot":
            form = SlotForm(request.POST)
            if form.is_valid():
                engine.add_slot(request.user, drive.distribution, form.save(commit=False))
            else:
                messages.error(request, form.errors.as_text())
        elif action == "assign":
            count = engine.assign_slots(request.user, drive.distribution)
            messages.success(request, _("Slots assigned and SMS queued: %(n)s.") % {
                "n": count})
        elif action == "release_no_shows":
            count = engine.release_no_shows(request.user, drive.distribution)
            messages.success(request, _("Released: %(n)s.") % {"n": count})
        elif action == "remind_no_shows":
            count = engine.remind_no_shows(drive.distribution)
            messages.success(request, _("Reminders queued: %(n)s.") % {"n": count})
        else:
            raise Http404
        return redirect(drive)

    def refused_url(self) -> str:
        return self.drive.get_absolute_url()


class Enrol(DriveMixin, View):
    permission_required = "distribution.add_enrolment"

    def get(self, request):
        households = visible_households(request.user).filter(status=Household.Status.ACTIVE)
        filterset = EnrolCandidateFilterSet(request.GET or None, queryset=households,
                                            request=request)
        rows = filterset.qs if filterset.is_bound and filterset.is_valid() else households
        return render(request, "drives/enrol.html", {
            "drive": self.drive, "filterset": filterset, "rows": rows[:500],
            "total": rows.count()})

    def post(self, request):
        ids = [int(i) for i in request.POST.getlist("household") if i.isdigit()]
        households = visible_households(request.user).filter(pk__in=ids).prefetch_related(
            "members")
        enrolled = Household.objects.filter(enrolments__distribution=self.drive.distribution)
        pairs = [p for p in duplicates.within([*households, *enrolled])
                 if p.first.household_id in ids or p.second.household_id in ids]
        if pairs and not request.POST.get("confirm_duplicates"):  # ask before enrolling
            return render(request, "drives/enrol_duplicates.html", {
                "drive": self.drive, "pairs": pairs, "ids": ids})
        flagged = {h for p in pairs for h in (p.first.household_id, p.second.household_id)}
        count, warned = services.enrol_households(request.user, self.drive, households,
                                                  duplicates=flagged)
        names = {h.pk: str(h) for h in households}
        messages.success(request, _("Enrolled: %(n)s.") % {"n": count})
        for pk, codes in warned.items():
            messages.warning(request, f"{names[pk]}: " + ", ".join(
                str(WARNINGS[c]) for c in codes))
        return redirect("drives:enrolments", pk=self.drive.pk)


class Enrolments(DriveMixin, TemplateView):
    permission_required = "distribution.view_enrolment"
    template_name = "drives/enrolments.html"

    def get_context_data(self, **kwargs):
        rows = selectors.enrolments(self.drive, self.request.user).prefetch_related(
            "allocations__item")
        status = self.request.GET.get("status")
        if status:
            rows = rows.filter(status=status)
        return {**super().get_context_data(**kwargs), "drive": self.drive,
                "rows": rows[:1000], "warnings": WARNINGS,
                "no_shows": engine.no_shows(self.drive.distribution),
                "slots": self.drive.distribution.slots.select_related("site"),
                "statuses": Enrolment.Status.choices}


class Allocate(DriveMixin, View):
    """The preview (what each household gets and why, totals, what stays, what was left
    out) and the confirmation. When even the minimums do not fit, the coordinator chooses:
    a smaller equal minimum, the minimum by priority only, or waiting for stock."""

    permission_required = "distribution.add_allocation"
    per_page = 30  # groups of households with the same reason

    def _when_short(self, data) -> str:
        value = data.get("when_short", fair.EQUAL)
        return value if value in (fair.EQUAL, fair.PRIORITY_ONLY) else fair.EQUAL

    def get(self, request):
        when_short = self._when_short(request.GET)
        plans = services.preview(self.drive, when_short)
        rows = explain.lines(plans)
        show = request.GET.get("show", "all")
        shown = rows if show == "all" else [r for r in rows if r.outcome == show]
        page = Paginator(explain.groups(shown), self.per_page).get_page(request.GET.get("page"))
        return render(request, "drives/allocate.html", {
            "drive": self.drive, "plans": plans, "page": page, "show": show,
            "counts": explain.counts(rows), "when_short": when_short,
            "minimums_short": [p for p in plans if not p.minimums_fit],
            "choices": {"equal": fair.EQUAL, "priority_only": fair.PRIORITY_ONLY},
            "confirm_action": request.path, "confirm_button": _("Confirm and reserve stock"),
            "cancel_url": self.drive.get_absolute_url(), "hidden": [("when_short", when_short)],
            "summary": selectors.allocation_summary(plans)})

    def post(self, request):
        if request.POST.get("confirmed") != "1":
            return redirect("drives:allocate", pk=self.drive.pk)
        count = services.commit(request.user, self.drive, self._when_short(request.POST))
        messages.success(request, _("Allocated and reserved: %(n)s.") % {"n": count})
        return redirect("drives:enrolments", pk=self.drive.pk)


class Correct(DriveMixin, View):
    permission_required = "distribution.change_allocation"

    def post(self, request, allocation_id: int):
        allocation = get_object_or_404(Allocation, pk=allocation_id,
                                       enrolment__distribution=self.drive.distribution)
        form = CorrectionForm(request.POST)
        if form.is_valid():
            services.correct(request.user, allocation, form.cleaned_data["quantity"],
                             form.cleaned_data["reason"])
        else:
            messages.error(request, form.errors.as_text())
        return redirect("drives:enrolments", pk=self.drive.pk)


class Reschedule(DriveMixin, View):
    permission_required = "distribution.change_enrolment"

    def post(self, request, enrolment_id: int):
        enrolment = get_object_or_404(Enrolment, pk=enrolment_id,
                                      distribution=self.drive.distribution)
        slot = get_object_or_404(PickupSlot, pk=request.POST.get("slot") or 0,
                                 distribution=self.drive.distribution)
        engine.reschedule(request.user, enrolment, slot)
        return redirect("drives:enrolments", pk=self.drive.pk)


class Delivery(DriveMixin, View):
    permission_required = "distribution.change_enrolment"

    def post(self, request, enrolment_id: int):
        enrolment = get_object_or_404(Enrolment, pk=enrolment_id,
                                      distribution=self.drive.distribution)
        engine.set_delivery(request.user, enrolment, request.POST.get("delivery") == "1")
        return redirect("drives:enrolments", pk=self.drive.pk)


def _handover_sites(drive) -> list:
    """Where this drive hands over: the sites of its slots and the drive's sites."""
    ids = set(drive.distribution.slots.values_list("site_id", flat=True)) | set(
        drive.sites.values_list("pk", flat=True))
    return sorted(Site.objects.filter(pk__in=ids), key=lambda s: sort_key(s.name))


def _chosen_site(request, drive):
    """The volunteer's site: chosen on the page (kept in the session), or the only one."""
    key = f"handover_site_{drive.pk}"
    wanted = request.POST.get("site") or request.GET.get("site") or request.session.get(key)
    sites = _handover_sites(drive)
    site = next((s for s in sites if str(s.pk) == str(wanted)), None)
    if site is None and len(sites) == 1:
        site = sites[0]
    if site is not None:
        request.session[key] = site.pk
    return site, sites


class HandOverPage(DriveMixin, TemplateView):
    """The volunteer's phone page: scan a package QR or type the pickup code."""

    permission_required = "distribution.hand_over"
    template_name = "drives/handover.html"

    def get_context_data(self, **kwargs):
        site, sites = _chosen_site(self.request, self.drive)
        return {**super().get_context_data(**kwargs), "drive": self.drive, "site": site,
                "sites": sites}


def _last_handover(enrolment):
    return enrolment.handovers.select_related("actor").order_by("-at", "-id").first() \
        if enrolment else None


def _card(request, drive, enrolment, outcome=None, code: str = "", refused=None, site=None):
    """Only the first name, the booked slot and what to hand over: no address, no phone
    (DESIGN §3). A code already handed over gets the loud card: when and by whom.
    The confirm form carries the code that found the household and one nonce, so a
    double tap or a retried POST hands over once."""
    allocations = list(enrolment.allocations.select_related("item")) if enrolment else []
    open_ = [a for a in allocations if a.remaining > 0 and a.status != "released"]
    already = enrolment is not None and allocations and not open_ and (
        outcome is None or outcome.code == "already_handed_over") and enrolment.status in (
        Enrolment.Status.HANDED_OVER, Enrolment.Status.PARTIAL)
    if enrolment is not None and refused is None and open_ and outcome is None:
        refused = engine.refusal(enrolment, site=site)  # warn before the button is pressed
    last = _last_handover(enrolment) if already else None
    card_code = "already_handed_over" if already else (
        refused.code if refused is not None and outcome is None else None)
    return render(request, "drives/partials/handover_card.html", {
        "drive": drive, "enrolment": enrolment, "allocations": allocations,
        "outcome": outcome, "open": open_, "already": already, "last": last,
        "refused": refused, "site": site, "code": code, "nonce": secrets.token_hex(16),
        "card_code": card_code or (outcome.code if outcome else "found"),
        "may_override": request.user.has_perm("distribution.change_handover")})


def _trigger(response, ok: bool, already: bool = False):
    response["HX-Trigger"] = "scan-already" if already else ("scan-ok" if ok else "scan-error")
    return response


class HandOverLookup(DriveMixin, View):
    permission_required = "distribution.hand_over"

    def post(self, request):
        enrolment = engine.find(self.drive.distribution, request.POST.get("code", ""))
        if enrolment is None or enrolment.distribution_id != self.drive.distribution_id:
            return _trigger(_card(request, self.drive, None, engine.Outcome("unknown_code")),
                            False)
        site, _sites = _chosen_site(request, self.drive)
        response = _card(request, self.drive, enrolment, code=request.POST.get("code", ""),
                         site=site)
        return _trigger(response, True, _is_already(response))


def _is_already(response) -> bool:
    return b'data-code="already_handed_over"' in response.content


class HandOverConfirm(DriveMixin, View):
    permission_required = "distribution.hand_over"

    def post(self, request, enrolment_id: int):
        enrolment = get_object_or_404(Enrolment, pk=enrolment_id,
                                      distribution=self.drive.distribution)
        quantities = {}
        for key, value in request.POST.items():
            if key.startswith("qty_") and key[4:].isdigit():
                try:
                    quantities[int(key[4:])] = finite_decimal(value)
                except ValueError:
                    continue
        code = request.POST.get("code", "")
        named = engine.named_by_code(enrolment, code)
        if named != "ok":
            return _trigger(_card(request, self.drive, None, engine.Outcome(named)), False)
        site, _sites = _chosen_site(request, self.drive)
        try:
            outcome = engine.hand_over(
                request.user, enrolment, nonce=request.POST.get("nonce", ""),
                quantities=quantities or None, delivered=request.POST.get("delivered") == "1",
                device_time=parse_device_time(request.POST.get("device_time", "")),
                site=site, override=request.POST.get("override", ""))
        except ServiceError as refused:  # refused or closed: the card says why
            return _trigger(_card(request, self.drive, enrolment, code=code, refused=refused,
                                  site=site), False)
        response = _card(request, self.drive, outcome.enrolment, outcome, code, site=site)
        return _trigger(response, outcome.ok, _is_already(response))


def _site_day(request):
    site = Site.objects.filter(pk=int_or_none(request.GET.get("site")) or 0).first()
    try:
        day = dt.date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        day = None
    return site, day


class ListDocument(DriveMixin, View):
    """The distribution list to print and sign (PDF) or CSV; ?site=&day= per pickup point."""

    permission_required = "distribution.view_enrolment"

    def get(self, request):
        site, day = _site_day(request)
        who = request.user  # a site-bound social worker lists only her sites' households
        if request.GET.get("format") == "csv":
            response = HttpResponse(documents.distribution_list_csv(self.drive, site, day, who),
                                    content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = 'attachment; filename="lista.csv"'
            return response
        response = HttpResponse(documents.distribution_list_pdf(self.drive, site, day, who),
                                content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="lista.pdf"'
        return response


class Report(DriveMixin, TemplateView):
    permission_required = "drives.view_drive"
    template_name = "drives/report.html"

    def get(self, request, *args, **kwargs):
        data = selectors.report(self.drive)
        if request.GET.get("format") == "csv":
            response = HttpResponse(documents.report_csv(data),
                                    content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = 'attachment; filename="raport.csv"'
            return response
        return self.render_to_response({"drive": self.drive, "report": data})


class PublicProgress(TemplateView):
    """Collection progress for the public: totals only, no personal data."""

    template_name = "drives/public_progress.html"

    def get(self, request, pk: int):
        drive = get_object_or_404(Drive, pk=pk, public_progress=True)
        return self.render_to_response({"drive": drive, "progress": selectors.progress(drive)})


class PackingStation(ProtectedMixin, View):
    """Scan the contents (wedge scanner or camera app types one code per line), pack."""

    permission_required = ("inventory.issue_stock", "inventory.receive_stock")

    def _context(self, **extra):
        from backend.inventory.models import Location

        from .models import PackageTemplate

        return {"templates": PackageTemplate.objects.all(),
                "locations": Location.objects.filter(is_active=True), **extra}

    def get(self, request):
        return render(request, "drives/packing.html", self._context())

    def post(self, request):
        from backend.inventory.models import Location
        from backend.inventory.scanning import resolve

        from .models import PackageTemplate
        from .packing import pack

        template = get_object_or_404(PackageTemplate, pk=request.POST.get("template") or 0)
        location = get_object_or_404(Location, pk=request.POST.get("location") or 0)
        lots = [r.lot for r in (resolve(c) for c in request.POST.get("codes", "").split())
                if r.lot is not None]
        try:
            package = pack(request.user, template, location, lots)
        except ServiceError as exc:  # the page shows the error next to the scanned codes
            return render(request, "drives/packing.html", self._context(error=exc.message),
                          status=422)
        return render(request, "drives/packing.html", self._context(package=package))
