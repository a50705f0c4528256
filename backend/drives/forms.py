from django import forms
from django.utils.translation import gettext_lazy as _

from backend.distribution.models import PickupSlot

from .models import Drive, Target

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DriveForm(forms.ModelForm):
    class Meta:
        model = Drive
        fields = ["name", "kind", "collection_start", "collection_end", "distribution_start",
                  "distribution_end", "sites", "coordinators", "method", "public_progress"]
        widgets = {f: DATE for f in ("collection_start", "collection_end",
                                     "distribution_start", "distribution_end")}


class TargetForm(forms.ModelForm):
    class Meta:
        model = Target
        fields = ["item", "quantity", "policy", "amount", "cap", "minimum", "heating_amounts"]
        help_texts = {"heating_amounts": _('For example {"coal": 2, "wood": 3}')}


class SlotForm(forms.ModelForm):
    class Meta:
        model = PickupSlot
        fields = ["site", "date", "start", "end", "capacity"]
        widgets = {"date": DATE, "start": forms.TimeInput(attrs={"type": "time"}),
                   "end": forms.TimeInput(attrs={"type": "time"})}


class CorrectionForm(forms.Form):
    quantity = forms.DecimalField(label=_("quantity"), min_value=0, decimal_places=3)
    reason = forms.CharField(label=_("reason"), max_length=200)
