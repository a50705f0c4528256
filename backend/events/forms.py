from django import forms
from django.utils.translation import gettext_lazy as _

from backend.common.collation import polish
from backend.inventory.models import Item

from .models import Event, GiftBand, Session


class DateInput(forms.DateInput):
    input_type = "date"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = ["kind", "name", "date", "site", "place", "for_children", "child_min_age",
                  "child_max_age", "for_adults", "for_seniors_alone", "flags",
                  "registration_opens", "registration_closes", "offer_hours", "coordinators",
                  "gift_location", "description"]
        widgets = {"date": DateInput(), "registration_opens": DateTimeInput(),
                   "registration_closes": DateTimeInput(),
                   "flags": forms.CheckboxSelectMultiple,
                   "coordinators": forms.CheckboxSelectMultiple}

    def clean(self):
        data = super().clean()
        if (data.get("child_min_age") or 0) > (data.get("child_max_age") or 0):
            self.add_error("child_max_age", _("The upper age must not be below the lower."))
        opens, closes = data.get("registration_opens"), data.get("registration_closes")
        if opens and closes and closes <= opens:
            self.add_error("registration_closes", _("Registration must close after it opens."))
        return data


class SessionForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = ["name", "start", "end", "capacity", "tables", "seats_per_table"]
        widgets = {"start": forms.TimeInput(attrs={"type": "time"}),
                   "end": forms.TimeInput(attrs={"type": "time"})}

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", _("The end must be after the start."))
        return data


class BandForm(forms.ModelForm):
    class Meta:
        model = GiftBand
        fields = ["min_age", "max_age", "gift", "source", "item"]


class TakeawayForm(forms.Form):
    item = forms.ModelChoiceField(
        label=_("package item"), queryset=Item.objects.order_by(polish("name"), "id"),
        help_text=_("The stock item each household gets (e.g. a Christmas package)."))


class WalkInForm(forms.Form):
    first_name = forms.CharField(label=_("first name"), max_length=60)
    age = forms.IntegerField(label=_("age"), min_value=0, max_value=120, required=False)
    session = forms.ModelChoiceField(label=_("session"), queryset=Session.objects.none())

    def __init__(self, *args, event=None, **kwargs):
        super().__init__(*args, **kwargs)
        if event is not None:
            self.fields["session"].queryset = event.sessions.all()


DIETS = [("vegetarian", _("no meat")), ("gluten_free", _("gluten-free")),
         ("diabetic", _("diabetes"))]


class DetailsForm(forms.Form):
    """Wigilia: dietary needs, transport, a take-away package, the table."""

    diet = forms.MultipleChoiceField(label=_("dietary needs"), choices=DIETS, required=False,
                                     widget=forms.CheckboxSelectMultiple)
    transport = forms.BooleanField(label=_("needs transport"), required=False)
    takeaway = forms.BooleanField(label=_("take-away package (cannot come)"), required=False)
    table = forms.IntegerField(label=_("table"), min_value=1, required=False)


class PledgeForm(forms.Form):
    name = forms.CharField(label=_("Your name or organisation (school, company, parish)"),
                           max_length=200)
    email = forms.EmailField(label=_("e-mail"), required=False)
    phone = forms.CharField(label=_("phone"), max_length=16, required=False)
    wants_receipt = forms.BooleanField(label=_("I would like a receipt"), required=False)
    website = forms.CharField(required=False, widget=forms.HiddenInput)  # honeypot

    def clean(self):
        data = super().clean()
        if not data.get("email") and not data.get("phone"):
            raise forms.ValidationError(_("Give an e-mail or a phone so we can thank you."))
        return data
