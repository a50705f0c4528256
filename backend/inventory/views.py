"""Stock screens: lists, lot and location pages, labels, stock-take."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from backend.accounts import scope
from backend.common.collation import polish
from backend.common.errors import ServiceError
from backend.common.parsing import get_object_or_404
from backend.common.views import ObjectListView, ProtectedMixin

from . import labels, selectors, services, stocktake
from .filters import BalanceFilterSet, ItemFilterSet
from .forms import LabelOptionsForm
from .models import Location, Lot, StockTake


class StockListView(ObjectListView):
    """Stock by location and lot (filter by item, category, location, expiry)."""

    permission_required = "inventory.view_balance"
    filterset_class = BalanceFilterSet
    template_name = "inventory/stock_list.html"
    table_template = "inventory/partials/stock_table.html"
    export_filename = "stan-magazynu"

    def get_queryset(self):
        return scope.visible(selectors.stock_balances(), self.request.user).order_by(
            "lot__item__name", "lot__expiry", "location")

    @property
    def export_columns(self):
        return [("lot.item.name", _("Item")), ("lot_id", _("Lot")),
                ("location.path", _("Location")), ("quantity", _("Quantity")),
                ("reserved", _("Reserved")), ("lot.expiry", _("Expiry date"))]


class ItemStockView(ObjectListView):
    """Stock by item with totals; `?low=1` shows only items below their minimum."""

    permission_required = "inventory.view_balance"
    filterset_class = ItemFilterSet
    template_name = "inventory/item_list.html"
    table_template = "inventory/partials/item_table.html"

    def get_queryset(self):
        if self.request.GET.get("low"):
            return selectors.low_stock()
        return selectors.item_totals().order_by(polish("category__name"), polish("name"))


class ExpiringView(ObjectListView):
    permission_required = "inventory.view_balance"
    filterset_class = BalanceFilterSet
    template_name = "inventory/expiring.html"
    table_template = "inventory/partials/stock_table.html"

    def get_queryset(self):
        return scope.visible(selectors.expiring(14), self.request.user)


class LotDetailView(ProtectedMixin, View):
    permission_required = "inventory.view_lot"

    def get(self, request, pk):
        lot = get_object_or_404(Lot.objects.select_related("item__category"), pk=pk)
        return render(request, "inventory/lot_detail.html", {
            "lot": lot, "tag": selectors.active_tag(lot),
            "balances": selectors.lot_balances(lot),
            "history": selectors.lot_history(lot)[:500]})


class LocationListView(ProtectedMixin, View):
    permission_required = "inventory.view_location"

    def get(self, request):
        return render(request, "inventory/location_list.html",
                      {"locations": scope.visible(Location.objects.select_related("site"),
                                                  request.user)})


class LocationDetailView(ProtectedMixin, View):
    permission_required = "inventory.view_location"

    def get(self, request, pk):
        location = get_object_or_404(scope.visible(Location.objects.all(), request.user),
                                     pk=pk)
        return render(request, "inventory/location_detail.html", {
            "location": location, "tag": selectors.active_tag(location),
            "balances": selectors.stock_balances().filter(location=location)
            .order_by(polish("lot__item__name"), "lot_id"),
            "children": location.children.all(),
            "stock_takes": location.stock_takes.all()[:10]})


class LabelsView(ProtectedMixin, View):
    """PDF labels: ?lot=1&lot=2 and/or ?location=3; grid 3x8, 2x7…; reprint any time."""

    permission_required = "inventory.view_lot"

    def get(self, request):
        form = LabelOptionsForm(request.GET or None)
        grid = form.cleaned_data["grid"] if form.is_valid() else "3x8"
        skip = (form.cleaned_data.get("skip") or 0) if form.is_valid() else 0
        lot_ids = [int(x) for x in request.GET.getlist("lot") if x.isdigit()]
        location_ids = [int(x) for x in request.GET.getlist("location") if x.isdigit()]
        tags = labels.tags_for(lots=lot_ids, locations=location_ids)
        pdf = labels.label_sheet([labels.label_for_tag(t) for t in tags], grid, skip)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="etykiety.pdf"'
        return response


class StockTakeStartView(ProtectedMixin, View):
    permission_required = "inventory.count_stock"

    def post(self, request, pk):
        location = get_object_or_404(Location, pk=pk)
        take = stocktake.start(request.user, location)
        return redirect("inventory:stocktake", pk=take.pk)


class StockTakeView(ProtectedMixin, View):
    permission_required = "inventory.count_stock"

    def get(self, request, pk):
        take = get_object_or_404(StockTake.objects.select_related("location"), pk=pk)
        return render(request, "inventory/stocktake.html",
                      {"take": take, "rows": stocktake.review(take)})

    def post(self, request, pk):
        take = get_object_or_404(StockTake, pk=pk)
        try:
            if "confirm" in request.POST:
                if not request.user.has_perm("inventory.adjust_stock"):
                    return HttpResponse(status=403)
                count = stocktake.confirm(request.user, take)
                messages.success(request, _("Stock-take confirmed: %(n)s adjustment(s).")
                                 % {"n": count})
            else:
                lot = get_object_or_404(Lot, pk=request.POST.get("lot"))
                stocktake.count(request.user, take, lot, request.POST.get("counted", ""))
        except ServiceError as err:  # shown, then the page continues
            self.refused(err)
        return redirect("inventory:stocktake", pk=pk)


class LotPhotoView(ProtectedMixin, View):
    permission_required = "inventory.add_lotphoto"

    def post(self, request, pk):
        lot = get_object_or_404(Lot, pk=pk)
        upload = request.FILES.get("photo")
        if upload is None:
            messages.error(request, _("Choose a photo."))
        else:
            try:
                services.add_photo(request.user, lot, upload)
                messages.success(request, _("Photo added."))
            except ServiceError as err:  # shown, then the page continues
                self.refused(err)
        return redirect("inventory:lot_detail", pk=pk)
