from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Access, Partner


class AccessForm(forms.Form):
    access = forms.ChoiceField(label=_("what it sees about recipients"), choices=Access.choices)
    why = forms.CharField(label=_("why"), max_length=300)


class TransferForm(forms.Form):
    partner = forms.ModelChoiceField(label=_("partner"), queryset=Partner.objects.all())
