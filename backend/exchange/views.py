"""Staff pages of the equipment exchange (thin: services do the work)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from backend.common.collation import polish
from backend.common.errors import ServiceError
from backend.common.parsing import date_or_none, get_object_or_404
from backend.common.views import ObjectListView, ProtectedMixin, back_to

from . import selectors, services
from .filters import OfferFilterSet, RequestFilterSet, TransportTaskFilterSet
from .forms import OfferForm, RequestForm, ScanStepForm, TransportForm, VerifyForm
from .models import EquipmentRequest, Match, Offer, TransportTask
from .protocol import protocol_pdf

MANAGE = "exchange.manage_exchange"


class HomeView(ProtectedMixin, View):
    permission_required = "exchange.view_transporttask"

    def get(self, request):
        if request.user.has_perm("exchange.view_offer"):
            return redirect("exchange:offer_list")
        return redirect("exchange:run_sheet")


class OfferListView(ObjectListView):
    permission_required = "exchange.view_offer"
    filterset_class = OfferFilterSet
    template_name = "exchange/offer_list.html"
    table_template = "exchange/partials/offer_table.html"
    export_filename = "oferty-sprzetu"
    # No donor data: social workers may export too.
    export_columns = [("pk", "ID"), ("title", gettext_lazy("What it is")),
                      ("category", gettext_lazy("Category")),
                      ("get_status_display", gettext_lazy("Status")),
                      ("get_condition_display", gettext_lazy("Condition")),
                      ("dimensions", gettext_lazy("Dimensions")),
                      ("collect_by", gettext_lazy("Must be collected by")),
                      ("created_at", gettext_lazy("Received"))]

    def get_queryset(self):
        return Offer.objects.select_related("category").prefetch_related("photos")


class GalleryView(ProtectedMixin, View):
    permission_required = MANAGE

    def get(self, request):
        offers = Offer.objects.filter(status__in=Offer.MATCHABLE).select_related(
            "category").prefetch_related("photos").order_by(polish("category__name"), "created_at")
        return render(request, "exchange/gallery.html", {"offers": offers})


class OfferCreateView(ProtectedMixin, View):
    permission_required = "exchange.add_offer"

    def get(self, request):
        return render(request, "exchange/offer_form.html", {"form": OfferForm()})

    def post(self, request):
        form = OfferForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, "exchange/offer_form.html", {"form": form}, status=400)
        data = dict(form.cleaned_data)
        offer = services.create_offer(request.user, data, photos=data.pop("photos"))
        messages.success(request, _("Offer saved."))
        return redirect(offer)


class OfferEditView(ProtectedMixin, View):
    permission_required = "exchange.change_offer"

    def get(self, request, pk):
        offer = get_object_or_404(Offer, pk=pk)
        return render(request, "exchange/offer_form.html",
                      {"form": OfferForm(instance=offer), "offer": offer})

    def post(self, request, pk):
        offer = get_object_or_404(Offer, pk=pk)
        form = OfferForm(request.POST, request.FILES, instance=Offer.objects.get(pk=pk))
        if not form.is_valid():
            return render(request, "exchange/offer_form.html", {"form": form, "offer": offer},
                          status=400)
        data = dict(form.cleaned_data)
        try:
            services.update_offer(request.user, offer, data, photos=data.pop("photos"))
        except ServiceError as err:  # shown, then the page continues
            self.refused(err)
        else:
            messages.success(request, _("Offer saved."))
        return redirect(offer)


def _offer_context(request, offer: Offer) -> dict:
    can_manage = request.user.has_perm(MANAGE)
    match = selectors.live_match(offer)
    context = {"offer": offer, "match": match, "can_manage": can_manage,
               "photos": offer.photos.all(), "history": selectors.history_rows(offer),
               "tasks": TransportTask.objects.filter(match__offer=offer).select_related(
                   "driver"), "verify_form": VerifyForm(initial={"item": offer.item_id}),
               "past_matches": offer.matches.exclude(status__in=Match.ACTIVE)
               .select_related("request")}
    if can_manage and offer.status in Offer.MATCHABLE:
        context["suggestions"] = selectors.suggested_requests(offer)[:10]
    if can_manage and match is not None and match.status == Match.Status.ACCEPTED:
        context["transport_form"] = TransportForm(initial={"date": timezone.localdate()})
    return context


class OfferDetailView(ProtectedMixin, View):
    permission_required = "exchange.view_offer"

    def get(self, request, pk):
        offer = get_object_or_404(Offer.objects.select_related("category", "item", "lot"),
                                  pk=pk)
        return render(request, "exchange/offer_detail.html", _offer_context(request, offer))


class OfferActionView(ProtectedMixin, View):
    permission_required = MANAGE

    def post(self, request, pk, action):
        offer = get_object_or_404(Offer, pk=pk)
        try:
            if action == "verify":
                form = VerifyForm(request.POST)
                form.is_valid()
                services.verify(request.user, offer, form.cleaned_data.get("item"))
                services.publish(request.user, offer)
                messages.success(request, _("Verified and available for matching."))
            elif action == "withdraw":
                services.withdraw(request.user, offer)
                messages.success(request, _("Offer withdrawn."))
            elif action == "pass_on":
                match = get_object_or_404(Match, offer=offer, status=Match.Status.PROPOSED)
                services.pass_on(request.user, match)
                messages.success(request, _("Passed on to the next in line."))
            elif action == "handover":
                match = get_object_or_404(Match, offer=offer, status=Match.Status.ACCEPTED)
                services.confirm_handover(request.user, match)
                messages.success(request, _("Handed over. The request is fulfilled."))
            else:
                raise PermissionDenied
        except ServiceError as err:  # shown, then the page continues
            self.refused(err)
        return redirect(offer)


class MatchConfirmView(ProtectedMixin, View):
    """The coordinator confirms a suggested match (from the offer or the request)."""

    permission_required = MANAGE

    def post(self, request, pk, request_pk):
        offer = get_object_or_404(Offer, pk=pk)
        equipment_request = get_object_or_404(EquipmentRequest, pk=request_pk)
        try:
            services.confirm_match(request.user, offer, equipment_request)
            messages.success(request, _("Matched. The household gets an SMS to answer TAK or "
                                        "NIE."))
        except ServiceError as err:  # shown, then the page continues
            self.refused(err)
        if request.htmx:
            offer.refresh_from_db()
            return render(request, "exchange/partials/offer_match.html",
                          _offer_context(request, offer))
        return back_to(request, offer.get_absolute_url())


class PlanTransportView(ProtectedMixin, View):
    permission_required = MANAGE

    def post(self, request, pk):
        offer = get_object_or_404(Offer, pk=pk)
        match = get_object_or_404(Match, offer=offer, status=Match.Status.ACCEPTED)
        form = TransportForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.plan_transport(request.user, match, data["kind"], data["driver"],
                                        data["date"], data["warehouse"], data["notes"])
                messages.success(request, _("Transport planned."))
            except ServiceError as err:  # shown, then the page continues
                self.refused(err)
        else:
            messages.error(request, _("Check the transport form."))
        return redirect(offer)


class ProtocolView(ProtectedMixin, View):
    permission_required = MANAGE

    def get(self, request, pk):
        match = get_object_or_404(Match.objects.select_related(
            "offer__category", "offer__lot", "request__household__site"), pk=pk)
        response = HttpResponse(protocol_pdf(match), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="protokol-W-{match.pk}.pdf"'
        return response


class RequestListView(ObjectListView):
    permission_required = "exchange.view_equipmentrequest"
    filterset_class = RequestFilterSet
    template_name = "exchange/request_list.html"
    table_template = "exchange/partials/request_table.html"

    def get_queryset(self):
        return selectors.visible_requests(self.request.user).order_by("-urgency", "created_at",
                                                                      "id")


class RequestCreateView(ProtectedMixin, View):
    permission_required = "exchange.add_equipmentrequest"

    def get(self, request):
        form = RequestForm(user=request.user, initial={"household": request.GET.get(
            "household")})
        return render(request, "exchange/request_form.html", {"form": form})

    def post(self, request):
        form = RequestForm(request.POST, user=request.user)
        if not form.is_valid():
            return render(request, "exchange/request_form.html", {"form": form}, status=400)
        item = services.create_request(request.user, form.cleaned_data)
        messages.success(request, _("Request added to the waiting list."))
        return redirect(item)


class RequestDetailView(ProtectedMixin, View):
    permission_required = "exchange.view_equipmentrequest"

    def get(self, request, pk):
        item = get_object_or_404(selectors.visible_requests(request.user), pk=pk)
        position = None
        if item.status == EquipmentRequest.Status.WAITING:
            ids = list(selectors.waiting_list(item.category).values_list("id", flat=True))
            position = ids.index(item.pk) + 1
        context = {"item": item, "history": selectors.history_rows(item), "position": position,
                   "matches": item.matches.select_related("offer"),
                   "can_manage": request.user.has_perm(MANAGE)}
        if context["can_manage"] and item.status == EquipmentRequest.Status.WAITING:
            context["suggestions"] = selectors.suggested_offers(item)[:10]
        return render(request, "exchange/request_detail.html", context)


class RequestActionView(ProtectedMixin, View):
    permission_required = "exchange.change_equipmentrequest"

    def post(self, request, pk, action):
        item = get_object_or_404(selectors.visible_requests(request.user), pk=pk)
        try:
            if action == "reconfirm":
                services.reconfirm_request(request.user, item)
                messages.success(request, _("Confirmed: the household still needs it."))
            elif action == "cancel":
                services.cancel_request(request.user, item)
                messages.success(request, _("Request cancelled."))
            else:
                raise PermissionDenied
        except ServiceError as err:  # shown, then the page continues
            self.refused(err)
        return redirect(item)


class TaskListView(ObjectListView):
    permission_required = "exchange.view_all_transport"
    filterset_class = TransportTaskFilterSet
    template_name = "exchange/task_list.html"
    table_template = "exchange/partials/task_table.html"

    def get_queryset(self):
        return selectors.visible_tasks(self.request.user)


class RunSheetView(ProtectedMixin, View):
    """The driver's day: only their own tasks, with addresses and phone numbers."""

    permission_required = "exchange.view_transporttask"

    def get(self, request):
        day = date_or_none(request.GET.get("date")) or timezone.localdate()
        tasks = selectors.visible_tasks(request.user).filter(
            driver=request.user, date=day).prefetch_related("match__request__household__members")
        return render(request, "exchange/run_sheet.html", {
            "day": day, "tasks": tasks, "form": ScanStepForm()})


class TaskScanView(ProtectedMixin, View):
    """Confirm the next step of the driver's own task by its unit's QR (or short code)."""

    permission_required = "exchange.view_transporttask"

    def post(self, request, pk):
        task = get_object_or_404(TransportTask.objects.filter(driver=request.user), pk=pk)
        form = ScanStepForm(request.POST)
        if not form.is_valid():
            result = services.StepResult(False, "empty", _("Scan or type a code."))
        else:
            result = services.scan_step(request.user, task, form.cleaned_data["code"])
        task.refresh_from_db()
        if request.htmx:
            return render(request, "exchange/partials/task_card.html",
                          {"t": task, "result": result, "form": ScanStepForm()},
                          status=200 if result.ok else 422)
        (messages.success if result.ok else messages.error)(request, result.message)
        return redirect(reverse("exchange:run_sheet") + f"?date={task.date.isoformat()}")
