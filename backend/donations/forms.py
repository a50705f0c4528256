from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import Site
from backend.common.formsets import row_formset
from backend.inventory.models import Item, ItemBarcode, Location
from backend.people.models import Donor

from .models import Donation


class DonationForm(forms.Form):
    DONOR_CHOICES = [("existing", _("existing donor")), ("new", _("new donor")),
                     ("anonymous", _("anonymous"))]
    donor_kind = forms.ChoiceField(label=_("Donor"), choices=DONOR_CHOICES,
                                   widget=forms.RadioSelect, initial="anonymous")
    donor = forms.ModelChoiceField(label=_("Existing donor"), queryset=Donor.objects.all(),
                                   required=False)
    new_donor_name = forms.CharField(label=_("New donor's name"), max_length=200, required=False)
    new_donor_phone = forms.CharField(label=_("Phone"), max_length=16, required=False)
    date = forms.DateField(label=_("Date"), initial=timezone.localdate,
                           widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}))
    site = forms.ModelChoiceField(label=_("Site"), queryset=Site.objects.filter(is_active=True))
    drive_id = forms.TypedChoiceField(label=_("Drive"), required=False, coerce=int,
                                      empty_value=None)
    notes = forms.CharField(label=_("Notes"), required=False,
                            widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from backend.drives.selectors import open_drives

        self.fields["drive_id"].choices = [("", _("— none —")),
                                           *((d.pk, d.name) for d in open_drives())]

    def clean(self):
        data = super().clean()
        if data.get("donor_kind") == "existing" and not data.get("donor"):
            self.add_error("donor", _("Choose the donor."))
        if data.get("donor_kind") == "new" and not data.get("new_donor_name"):
            self.add_error("new_donor_name", _("Enter the donor's name."))
        return data


class LineForm(forms.Form):
    ean = forms.CharField(label=_("EAN (scan the product)"), max_length=32, required=False,
                          widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    item = forms.ModelChoiceField(label=_("Item"), queryset=Item.objects.filter(is_active=True),
                                  required=False)
    quantity = forms.DecimalField(label=_("Quantity"), min_value=0.001, max_digits=14,
                                  decimal_places=3, localize=True)
    expiry = forms.DateField(label=_("Expiry date"), required=False,
                             widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}))
    location = forms.ModelChoiceField(label=_("Location"),
                                      queryset=Location.objects.filter(is_active=True))

    def clean(self):
        data = super().clean()
        ean = (data.pop("ean", "") or "").strip()
        if not data.get("item") and ean:
            barcode = ItemBarcode.objects.select_related("item").filter(code=ean).first()
            if barcode is None:
                self.add_error("ean", _("Unknown EAN: choose the item; it will be linked."))
            else:
                data["item"] = barcode.item
        elif data.get("item") and ean:
            data["link_ean"] = ean
        if not data.get("item") and "ean" not in self.errors and self.has_changed():
            self.add_error("item", _("Choose the item or scan its EAN."))
        item = data.get("item")
        if item and item.perishable and not data.get("expiry"):
            self.add_error("expiry", _("Perishable goods need an expiry date."))
        return data


# Three rows to start with (most donations), "dodaj wiersz" for more (common/formsets.py).
LineFormSet = row_formset(LineForm, extra=2, min_num=1, validate_min=True)


class DonationEditForm(forms.ModelForm):
    """What can be corrected after intake: who gave it, when, notes. The received goods are
    in stock already: they are corrected by a stock adjustment on their lot."""

    class Meta:
        model = Donation
        fields = ["donor", "date", "notes"]
        widgets = {"date": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
                   "notes": forms.Textarea(attrs={"rows": 2})}
