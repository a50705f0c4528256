from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from backend.distribution.models import PickupSlot
from backend.people.models import Household

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
    """The amount per heating type is one number field per type (no JSON for people to type)."""

    class Meta:
        model = Target
        fields = ["item", "quantity", "policy", "amount", "cap", "minimum", "min_age",
                  "max_age"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("quantity", "amount", "cap", "minimum"):  # "1,5", never "1.000"
            field = self.fields[name]
            field.localize = True  # a type=number input cannot show "1,5": a text input
            field.widget = forms.TextInput(attrs={"inputmode": "decimal"})
            field.widget.is_localized = True
            value = self.initial.get(name)
            if isinstance(value, Decimal):
                self.initial[name] = value.quantize(Decimal(1)) if value == value.to_integral() \
                    else value.normalize()
        current = self.instance.heating_amounts or {}
        for code, label in Household.Heating.choices:
            self.fields[f"heating_{code}"] = forms.DecimalField(
                label=_("Amount for heating: %(type)s") % {"type": label}, required=False,
                min_value=0, decimal_places=3, initial=current.get(code), localize=True,
                help_text=_("Only for the policy by heating type; leave empty if none."))

    def heating_amounts(self) -> dict[str, float]:
        return {code: float(self.cleaned_data[f"heating_{code}"])
                for code, _label in Household.Heating.choices
                if self.cleaned_data.get(f"heating_{code}") not in (None, "")}

    def target_data(self) -> dict:
        """What services.update_target gets: the model fields and the amounts by heating."""
        return {**{f: self.cleaned_data[f] for f in self.Meta.fields},
                "heating_amounts": self.heating_amounts()}

    def save(self, commit=True):
        self.instance.heating_amounts = self.heating_amounts()
        return super().save(commit)


class SlotForm(forms.ModelForm):
    class Meta:
        model = PickupSlot
        fields = ["site", "date", "start", "end", "capacity"]
        widgets = {"date": DATE, "start": forms.TimeInput(attrs={"type": "time"}),
                   "end": forms.TimeInput(attrs={"type": "time"})}


class CorrectionForm(forms.Form):
    quantity = forms.DecimalField(label=_("quantity"), min_value=0, decimal_places=3)
    reason = forms.CharField(label=_("reason"), max_length=200)
