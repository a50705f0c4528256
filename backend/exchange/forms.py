from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.accounts import roles
from backend.common import images
from backend.common.collation import polish
from backend.common.phones import parse_phone
from backend.inventory.models import Item, Location
from backend.people import selectors as people_selectors

from .categories import equipment
from .models import EquipmentRequest, Offer, TransportTask


def max_photos() -> int:
    """Photos per offer (setting EXCHANGE_PHOTOS_PER_OFFER): each costs decoding work."""
    return int(getattr(settings, "EXCHANGE_PHOTOS_PER_OFFER", 5))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Several photos; each checked for size and type (clear messages, nothing saved)."""

    widget = MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, (list, tuple)) else [data]) if f]
        if len(files) > max_photos():
            raise ValidationError(_("At most %(n)s photos.") % {"n": max_photos()})
        errors = []
        for upload in files:
            try:
                images.check_photo(upload)
            except ValidationError as err:
                errors.extend(err.messages)
        if errors:
            raise ValidationError(errors)
        return files


def _clean_phone(value: str) -> str:
    try:
        return parse_phone(value).e164
    except ValidationError:
        raise ValidationError(_("Enter a Polish phone number, e.g. 601 234 567.")) from None


class OfferForm(forms.ModelForm):
    photos = PhotosField(label=_("Photos"), required=False,
                         help_text=_("JPG, PNG or WEBP, up to 8 MB each."))

    class Meta:
        model = Offer
        fields = ["category", "item", "title", "description", "width_cm", "height_cm",
                  "depth_cm", "condition", "donor_name", "donor_phone", "donor_email",
                  "pickup_address", "availability", "collect_by"]
        widgets = {"collect_by": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "item" in self.fields:
            self.fields["item"].queryset = Item.objects.filter(individual=True, is_active=True)
        self.fields["category"].queryset = equipment()

    def clean_donor_phone(self):
        return _clean_phone(self.cleaned_data["donor_phone"])

    def clean_collect_by(self):
        value = self.cleaned_data.get("collect_by")
        if value and value < timezone.localdate():
            raise ValidationError(_("This date has passed."))
        return value


class PublicOfferForm(OfferForm):
    """The resident's form: no catalogue item, a honeypot, consent required."""

    website = forms.CharField(required=False, label=_("Leave this field empty"),
                              widget=forms.TextInput(attrs={"autocomplete": "off",
                                                            "tabindex": "-1"}))
    consent = forms.BooleanField(label=_(
        "I agree to the processing of my personal data (name, phone, address) by the social "
        "welfare centre to arrange the collection of the item."), required=True)

    class Meta(OfferForm.Meta):
        fields = [f for f in OfferForm.Meta.fields if f != "item"]

    def is_bot(self) -> bool:
        return bool(self.data.get("website"))


class VerifyForm(forms.Form):
    item = forms.ModelChoiceField(label=_("Catalogue item"), required=False,
                                  queryset=Item.objects.filter(individual=True, is_active=True))


class RequestForm(forms.ModelForm):
    class Meta:
        model = EquipmentRequest
        fields = ["household", "category", "needs", "max_width_cm", "max_height_cm",
                  "max_depth_cm", "urgency", "justification"]
        widgets = {"justification": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = equipment()
        if user is not None:
            self.fields["household"].queryset = people_selectors.visible_households(user)


DRIVER_ROLES = [roles.VOLUNTEER, roles.WAREHOUSE_VOLUNTEER, roles.COORDINATOR]


class TransportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Route"), choices=TransportTask.Kind.choices)
    driver = forms.ModelChoiceField(label=_("Driver"), queryset=get_user_model().objects.filter(
        is_active=True, groups__name__in=DRIVER_ROLES).distinct().order_by(
        polish("first_name"), "id"))
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"},
                                                                   format="%Y-%m-%d"))
    warehouse = forms.ModelChoiceField(
        label=_("Warehouse"), required=False,
        queryset=Location.objects.filter(kind=Location.Kind.WAREHOUSE, is_active=True))
    notes = forms.CharField(label=_("Notes for the driver"), max_length=250, required=False)


class ScanStepForm(forms.Form):
    code = forms.CharField(label=_("Scan the label or type its short code"), max_length=300)
