from django import forms
from django.utils.translation import gettext_lazy as _

from .models import SmsTemplate


class SmsTemplateForm(forms.ModelForm):
    class Meta:
        model = SmsTemplate
        fields = ["code", "name", "language", "body", "transliterate"]
        widgets = {"body": forms.Textarea(attrs={"rows": 5})}


class BatchForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=160)
    template = forms.ModelChoiceField(label=_("Template"), queryset=SmsTemplate.objects.all())
    place = forms.CharField(label=_("Place"), required=False, max_length=120)
    date = forms.CharField(label=_("Date"), required=False, max_length=40)
    time_window = forms.CharField(label=_("Time window"), required=False, max_length=40)


class SimulateReplyForm(forms.Form):
    phone = forms.CharField(label=_("From"), max_length=20)
    body = forms.CharField(label=_("Message"), max_length=320)
