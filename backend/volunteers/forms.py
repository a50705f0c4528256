from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.common.phones import parse_phone
from backend.events.models import Event

from .models import (
    LANGUAGES,
    LICENCE_CATEGORIES,
    SKILLS,
    ChildSafetyCheck,
    Intervention,
    Programme,
    Shift,
    VolunteerProfile,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def clean_phone(value: str) -> str:
    try:
        return parse_phone(value).e164
    except ValidationError:
        raise ValidationError(_("Enter a Polish phone number, e.g. 601 234 567.")) from None


class ProfileForm(forms.ModelForm):
    licence_categories = forms.MultipleChoiceField(
        label=_("Driving licence categories"), choices=LICENCE_CATEGORIES, required=False,
        widget=forms.CheckboxSelectMultiple)
    languages = forms.MultipleChoiceField(label=_("Languages other than Polish"),
                                          choices=LANGUAGES, required=False,
                                          widget=forms.CheckboxSelectMultiple)
    preferred_areas = forms.MultipleChoiceField(label=_("Where I want to help"),
                                                choices=Programme.choices, required=False,
                                                widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = VolunteerProfile
        fields = ["first_name", "last_name", "phone", "email", "birth_date", "guardian_name",
                  "guardian_phone", "availability", "licence_categories", "can_lift",
                  "first_aid", "languages", "preferred_areas", "sms_consent"]
        widgets = {"birth_date": DATE}

    def clean_phone(self):
        return clean_phone(self.cleaned_data["phone"])

    def clean_guardian_phone(self):
        value = self.cleaned_data.get("guardian_phone")
        return clean_phone(value) if value else ""

    def clean_birth_date(self):
        value = self.cleaned_data["birth_date"]
        today = timezone.localdate()
        if value >= today or today.year - value.year > 110:
            raise ValidationError(_("Enter a real date of birth."))
        return value


class PublicApplyForm(ProfileForm):
    """The public form: a honeypot, consent required, a guardian's consent under 18."""

    website = forms.CharField(required=False, label=_("Leave this field empty"),
                              widget=forms.TextInput(attrs={"autocomplete": "off",
                                                            "tabindex": "-1"}))
    guardian_consent = forms.BooleanField(
        label=_("I am the parent or guardian and I agree to this volunteering (needed under "
                "18)."), required=False)
    consent = forms.BooleanField(required=True, label=_(
        "I agree to the processing of my personal data by the social welfare centre to "
        "organise volunteering."))

    MIN_AGE = 13

    def is_bot(self) -> bool:
        return bool(self.data.get("website"))

    def clean(self):
        data = super().clean()
        birth = data.get("birth_date")
        if birth:
            probe = VolunteerProfile(birth_date=birth)
            if probe.age() < self.MIN_AGE:
                self.add_error("birth_date", _("Volunteers must be at least 13 years old."))
            elif probe.age() < 18:
                if not data.get("guardian_name"):
                    self.add_error("guardian_name", _("Under 18: give a parent's or "
                                                      "guardian's name."))
                if not data.get("guardian_consent"):
                    self.add_error("guardian_consent", _("Under 18: the parent's or "
                                                         "guardian's consent is required."))
        return data


class DocumentsForm(forms.ModelForm):
    class Meta:
        model = VolunteerProfile
        fields = ["agreement_signed_on", "data_authorisation_signed_on",
                  "confidentiality_signed_on"]
        widgets = {f: DATE for f in fields}


class CheckForm(forms.ModelForm):
    class Meta:
        model = ChildSafetyCheck
        fields = ["rspts_checked_on", "rspts_result", "document", "document_date",
                  "document_clean"]
        widgets = {"rspts_checked_on": DATE, "document_date": DATE}

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        for name in ("rspts_checked_on", "document_date"):
            if data.get(name) and data[name] > today:
                self.add_error(name, _("This date is in the future."))
        return data


class InterventionForm(forms.ModelForm):
    class Meta:
        model = Intervention
        fields = ["occurred_at", "volunteer", "summary", "details"]
        widgets = {"occurred_at": DATETIME, "details": forms.Textarea(attrs={"rows": 4})}


class StandardsForm(forms.Form):
    adopted_on = forms.DateField(label=_("Adopted on"), widget=DATE)
    next_review_on = forms.DateField(label=_("Next review by"), widget=DATE, help_text=_(
        "The act requires a review at least every two years."))
    responsible = forms.CharField(label=_("Person responsible for the standards"),
                                  max_length=120)
    text = forms.CharField(label=_("Content of the standards"),
                           widget=forms.Textarea(attrs={"rows": 14}))


class ShiftForm(forms.ModelForm):
    weeks = forms.IntegerField(label=_("Repeat weekly (number of weeks)"), min_value=1,
                               max_value=52, initial=1)
    event = forms.ModelChoiceField(
        label=_("Event"), required=False, queryset=Event.objects.exclude(
            status=Event.Status.ARCHIVED).order_by("-date"),
        help_text=_("For an event shift. An event for children makes it a shift with "
                    "children."))

    class Meta:
        model = Shift
        fields = ["kind", "drive", "event", "title", "date", "start_time", "end_time", "site",
                  "place", "with_children", "touches_beneficiary_data", "instructions"]
        widgets = {"date": DATE, "start_time": TIME, "end_time": TIME}

    def clean(self):
        data = super().clean()
        if data.get("drive") and data.get("kind") != Programme.DRIVE:
            self.add_error("drive", _("A drive can be chosen only for a drive shift."))
        if data.get("event") and data.get("kind") != Programme.EVENT:
            self.add_error("event", _("An event can be chosen only for an event shift."))
        if data.get("start_time") and data.get("start_time") == data.get("end_time"):
            self.add_error("end_time", _("The shift must last some time."))
        return data


class RoleForm(forms.Form):
    """One role row; a row left without a name is ignored (the form shows spare rows)."""

    name = forms.CharField(label=_("Role"), max_length=60, required=False)
    minimum = forms.IntegerField(label=_("Minimum"), min_value=0, max_value=200, initial=1,
                                 required=False)
    maximum = forms.IntegerField(label=_("Maximum"), min_value=1, max_value=200, initial=1,
                                 required=False)
    required_skills = forms.MultipleChoiceField(label=_("Required skills"), choices=SKILLS,
                                                required=False,
                                                widget=forms.CheckboxSelectMultiple)

    def clean(self):
        data = super().clean()
        if not data.get("name"):
            return {}
        data["minimum"] = data.get("minimum") if data.get("minimum") is not None else 1
        data["maximum"] = data.get("maximum") or data["minimum"] or 1
        if data["maximum"] < data["minimum"]:
            self.add_error("maximum", _("The maximum cannot be below the minimum."))
        return data


class BaseRoleFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if not any(f.cleaned_data.get("name") for f in self.forms if hasattr(f, "cleaned_data")):
            raise ValidationError(_("A shift needs at least one role."))


RoleFormSet = forms.formset_factory(RoleForm, formset=BaseRoleFormSet, extra=3)


class AssignForm(forms.Form):
    volunteer = forms.ModelChoiceField(
        label=_("Volunteer"), queryset=VolunteerProfile.objects.filter(
            status=VolunteerProfile.Status.ACCEPTED))


class CorrectionForm(forms.Form):
    checked_in_at = forms.DateTimeField(label=_("Checked in"), required=False, widget=DATETIME)
    checked_out_at = forms.DateTimeField(label=_("Checked out"), required=False,
                                         widget=DATETIME)
    reason = forms.CharField(label=_("Reason for the correction"), max_length=200)


class ScanForm(forms.Form):
    code = forms.CharField(max_length=300)
