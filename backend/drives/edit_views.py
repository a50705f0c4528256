"""Creating and correcting a drive and its targets: the shared ObjectEditView, the rules
(closed drives, allocated targets) in services."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views import View

from backend.accounts import scope
from backend.common.errors import ServiceError
from backend.common.parsing import get_object_or_404
from backend.common.views import ObjectEditView, ProtectedMixin
from backend.distribution import slots
from backend.distribution.models import PickupSlot

from . import services
from .forms import DriveForm, SlotForm, TargetForm
from .models import Drive, Target


class DriveCreate(ObjectEditView):
    permission_required = "drives.add_drive"
    form_class = DriveForm
    template_name = "drives/drive_form.html"

    def save(self, form, formset):
        data = dict(form.cleaned_data)
        return services.create_drive(self.request.user, sites=data.pop("sites"),
                                     coordinators=data.pop("coordinators"), **data)


class DriveEdit(ObjectEditView):
    permission_required = "drives.change_drive"
    queryset = Drive.objects.all()
    form_class = DriveForm
    template_name = "drives/drive_form.html"
    service = services.update_drive
    success_message = _("Changes saved.")

    def refusal(self, drive):
        return services.edit_refusal(drive)


def _visible_drive(request, pk: int) -> Drive:
    return get_object_or_404(scope.visible(Drive.objects.all(), request.user), pk=pk)


class TargetMixin:
    def get_queryset(self):
        drive = _visible_drive(self.request, self.kwargs["pk"])
        return Target.objects.select_related("drive", "item").filter(drive=drive)

    def get_object(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["target_id"])


class TargetEdit(TargetMixin, ObjectEditView):
    permission_required = "drives.change_target"
    form_class = TargetForm
    template_name = "drives/target_form.html"
    success_message = _("Changes saved.")

    def refusal(self, target):
        return services.edit_refusal(target.drive)

    def save(self, form, formset):
        return services.update_target(self.request.user, self.object, form.target_data())

    def get_success_url(self, target):
        return target.drive.get_absolute_url()


class TargetDelete(TargetMixin, ProtectedMixin, View):
    """POST only (the button on the target's edit page)."""

    permission_required = "drives.delete_target"

    def post(self, request, pk, target_id):
        target = self.get_object()
        try:
            services.delete_target(request.user, target)
        except ServiceError as err:
            messages.error(request, err.message)
            return redirect("drives:target_edit", pk=pk, target_id=target_id)
        messages.success(request, _("Target removed."))
        return redirect(target.drive)


class SlotEdit(ObjectEditView):
    """Capacity any time (not below the places taken); day, hours and site while nobody
    is booked (they were told by SMS)."""

    permission_required = "distribution.change_pickupslot"
    form_class = SlotForm
    template_name = "drives/slot_form.html"
    success_message = _("Changes saved.")

    def get_object(self):
        drive = _visible_drive(self.request, self.kwargs["pk"])
        return get_object_or_404(PickupSlot.objects.select_related("site"),
                                 pk=self.kwargs["slot_id"], distribution__drive=drive)

    def refusal(self, slot):
        return services.edit_refusal(slot.distribution.drive)

    def save(self, form, formset):
        return slots.update_slot(self.request.user, self.object, form.cleaned_data)

    def get_success_url(self, slot):
        return slot.distribution.drive.get_absolute_url()

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "booked": slots.booked(self.object),
                "drive": self.object.distribution.drive}
