import re

from django import forms
from django.utils.translation import gettext_lazy as _

from backend.common.phones import parse_phone

from .models import Site


class SiteForm(forms.ModelForm):
    class Meta:
        model = Site
        fields = ["name", "kind", "street", "postal_code", "city", "phone", "opening_hours",
                  "is_active"]
        widgets = {"opening_hours": forms.Textarea(attrs={"rows": 3})}

    def clean_postal_code(self):
        value = self.cleaned_data["postal_code"].strip()
        if not re.fullmatch(r"\d{2}-\d{3}", value):
            raise forms.ValidationError(_("Enter a postal code like 90-001."))
        return value

    def clean_phone(self):
        # The phone goes into SMS notices and documents: stored E.164, shown the Polish way.
        value = self.cleaned_data["phone"].strip()
        return parse_phone(value).e164 if value else ""
