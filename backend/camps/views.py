"""Camp pages for coordinators and social workers (thin: the work is in services,
qualification and selectors). Health data only through HealthMixin (camps.view_healthcard)."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from backend.accounts import scope
from backend.common import exports
from backend.common.errors import ServiceError
from backend.common.parsing import get_object_or_404, int_or_none
from backend.common.views import ObjectListView, ProtectedMixin
from backend.notifications.selectors import send_summary
from backend.people.models import Person
from backend.people.selectors import visible_households

from . import documents, qualification, selectors, services, shifts
from .filters import ApplicationFilterSet, CampFilterSet
from .forms import ApplicationForm, CampForm, DocumentsForm, HealthForm, SessionForm
from .models import Application, Camp, CampSession, HealthCard


class CampList(ObjectListView):
    permission_required = "camps.view_camp"
    queryset = Camp.objects.select_related("site")
    filterset_class = CampFilterSet
    template_name = "camps/camp_list.html"
    table_template = "camps/partials/camp_table.html"


class CampCreate(ProtectedMixin, View):
    permission_required = "camps.add_camp"

    def get(self, request):
        return render(request, "camps/form.html", {"form": CampForm(), "title": _("New camp")})

    def post(self, request):
        form = CampForm(request.POST)
        if not form.is_valid():
            return render(request, "camps/form.html", {"form": form, "title": _("New camp")})
        camp = services.create_camp(request.user, coordinators=[request.user],
                                    **form.cleaned_data)
        return redirect(camp)


class CampMixin(ProtectedMixin):
    def dispatch(self, request, pk, *args, **kwargs):
        self.camp = get_object_or_404(Camp.objects.select_related("distribution", "site"),
                                      pk=pk)
        return super().dispatch(request, *args, **kwargs)


class CampDetail(CampMixin, TemplateView):
    permission_required = "camps.view_camp"
    template_name = "camps/camp_detail.html"

    def get_context_data(self, **kwargs):
        camp = self.camp
        return {**super().get_context_data(**kwargs), "camp": camp,
                "sessions": selectors.sessions_with_counts(camp),
                "session_form": SessionForm(),
                "offers": selectors.offers(camp)[:30],
                "last_run": camp.runs.first(),
                "counts": [(Application.Status(s).label, n) for s, n in
                           selectors.report(camp)["applications"].items()]}


def _confirm(request, camp, *, title, texts, changes, action, button, hidden=()):
    return render(request, "camps/confirm.html", {
        "camp": camp, "title": title,
        "summary": send_summary(texts, changes=changes), "confirm_action": action,
        "confirm_button": button, "cancel_url": camp.get_absolute_url(), "hidden": hidden})


class CampAction(CampMixin, View):
    """POST buttons. Those that send SMS or place children show what they will do first
    (GET or a POST without confirmed=1), then act on confirmed=1."""

    permission_required = "camps.change_camp"

    def get(self, request, action: str):
        return self.post(request, action)

    def post(self, request, action: str):
        camp, user = self.camp, request.user
        confirmed = request.method == "POST" and request.POST.get("confirmed") == "1"
        here = reverse("camps:action", args=[camp.pk, action])
        try:
            if action == "session" and request.method == "POST":
                form = SessionForm(request.POST)
                if form.is_valid():
                    services.add_session(user, camp, form.save(commit=False))
                else:
                    messages.error(request, form.errors.as_text())
            elif action == "qualify":
                if not confirmed:
                    todo = Application.objects.filter(camp=camp, participant__isnull=True,
                                                      status=Application.Status.VERIFIED)
                    return _confirm(request, camp, title=_("Qualification"), texts=[],
                                    changes=[_("Verified applications to rank and place: "
                                               "%(n)s.") % {"n": todo.count()},
                                             _("Each parent of a qualified child gets an "
                                               "SMS.")],
                                    action=here, button=_("Qualify"))
                run = qualification.qualify(user, camp)
                messages.success(request, _("Qualification done (lottery seed %(seed)s).")
                                 % {"seed": run.seed})
                return redirect("camps:qualification", pk=camp.pk)
            elif action == "remind":
                if not confirmed:
                    texts = services.remind_documents(user, camp, dry_run=True)
                    return _confirm(request, camp, title=_("Documents reminder"), texts=texts,
                                    changes=[], action=here, button=_("Send reminders"))
                count = len(services.remind_documents(user, camp))
                messages.success(request, _("Reminders queued: %(n)s.") % {"n": count})
            elif action == "offer" and request.method == "POST":
                count = services.offer_places(user, camp)
                messages.success(request, _("Places offered by SMS: %(n)s.") % {"n": count})
            elif action == "expire" and request.method == "POST":
                count = services.expire_offers(user, camp)
                messages.success(request, _("Expired offers: %(n)s.") % {"n": count})
            else:
                raise Http404
        except ServiceError as exc:
            messages.error(request, exc.message)
        return redirect(camp)


class SessionMixin(CampMixin):
    def dispatch(self, request, pk, sid, *args, **kwargs):
        self.session = get_object_or_404(CampSession.objects.select_related("camp"),
                                         pk=sid, camp_id=pk)
        return super().dispatch(request, pk, *args, **kwargs)


class SessionDetail(SessionMixin, TemplateView):
    """The bus list for the coordinator: on board, missing, the parents' phones."""

    permission_required = "camps.change_campsession"
    template_name = "camps/session_detail.html"

    def get_context_data(self, **kwargs):
        rows = selectors.bus_list(self.session)
        return {**super().get_context_data(**kwargs), "camp": self.camp,
                "session": self.session, "rows": rows,
                "on_board": sum(1 for r in rows if r.status == "checked_in"),
                "form": SessionForm(instance=self.session),
                "shifts": shifts.shifts_for(self.session)}


class DepartureShift(SessionMixin, View):
    """A volunteer shift at the bus for this session (volunteers app, kind camp)."""

    permission_required = "volunteers.add_shift"

    def post(self, request):
        shift = shifts.add_departure_shift(request.user, self.session)
        messages.success(request, _("Volunteer shift added: %(shift)s.") % {"shift": shift})
        return redirect(self.session)


class SessionEdit(SessionMixin, View):
    permission_required = "camps.change_campsession"

    def post(self, request):
        form = SessionForm(request.POST, instance=self.session)
        if form.is_valid():
            services.update_session(request.user, self.session, form)
        else:
            messages.error(request, form.errors.as_text())
        return redirect(self.session)


class BusNotice(SessionMixin, View):
    """SMS to the parents on departure / on the way back: preview, then confirmed=1."""

    permission_required = "camps.change_campsession"

    def post(self, request, which: str):
        if which not in ("departure", "return"):
            raise Http404
        eta = request.POST.get("eta", "")[:20]
        if request.POST.get("confirmed") != "1":
            texts = services.notify_bus(request.user, self.session, which, eta=eta,
                                        dry_run=True)
            return _confirm(request, self.camp, title=str(self.session), texts=texts,
                            changes=[], button=_("Send"), hidden=[("eta", eta)],
                            action=reverse("camps:bus_notice", args=[
                                self.camp.pk, self.session.pk, which]))
        count = len(services.notify_bus(request.user, self.session, which, eta=eta))
        messages.success(request, _("SMS queued: %(n)s.") % {"n": count})
        return redirect(self.session)


class Applications(CampMixin, ObjectListView):
    permission_required = "camps.view_application"
    filterset_class = ApplicationFilterSet
    template_name = "camps/applications.html"
    table_template = "camps/partials/application_table.html"
    default_per_page = 50
    export_columns = [("first_name", gettext_lazy("first name")),
                      ("child.last_name", gettext_lazy("last name")),
                      ("get_status_display", gettext_lazy("status")),
                      ("score", gettext_lazy("points"))]
    export_filename = "zgloszenia"

    def get_queryset(self):
        return scope.visible(Application.objects.filter(camp=self.camp), self.request.user
                             ).select_related("child", "participant").order_by("-score", "id")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sessions = {s.pk: s for s in self.camp.sessions.all()}
        context["object_list"] = list(context["object_list"])
        for application in context["object_list"]:
            participant = application.participant
            application.session = sessions.get(participant.group) if participant else None
        return {**context, "camp": self.camp, "sessions": sessions}


class Apply(CampMixin, View):
    """A social worker files an application for a child of a household she serves."""

    permission_required = "camps.add_application"

    def _household(self, request, value):
        return visible_households(request.user).filter(pk=int_or_none(value) or 0).first()

    def _form(self, household, data=None):
        children = Person.objects.filter(household=household).exclude(
            relation="head").order_by("first_name") if household else []
        return ApplicationForm(data, children=children, sessions=self.camp.sessions.all())

    def get(self, request):
        household = self._household(request, request.GET.get("household"))
        query = request.GET.get("q", "")
        found = visible_households(request.user).filter(
            display_name__icontains=query)[:20] if query else []
        return render(request, "camps/apply.html", {
            "camp": self.camp, "household": household, "found": found, "q": query,
            "form": self._form(household) if household else None})

    def post(self, request):
        household = get_object_or_404(visible_households(request.user),
                                      pk=request.POST.get("household") or 0)
        form = self._form(household, request.POST)
        if not form.is_valid():
            return render(request, "camps/apply.html", {"camp": self.camp,
                                                        "household": household, "form": form})
        data = dict(form.cleaned_data)
        child = Person.objects.get(pk=data.pop("child"), household=household)
        order = [int(i) for i in request.POST.getlist("preferences") if i.isdigit()]
        data.pop("preferences")
        try:
            services.file_application(request.user, self.camp, child=child,
                                      preferences=order, **data)
        except ServiceError as exc:
            messages.error(request, exc.message)
            return redirect("camps:apply", pk=self.camp.pk)
        messages.success(request, _("Application filed."))
        return redirect("camps:applications", pk=self.camp.pk)


class ApplicationMixin(CampMixin):
    def dispatch(self, request, pk, aid, *args, **kwargs):
        self.application = get_object_or_404(
            scope.visible(Application.objects.all(), request.user).select_related(
                "child", "participant", "household"), pk=aid, camp_id=pk)
        return super().dispatch(request, pk, *args, **kwargs)


class ApplicationDetail(ApplicationMixin, TemplateView):
    permission_required = "camps.view_application"
    template_name = "camps/application_detail.html"

    def get_context_data(self, **kwargs):
        application, user = self.application, self.request.user
        health = HealthCard.objects.get_or_create(application=application)[0] \
            if user.has_perm("camps.view_healthcard") else None
        households = visible_households(user).filter(display_name__icontains=self.request.GET.get(
            "q", "")) if self.request.GET.get("q") else []
        return {**super().get_context_data(**kwargs), "camp": self.camp,
                "application": application, "documents_form": DocumentsForm(
                    instance=application), "health": health,
                "health_form": HealthForm(instance=health) if health else None,
                "sessions": {s.pk: s for s in self.camp.sessions.all()},
                "candidates": Person.objects.filter(household__in=households)[:20]
                if households else []}


class ApplicationAction(ApplicationMixin, View):
    permission_required = "camps.change_application"

    def post(self, request, action: str):
        application, user = self.application, request.user
        try:
            if action == "documents":
                form = DocumentsForm(request.POST, instance=Application(pk=application.pk))
                if form.is_valid():
                    services.set_documents(user, application, **form.cleaned_data)
            elif action == "withdraw":
                services.withdraw(user, application)
                messages.success(request, _("Withdrawn; the place was offered on."))
            elif action == "verify":
                child = get_object_or_404(Person.objects.filter(
                    household__in=visible_households(user)), pk=request.POST.get("child"))
                services.verify(user, application, child)
            elif action == "health":
                if not user.has_perm("camps.change_healthcard"):
                    raise Http404
                card = HealthCard.objects.get_or_create(application=application)[0]
                form = HealthForm(request.POST, request.FILES, instance=card)
                if form.is_valid():
                    services.save_health(user, card, form)
                else:
                    messages.error(request, form.errors.as_text())
            else:
                raise Http404
        except ServiceError as exc:
            messages.error(request, exc.message)
        return redirect("camps:application", pk=self.camp.pk, aid=application.pk)


class CardPdf(ApplicationMixin, View):
    """The karta kwalifikacyjna, pre-filled (health parts only for camps.view_healthcard)."""

    permission_required = "camps.view_application"

    def get(self, request):
        with_health = request.user.has_perm("camps.view_healthcard")
        response = HttpResponse(documents.card_pdf(self.application, with_health),
                                content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="karta-kwalifikacyjna.pdf"'
        return response


class SignedScan(ApplicationMixin, View):
    permission_required = "camps.view_healthcard"

    def get(self, request):
        card = getattr(self.application, "health", None)
        if card is None or not card.signed_scan:
            raise Http404
        response = HttpResponse(card.signed_scan.read(),
                                content_type="application/octet-stream")
        response["Content-Disposition"] = 'attachment; filename="karta-podpisana"'
        return response


class Qualification(CampMixin, TemplateView):
    permission_required = "camps.view_qualificationrun"
    template_name = "camps/qualification.html"

    def get_context_data(self, **kwargs):
        run = self.camp.runs.first()
        apps = {a.pk: a for a in Application.objects.filter(
            pk__in=[r["application"] for r in run.result] if run else []).select_related(
            "child", "participant")}
        sessions = {s.pk: s for s in self.camp.sessions.all()}
        rows = [{**r, "app": apps.get(r["application"]), "session": sessions.get(
            r["session"]), "why": qualification.WAIT_REASONS.get(r.get("reason"))}
            for r in (run.result if run else [])]
        return {**super().get_context_data(**kwargs), "camp": self.camp, "run": run,
                "rows": rows}


class Report(CampMixin, TemplateView):
    permission_required = "camps.view_camp"
    template_name = "camps/report.html"

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "csv":
            return exports.csv_response("kolonie-raport", selectors.report_rows(self.camp))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "camp": self.camp,
                "report": selectors.report(self.camp)}


class BusListPdf(SessionMixin, View):
    """The bus list to print: first name, code and QR; no health, no phone numbers."""

    permission_required = "distribution.check_in"

    def get(self, request):
        response = HttpResponse(documents.bus_list_pdf(self.session),
                                content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="lista-autobus.pdf"'
        return response
