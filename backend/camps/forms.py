from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Application, Camp, CampSession, HealthCard


class DateInput(forms.DateInput):
    input_type = "date"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"


class CampForm(forms.ModelForm):
    class Meta:
        model = Camp
        fields = ["name", "year", "site", "offer_hours", "points_difficult",
                  "points_disability", "points_first_time", "points_siblings", "description"]


class SessionForm(forms.ModelForm):
    class Meta:
        model = CampSession
        fields = ["name", "kind", "organiser", "place", "start", "end", "min_age", "max_age",
                  "capacity", "places_girls", "places_boys", "cost_per_child",
                  "funding_centre", "funding_gmina", "funding_sponsor",
                  "parents_contribution", "registry_number", "meeting_point",
                  "departure_at", "return_at"]
        widgets = {"start": DateInput(), "end": DateInput(), "departure_at": DateTimeInput(),
                   "return_at": DateTimeInput()}

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The session must end after it starts."))
        if (data.get("min_age") or 0) > (data.get("max_age") or 0):
            self.add_error("max_age", _("The upper age must not be below the lower."))
        split = (data.get("places_girls") or 0) + (data.get("places_boys") or 0)
        if data.get("capacity") is not None and split > data["capacity"]:
            self.add_error("places_girls", _("Places for girls and boys add up to more "
                                             "than the places of the session."))
        return data


REASONS = ["reason_difficult", "reason_disability", "first_time", "siblings_together",
           "consent_data", "consent_photos"]


class ApplicationForm(forms.Form):
    """A social worker's application: the child from a household she serves."""

    child = forms.TypedChoiceField(label=_("child"), coerce=int)
    preferences = forms.TypedMultipleChoiceField(
        label=_("sessions in order of preference"), coerce=int,
        widget=forms.CheckboxSelectMultiple)
    reason_difficult = forms.BooleanField(label=_("difficult family situation"),
                                          required=False)
    reason_disability = forms.BooleanField(label=_("disability"), required=False)
    first_time = forms.BooleanField(label=_("first time at a camp"), required=False)
    siblings_together = forms.BooleanField(label=_("with siblings"), required=False)
    consent_data = forms.BooleanField(label=_("consent to processing data"))
    consent_photos = forms.BooleanField(label=_("consent to photos"), required=False)
    sex = forms.ChoiceField(label=_("girl or boy"), required=False,
                            choices=[("", "—"), *Application.Sex.choices],
                            help_text=_("Needed when a session's rooms are split; taken "
                                        "from the PESEL when the child has one."))

    def __init__(self, *args, children=(), sessions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child"].choices = [(c.pk, f"{c.first_name} {c.last_name}")
                                        for c in children]
        self.fields["preferences"].choices = [(s.pk, str(s)) for s in sessions]


class PublicApplicationForm(forms.ModelForm):
    """The parent's short form (no login); a social worker verifies it."""

    preferences = forms.TypedMultipleChoiceField(
        label=_("sessions"), coerce=int, widget=forms.CheckboxSelectMultiple)
    consent_data = forms.BooleanField(label=_("consent to processing data"))

    class Meta:
        model = Application
        fields = ["parent_name", "parent_phone", "child_first_name", "child_birth_date",
                  "sex", "reason_difficult", "reason_disability", "first_time", "siblings_together",
                  "consent_data", "consent_photos"]
        widgets = {"child_birth_date": DateInput()}

    def __init__(self, *args, sessions=(), **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("parent_name", "parent_phone", "child_first_name", "child_birth_date"):
            self.fields[name].required = True
        self.fields["preferences"].choices = [(s.pk, str(s)) for s in sessions]

    def clean_parent_phone(self):
        from backend.common.phones import parse_phone

        return parse_phone(self.cleaned_data["parent_phone"]).e164


class DocumentsForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = list(Application.DOCUMENTS)


class HealthForm(forms.ModelForm):
    class Meta:
        model = HealthCard
        fields = ["health_notes", "diet", "medicines", "vaccinations", "staff_notes",
                  "signed_scan"]
        widgets = {name: forms.Textarea(attrs={"rows": 2}) for name in (
            "health_notes", "medicines", "vaccinations", "staff_notes")}
