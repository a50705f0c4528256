"""Personal data of the equipment exchange (registry: backend.common.personal_data):
donors' contact data on offers, households' requests and their justification, drivers'
notes. Offers are the subject's by the donor's phone number or e-mail."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from backend.common.personal_data import Category, Retention, register

from .models import EquipmentRequest, Match, Offer, TransportTask

OS, RS = Offer.Status, EquipmentRequest.Status
OFFER_CLOSED = [OS.HANDED_OVER, OS.WITHDRAWN, OS.EXPIRED, OS.DELIVERED]
REQUEST_CLOSED = [RS.FULFILLED, RS.CANCELLED]


def _offers(subject):
    query = Q(pk__in=[])
    if subject.phones:
        query |= Q(donor_phone__in=subject.phones)
    if subject.emails:
        query |= Q(donor_email__in=subject.emails)
    return Offer.objects.filter(query)


def _matches(subject):
    return Match.objects.filter(Q(request__household_id__in=subject.household_ids)
                                | Q(offer__in=_offers(subject)))


register(Category(
    model=Offer,
    rows=_offers,
    fields=("donor_name", "donor_phone", "donor_email", "pickup_address", "availability"),
    purpose=_("equipment offered by residents: who offers it and where to collect it"),
    anonymiser=lambda qs: qs.update(donor_name="—", donor_phone="", donor_email="",
                                    pickup_address="—", availability=""),
    retention=Retention("exchange_offers", lambda cutoff: Offer.objects.filter(
        status__in=OFFER_CLOSED, updated_at__lt=cutoff).exclude(donor_name="—"),
        label=_("donor's contact data cleared on closed offers")),
))
register(Category(
    model=EquipmentRequest,
    rows=lambda s: EquipmentRequest.objects.filter(household_id__in=s.household_ids),
    fields=("needs", "justification"),
    kept={"category": _("statistics of needs"), "urgency": _("statistics of needs")},
    purpose=_("equipment asked for a household by its social worker, and why"),
    anonymiser=lambda qs: qs.update(needs="—", justification="—"),
    retention=Retention("exchange_requests", lambda cutoff: EquipmentRequest.objects.filter(
        status__in=REQUEST_CLOSED, created_at__lt=cutoff).exclude(justification="—"),
        label=_("what was needed and why cleared on closed requests")),
))
register(Category(
    model=Match,
    rows=_matches,
    purpose=_("which offer went to which household"),
))
register(Category(
    model=TransportTask,
    rows=lambda s: TransportTask.objects.filter(match__in=_matches(s)),
    fields=("notes",),
    purpose=_("driving equipment between donors, the warehouse and households"),
))
