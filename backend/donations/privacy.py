"""Personal data of donations (registry: backend.common.personal_data): the donor link
stays (the stock ledger refers to the donation), free-text notes are cleared."""

from django.utils.translation import gettext_lazy as _

from backend.common.personal_data import Category, register

from .models import Donation

register(Category(
    model=Donation,
    rows=lambda s: Donation.objects.filter(donor_id__in=s.donor_ids),
    fields=("notes",),
    kept={"donor": _("the donor row is anonymised itself; the stock ledger refers to the "
                     "donation")},
    purpose=_("goods received from a donor"),
))
