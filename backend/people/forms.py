from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import Site
from backend.common.collation import polish
from backend.common.formsets import RowFormSet, row_formset
from backend.common.parsing import csv_upload_text
from backend.common.phones import parse_phone

from .models import Donor, Household, Person
from .validators import validate_nip, validate_pesel


class DateInput(forms.DateInput):
    input_type = "text"

    def __init__(self, attrs=None):
        super().__init__(attrs={"placeholder": "DD.MM.RRRR", "inputmode": "numeric",
                                **(attrs or {})}, format="%d.%m.%Y")


class HouseholdForm(forms.ModelForm):
    class Meta:
        model = Household
        fields = ["site", "street", "building", "apartment", "postal_code", "city", "status",
                  "heating_type", "referral_number", "referral_date", "social_worker",
                  "monthly_income", "flags", "notes"]
        widgets = {"referral_date": DateInput(), "notes": forms.Textarea(attrs={"rows": 3}),
                   "flags": forms.CheckboxSelectMultiple}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from .services import allowed_sites

        self.fields["site"].queryset = allowed_sites(user)
        from django.contrib.auth import get_user_model
        self.fields["social_worker"].queryset = get_user_model().objects.filter(
            groups__name="social_worker").order_by(polish("last_name"))

    def clean_postal_code(self):
        value = self.cleaned_data["postal_code"].strip()
        if value and not (len(value) == 6 and value[2] == "-" and
                          (value[:2] + value[3:]).isdigit()):
            raise ValidationError(_("Postal code looks like 90-001."))
        return value


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["first_name", "last_name", "birth_date", "pesel", "relation", "is_disabled",
                  "phone", "sms_consent", "sms_consent_source", "preferred_language"]
        widgets = {"birth_date": DateInput()}

    def _get_validation_exclusions(self):
        """PESEL uniqueness is reported as a duplicate with a link (selectors.find_duplicates);
        the database constraint still guarantees it."""
        return {*super()._get_validation_exclusions(), "pesel"}

    def clean_pesel(self):
        value = self.cleaned_data["pesel"].strip().replace(" ", "")
        if value:
            validate_pesel(value)
        return value

    def clean_phone(self):
        value = self.cleaned_data["phone"].strip()
        return parse_phone(value).e164 if value else ""

    def clean(self):
        """The rules live in people.services (the API obeys the same); here they are
        shown next to their fields."""
        from .services import person_errors

        cleaned = super().clean()
        if "pesel" in self.errors:
            return cleaned  # already said why the PESEL is wrong
        for field, message in person_errors(cleaned).items():
            self.add_error(field, message)
        return cleaned


class MemberForm(PersonForm):
    """A row of the new-household form: blank when no identifying field is filled,
    whatever the selects default to."""

    IDENTIFYING = ("first_name", "last_name", "pesel", "birth_date", "phone")

    def has_changed(self):
        return any((self.data.get(self.add_prefix(f)) or "").strip() for f in self.IDENTIFYING)


class BaseMemberFormSet(RowFormSet):
    def clean(self):
        if any(self.errors):
            return
        filled = self.rows()
        if not filled:
            raise ValidationError(_("A household needs at least one person."))
        pesels = [row.get("pesel") for row in filled if row.get("pesel")]
        if len(pesels) != len(set(pesels)):
            raise ValidationError(_("The same PESEL is entered twice."))


# Two rows to start with, "dodaj wiersz" for each further person (common/formsets.py).
MemberFormSet = row_formset(MemberForm, formset=BaseMemberFormSet, extra=2, max_num=50)


class DuplicateConfirmForm(forms.Form):
    confirm_not_duplicate = forms.BooleanField(
        label=_("I checked: this is not a duplicate, save anyway"), required=False)


class DonorForm(forms.ModelForm):
    class Meta:
        model = Donor
        fields = ["kind", "name", "nip", "contact_person", "email", "phone", "address",
                  "contact_consent", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def clean_nip(self):
        value = self.cleaned_data["nip"].replace("-", "").replace(" ", "")
        if value:
            validate_nip(value)
        return value

    def clean_phone(self):
        value = self.cleaned_data["phone"].strip()
        return parse_phone(value).e164 if value else ""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == Donor.Kind.ORGANISATION and not cleaned.get("nip"):
            self.add_error("nip", _("An organisation needs a NIP."))
        return cleaned


class ImportUploadForm(forms.Form):
    file = forms.FileField(label=_("CSV file"))
    site = forms.ModelChoiceField(label=_("Site"), queryset=Site.objects.filter(is_active=True))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        return upload.name, csv_upload_text(upload)
