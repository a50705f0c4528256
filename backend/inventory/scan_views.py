"""/scan: one page for camera, keyboard-wedge and manual entry (htmx partials)."""

from django.db import transaction
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import View

from backend.common.parsing import get_object_or_404
from backend.common.views import ProtectedMixin

from . import scanning, selectors, services
from .models import Balance, Location, Lot

PARTIAL = "inventory/partials/scan_result.html"
ACTION_PERMS = {"move": "inventory.move_stock", "issue": "inventory.issue_stock",
                "adjust": "inventory.adjust_stock", "count": "inventory.count_stock",
                "link_ean": "inventory.add_itembarcode", "receive": "inventory.receive_stock"}


class ScanView(ProtectedMixin, View):
    permission_required = "inventory.view_lot"

    def get(self, request, token: str = ""):
        context = {"initial_code": token, "move_targets": None, "count_targets": None}
        shelves = Location.objects.filter(
            kind__in=[Location.Kind.SHELF, Location.Kind.ZONE], is_active=True).only("id", "path")
        if request.user.has_perm("inventory.move_stock"):
            context["move_targets"] = shelves
        if request.user.has_perm("inventory.count_stock"):
            context["count_targets"] = shelves
        if request.user.has_perm("inventory.receive_stock"):
            from backend.donations.selectors import open_drives

            context["drive_targets"] = open_drives()
        return render(request, "inventory/scan.html", context)


def _answer(request, context: dict, status_ok: bool, log_entry=None):
    context.setdefault("ok", status_ok)
    response = render(request, PARTIAL, context)
    response["HX-Trigger"] = "scan-ok" if status_ok else "scan-error"
    return response


def _pending(lot_id: str, from_id: str) -> tuple[Lot, Location | None]:
    """The lot waiting for its target shelf and where it is taken from, in one query."""
    if not str(lot_id).isdigit():
        raise Http404
    if str(from_id).isdigit():
        balance = Balance.objects.select_related("lot__item", "location").filter(
            lot_id=lot_id, location_id=from_id).first()
        if balance is not None:
            return balance.lot, balance.location
    return get_object_or_404(Lot.objects.select_related("item"), pk=lot_id), None


class ScanResolveView(ProtectedMixin, View):
    """POST code (+ nonce, device_time). With `pending=move` and a lot, a scanned
    location is the target; with `mode_move_to`, every scanned lot moves there."""

    permission_required = "inventory.view_lot"

    def post(self, request):
        data = request.POST
        raw, nonce = data.get("code", ""), data.get("nonce", "")
        try:
            # The scan and its log entry commit together; a nonce already logged means
            # a retried request: the repeat is rolled back and answered as before.
            with transaction.atomic():
                return self._scan(request, data, raw, nonce)
        except scanning.Replayed:
            done = scanning.previous(request.user, nonce)
            return _answer(request, {"message": done.response.get("message", ""),
                                     "repeat": True, "result": done.result},
                           done.result not in scanning.ERRORS)

    def _scan(self, request, data, raw: str, nonce: str):
        resolved = scanning.resolve(raw)
        context = {"r": resolved, "can": self._can(request.user)}
        result, message = resolved.result, resolved.message
        try:
            target_mode = data.get("mode_move_to")
            pending_lot = data.get("pending_lot")
            count_mode = data.get("mode_count")
            if resolved.result == scanning.LOT and count_mode and context["can"]["count"]:
                location = get_object_or_404(Location, pk=count_mode)
                if resolved.lot.kind == Lot.Kind.UNIT:  # a unit is one: no question asked
                    message = scanning.act(request.user, "count", resolved.lot, location, "1")
                    result = "counted"
                else:
                    context["count_at"] = location
                    message = _("How many are there? Enter the quantity.")
            elif resolved.result == scanning.LOT and target_mode and context["can"]["move"]:
                target = get_object_or_404(Location, pk=target_mode)
                message = scanning.move_to(request.user, resolved.lot, target)
                result = "moved"
            elif (resolved.result == scanning.LOCATION and target_mode and context["can"]["move"]
                  and resolved.location.kind == Location.Kind.CONTAINER):
                target = get_object_or_404(Location, pk=target_mode)
                services.move_container(request.user, resolved.location, target)
                message = _("Moved %(box)s with everything in it to %(location)s.") % {
                    "box": resolved.location.name, "location": target}
                result = "moved"
            elif resolved.result == scanning.LOCATION and pending_lot and context["can"]["move"]:
                lot, source = _pending(pending_lot, data.get("pending_from", ""))
                message = scanning.move_to(request.user, lot, resolved.location, source)
                result = "moved"
        except services.StockError as err:
            result, message = "refused", str(err)
        ok = result not in scanning.ERRORS
        scanning.log(request.user, raw, "resolve", result, nonce=nonce,
                     device_time=data.get("device_time"), lot=resolved.lot,
                     location=resolved.location, response={"message": message}, strict=True)
        context.update(message=message, result=result)
        if resolved.result == scanning.LOCATION and result == scanning.LOCATION:
            context["contents"] = selectors.stock_balances().filter(
                location=resolved.location).order_by("lot__item__name")[:30]
        if resolved.result == scanning.LOT and result == scanning.LOT:
            context["fefo"] = selectors.earlier_expiring(resolved.lot)
        if resolved.result == scanning.EAN and context["can"]["receive"]:
            from backend.donations.selectors import open_drive

            context["drive"] = open_drive(data.get("mode_drive"))
            context["shelves"] = Location.objects.filter(is_active=True).exclude(
                kind=Location.Kind.WAREHOUSE).only("id", "path")
        if resolved.result == scanning.EAN_UNKNOWN and context["can"]["link_ean"]:
            context["items"] = scanning.Item.objects.filter(is_active=True).only("id", "name")
        return _answer(request, context, ok)

    @staticmethod
    def _can(user) -> dict[str, bool]:
        return {name: user.has_perm(perm) for name, perm in ACTION_PERMS.items()}


class ScanActionView(ProtectedMixin, View):
    """POST action (issue, adjust, count, link_ean) for one lot at one location."""

    permission_required = "inventory.view_lot"

    def post(self, request):
        data = request.POST
        action = data.get("action", "")
        if action not in ACTION_PERMS or not request.user.has_perm(ACTION_PERMS[action]):
            return _answer(request, {"message": _("Your role does not allow this."),
                                     "result": "denied"}, False)
        nonce = data.get("nonce", "")
        done = scanning.previous(request.user, nonce)
        if done is not None:
            return _answer(request, {"message": done.response.get("message", ""),
                                     "repeat": True, "result": done.result},
                           done.result == "done")
        lot = location = label_lot = None
        try:
            if action == "receive":
                item = get_object_or_404(scanning.Item, pk=data.get("item"))
                location = get_object_or_404(Location, pk=data.get("location"))
                lot = scanning.receive_by_scan(request.user, item, location,
                                               data.get("quantity", ""), data.get("expiry", ""),
                                               drive_id=data.get("drive"))
                message = _("Received %(quantity)s %(unit)s of %(item)s into %(location)s.") % {
                    "quantity": services.num(lot.received_quantity),
                    "unit": item.get_unit_display(), "item": item.name, "location": location}
                label_lot = lot
            elif action == "link_ean":
                item = get_object_or_404(scanning.Item, pk=data.get("item"))
                scanning.link_ean(request.user, data.get("code", ""), item)
                message = _("Barcode linked to %(item)s.") % {"item": item.name}
            else:
                lot = get_object_or_404(Lot.objects.select_related("item"), pk=data.get("lot"))
                location = get_object_or_404(Location, pk=data.get("location"))
                message = scanning.act(request.user, action, lot, location,
                                       data.get("quantity", ""), data.get("reason", ""))
            result = "done"
        except services.StockError as err:
            result, message = "refused", str(err)
        scanning.log(request.user, data.get("code", "") or f"lot:{data.get('lot', '')}", action,
                     result, nonce=nonce, device_time=data.get("device_time"), lot=lot,
                     location=location, response={"message": message})
        return _answer(request, {"message": message, "result": result, "label_lot": label_lot},
                       result == "done")
