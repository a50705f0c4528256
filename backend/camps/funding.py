"""Funding and donations of camp sessions: sponsors (people.Donor) funding places or
equipment, the "wyprawka kolonijna" (backpack, sleeping bag) reserved for a child in the
stock ledger and handed over at the bus check-in (the engine's per-participant gifts:
reserve_gift, issued by check_in), and per session what sponsors add to the budget."""

from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from backend.accounts import audit
from backend.common.errors import ServiceError
from backend.distribution import participants as engine
from backend.distribution.models import Participant, ParticipantGift
from backend.inventory.models import Item
from backend.people.models import Donor

from .models import Application, CampSession, Sponsorship

P = Participant.Status


class FundingError(ServiceError):
    pass


@transaction.atomic
def add_sponsorship(actor, session: CampSession, donor: Donor, *, amount=Decimal("0"),
                    places: int = 0, purpose: str = "") -> Sponsorship:
    amount = Decimal(str(amount or 0))
    if amount < 0 or places < 0 or (amount == 0 and places == 0):
        raise FundingError(_("Give an amount or a number of places."), "empty_sponsorship")
    sponsorship = Sponsorship.objects.create(session=session, donor=donor, amount=amount,
                                             places=places, purpose=purpose[:200])
    audit.record(actor, "create", sponsorship, {"amount": [None, str(amount)],
                                                "places": [None, places]})
    return sponsorship


@transaction.atomic
def reserve_outfit(actor, application: Application, item: Item,
                   quantity=Decimal("1")) -> ParticipantGift:
    """Reserve equipment from stock for a qualified child: the ledger holds it against
    the participant; the bus check-in hands it over (one ledger step with the check-in)."""
    # locked: a check-in at the same moment either issues this reservation or comes after
    participant = Participant.objects.select_for_update().filter(
        pk=application.participant_id).first()
    if participant is None or participant.status not in (P.REGISTERED, P.OFFERED):
        raise FundingError(_("Only a qualified child not yet on the bus gets equipment "
                             "reserved."), "not_qualified")
    return engine.reserve_gift(actor, participant, item, quantity,
                               reason=_("camp equipment"))


def outfits(session: CampSession):
    """Equipment per child of the session (reserved, handed over, released)."""
    return (ParticipantGift.objects.filter(participant__distribution=session.camp.distribution,
                                           participant__group=session.pk)
            .select_related("item", "participant__application").order_by("id"))


def session_funding(session: CampSession) -> dict:
    """What the sponsors of a session gave: money and places."""
    totals = session.sponsorships.aggregate(amount=Sum("amount"), places=Sum("places"))
    return {"amount": totals["amount"] or Decimal("0"), "places": totals["places"] or 0}
