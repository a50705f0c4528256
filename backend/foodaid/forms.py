from django import forms
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import Site
from backend.common.parsing import csv_upload_text, finite_decimal

from .models import Reason, Referral, SubProgramme, TargetGroup

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AmountField(forms.DecimalField):
    """Money or kg as people type them: "2 500,00", "2500.5" (common.parsing)."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return finite_decimal(value)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class ReferralForm(forms.ModelForm):
    reasons = forms.MultipleChoiceField(label=_("reasons (art. 7)"), choices=Reason.choices,
                                        widget=forms.CheckboxSelectMultiple)
    target_groups = forms.MultipleChoiceField(label=_("target groups"), required=False,
                                              choices=TargetGroup.choices,
                                              widget=forms.CheckboxSelectMultiple)
    override_reason = forms.CharField(
        label=_("override reason"), required=False, max_length=300,
        help_text=_("Only when the income is above the threshold and the referral is "
                    "accepted anyway (coordinator; recorded in the history)."))

    class Meta:
        model = Referral
        fields = ["number", "issuing_centre", "subprogramme", "person", "issued_on",
                  "valid_until", "reasons", "females", "males", "children", "seniors",
                  "target_groups", "income_per_person", "statement_on"]
        widgets = {f: DATE for f in ("issued_on", "valid_until", "statement_on")}
        field_classes = {"income_per_person": AmountField}

    def __init__(self, *args, household=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = household.members.all() if household else \
            self.fields["person"].queryset.none()
        self.fields["income_per_person"].localize = True
        self.fields["income_per_person"].widget = forms.TextInput(attrs={"inputmode": "decimal"})


class StatementForm(forms.Form):
    statement_on = forms.DateField(label=_("statement signed on"), widget=DATE)


class CorrectionForm(forms.Form):
    article = forms.ModelChoiceField(label=_("article"), queryset=None)
    quantity = AmountField(label=_("quantity"), max_digits=14, decimal_places=3,
                           localize=True, widget=forms.TextInput(attrs={"inputmode": "decimal"}),
                           help_text=_("negative to correct a mistake"))
    reason = forms.CharField(label=_("reason"), max_length=200)

    def __init__(self, *args, subprogramme=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["article"].queryset = subprogramme.articles.select_related("item")
        self.fields["article"].label_from_instance = lambda a: a.item.name


class ImportForm(forms.Form):
    subprogramme = forms.ModelChoiceField(label=_("sub-programme"),
                                          queryset=SubProgramme.objects.all())
    issuing_centre = forms.CharField(label=_("issuing centre"), max_length=160,
                                     help_text=_("Used where the file has no centre column"))
    file = forms.FileField(label=_("CSV file"))

    def clean_file(self):
        return csv_upload_text(self.cleaned_data["file"])


class HandoutListForm(forms.Form):
    site = forms.ModelChoiceField(label=_("site"), queryset=Site.objects.filter(is_active=True))
    day = forms.DateField(label=_("date"), widget=DATE)


class SummaryForm(forms.Form):
    subprogramme = forms.ModelChoiceField(label=_("sub-programme"),
                                          queryset=SubProgramme.objects.all())
    month = forms.CharField(label=_("month"), required=False,
                            widget=forms.DateInput(attrs={"type": "month"}),
                            help_text=_("Leave empty for the final summary"))
