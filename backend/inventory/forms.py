from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Item


class QuantityForm(forms.Form):
    quantity = forms.DecimalField(label=_("Quantity"), min_value=0, max_digits=14,
                                  decimal_places=3, localize=True)
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)


class LinkEanForm(forms.Form):
    code = forms.CharField(max_length=32, widget=forms.HiddenInput)
    item = forms.ModelChoiceField(label=_("Item"), queryset=Item.objects.filter(is_active=True))


class LabelOptionsForm(forms.Form):
    GRIDS = [("3x8", "3 × 8"), ("2x7", "2 × 7"), ("3x7", "3 × 7"), ("2x4", "2 × 4")]
    grid = forms.ChoiceField(label=_("Label sheet"), choices=GRIDS, initial="3x8")
    skip = forms.IntegerField(label=_("Skip labels already used"), min_value=0, initial=0,
                              required=False)
