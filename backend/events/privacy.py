"""Personal data of events (registry: backend.common.personal_data). Participants are the
engine's (backend/distribution/privacy.py); wishes are anonymised by design."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from backend.common.personal_data import Category, register

from .models import Invitation, Pledge

register(Category(
    model=Invitation,
    rows=lambda s: Invitation.objects.filter(household_id__in=s.household_ids),
    kept={"household": _("who was invited (counts)"),
          "contact": _("the contact person row is anonymised itself"),
          "persons": _("ids of persons only, anonymised in the registry")},
    purpose=_("invitations to events by SMS"),
))
register(Category(
    model=Pledge,
    rows=lambda s: Pledge.objects.filter(
        Q(donor_id__in=s.donor_ids) | Q(email__in=s.emails) | Q(phone__in=s.phones)),
    fields=("name", "email", "phone"),
    kept={"donor": _("the donor row is anonymised itself")},
    purpose=_("donors who pledged gifts for children's wishes, to thank them"),
))
