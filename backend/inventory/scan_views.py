"""/scan: one page for camera, keyboard-wedge and manual entry (htmx partials)."""

import secrets

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import View

from backend.common.collation import polish
from backend.common.parsing import get_object_or_404
from backend.common.views import ProtectedMixin

from . import scanning, selectors, services
from .models import Balance, Item, Location, Lot

PARTIAL = "inventory/partials/scan_result.html"
ACTED = {"moved", "counted", "refused"}  # a scan that did something (or was refused)
OBJECTS = {"lot": Lot.objects.select_related("item"), "location": Location.objects.all(),
           "target": Location.objects.all(), "item": Item.objects.all()}
RAW = ("quantity", "reason", "expiry", "drive", "code")


def _inputs(data) -> dict:
    """The posted ids as objects (404 for a wrong one) and the raw fields, for
    scanning.perform: the same inputs the API builds from its serializer."""
    inputs = {name: get_object_or_404(qs, pk=data.get(name))
              for name, qs in OBJECTS.items() if data.get(name)}
    return {**inputs, **{name: data.get(name, "") for name in RAW}}


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
            from backend.drives.selectors import open_drives

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
        raw = data.get("code", "")
        resolved = scanning.resolve(raw)
        can = self._can(request.user)
        # The action and its log row commit together; the log's unique nonce decides
        # between a request and its retry, which answers with the first result.
        done = scanning.once(request.user, data.get("nonce", ""),
                             lambda: self._act(request, data, resolved, can), raw=raw,
                             action="resolve", device_time=data.get("device_time"),
                             lot=resolved.lot, location=resolved.location)
        if done.repeat and done.result in ACTED:
            return _answer(request, {"message": done.message, "repeat": True,
                                     "result": done.result}, done.ok)
        # One nonce for the action forms on this card: a double tap acts once.
        context = {"r": resolved, "can": can, "message": done.message,
                   "result": done.result, "nonce": secrets.token_hex(16), **done.context}
        if resolved.result == scanning.LOCATION and done.result == scanning.LOCATION:
            context["contents"] = selectors.stock_balances().filter(
                location=resolved.location).order_by(polish("lot__item__name"), "lot_id")[:30]
        if resolved.result == scanning.LOT and done.result == scanning.LOT:
            context["fefo"] = selectors.earlier_expiring(resolved.lot)
        if resolved.result == scanning.EAN and can["receive"]:
            from backend.drives.selectors import open_drive

            context["drive"] = open_drive(data.get("mode_drive"))
            context["shelves"] = Location.objects.filter(is_active=True).exclude(
                kind=Location.Kind.WAREHOUSE).only("id", "path")
        if resolved.result == scanning.EAN_UNKNOWN and can["link_ean"]:
            context["items"] = scanning.Item.objects.filter(is_active=True).only("id", "name")
        return _answer(request, context, done.ok)

    @staticmethod
    def _act(request, data, resolved: scanning.Resolved, can: dict) -> scanning.Done:
        """What the scan does in the current mode (move, count) besides showing the code."""
        done = scanning.Done(resolved.result, resolved.message, resolved.result,
                             lot=resolved.lot, location=resolved.location)
        target_mode = data.get("mode_move_to")
        pending_lot = data.get("pending_lot")
        count_mode = data.get("mode_count")
        if resolved.result == scanning.LOT and count_mode and can["count"]:
            location = get_object_or_404(Location, pk=count_mode)
            if resolved.lot.kind == Lot.Kind.UNIT:  # a unit is one: no question asked
                done.message = scanning.perform(request.user, "count", {
                    "lot": resolved.lot, "location": location, "quantity": "1"}).message
                done.result = "counted"
            else:
                done.context["count_at"] = location
                done.message = _("How many are there? Enter the quantity.")
        elif resolved.result == scanning.LOT and target_mode and can["move"]:
            target = get_object_or_404(Location, pk=target_mode)
            done.message = scanning.move_to(request.user, resolved.lot, target)
            done.result = "moved"
        elif (resolved.result == scanning.LOCATION and target_mode and can["move"]
              and resolved.location.kind == Location.Kind.CONTAINER):
            target = get_object_or_404(Location, pk=target_mode)
            services.move_container(request.user, resolved.location, target)
            done.message = _("Moved %(box)s with everything in it to %(location)s.") % {
                "box": resolved.location.name, "location": target}
            done.result = "moved"
        elif resolved.result == scanning.LOCATION and pending_lot and can["move"]:
            lot, source = _pending(pending_lot, data.get("pending_from", ""))
            done.message = scanning.move_to(request.user, lot, resolved.location, source)
            done.result = "moved"
        if done.result != resolved.result:
            done.code = "ok"
        return done

    @staticmethod
    def _can(user) -> dict[str, bool]:
        return {name: scanning.allowed(user, name) for name in scanning.ACTIONS}


class ScanActionView(ProtectedMixin, View):
    """POST action (issue, adjust, count, link_ean) for one lot at one location."""

    permission_required = "inventory.view_lot"

    def post(self, request):
        data = request.POST
        action = data.get("action", "")
        if not scanning.allowed(request.user, action):
            return _answer(request, {"message": _("Your role does not allow this."),
                                     "result": "denied"}, False)
        inputs = _inputs(data)

        def work() -> scanning.Done:  # the registry picks the handler (scanning.perform)
            return scanning.perform(request.user, action, inputs)

        # A retry or a double tap (same nonce) answers with the first result.
        done = scanning.once(request.user, data.get("nonce", ""), work,
                             raw=data.get("code", "") or f"lot:{data.get('lot', '')}",
                             action=action, device_time=data.get("device_time"))
        return _answer(request, {"message": done.message, "result": done.result,
                                 "repeat": done.repeat, **done.context}, done.ok)
