"""Pledges of anonymised wishes: the public page pledges (one wins under the wish row
locks), the donor prints a QR label sheet, gifts arrive through the donation intake and
are matched to the wish by scanning its label; the child's gift is reserved in the
ledger for the participant; pledgers are thanked without seeing who the child is.

    pledge(event, wish_ids, *, name, email="", phone="", wants_receipt=False) -> Pledge
    labels_pdf(pledge) -> bytes
    wish_for_code(raw) -> Wish | None          (the label's URL, its token or "12-34")
    receive(actor, wish) -> Wish               (idempotent: a second scan changes nothing)
    thank(actor, event) -> int                 (SMS or e-mail, once per pledge)
"""

import datetime as dt
import re

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from backend.accounts import audit
from backend.common.errors import ServiceError
from backend.distribution import participants as engine
from backend.donations import services as intake
from backend.inventory.labels import Label, label_sheet
from backend.inventory.models import Category, Item
from backend.notifications import services as sms

from . import services
from .models import Event, Pledge, Wish


class WishTaken(ServiceError):
    default_code = "wish_taken"


def public_wishes(event: Event):
    return event.wishes.filter(status=Wish.Status.OPEN).order_by("id")


@transaction.atomic
def pledge(event: Event, wish_ids: list[int], *, name: str, email: str = "",
           phone: str = "", wants_receipt: bool = False) -> Pledge:
    """All or nothing: lock the wishes (id order), every one must still be open."""
    if not wish_ids:
        raise WishTaken(_("Choose at least one wish."), "no_wishes")
    if event.status not in (event.Status.PLANNED, event.Status.REGISTRATION,
                            event.Status.CLOSED):
        raise WishTaken(_("Pledges for this event are closed."), "closed")
    wishes = list(Wish.objects.select_for_update().filter(event=event, pk__in=wish_ids)
                  .order_by("id"))
    taken = [w for w in wishes if w.status != Wish.Status.OPEN]
    if taken or len(wishes) != len(set(wish_ids)):
        raise WishTaken(_("Someone has just pledged: %(wishes)s. Choose another wish.") % {
            "wishes": ", ".join(w.number for w in taken) or "—"}, "wish_taken",
            wishes=[w.pk for w in taken])
    made = Pledge.objects.create(event=event, name=name.strip()[:200], email=email.strip(),
                                 phone=phone.strip(), wants_receipt=wants_receipt)
    Wish.objects.filter(pk__in=[w.pk for w in wishes]).update(
        status=Wish.Status.PLEDGED, pledge=made)
    audit.record(None, "create", made, {"wishes": [None, len(wishes)]}, root=event)
    return made


def label_url(wish: Wish) -> str:
    return settings.BASE_URL + reverse("events:gift_scan", args=[wish.token])


def labels_pdf(pledge: Pledge) -> bytes:
    """One label per wish: QR (scanned at intake), number, who and what — no name."""
    labels = [Label(label_url(w), _("Gift %(number)s") % {"number": w.number},
                    w.label, w.gift, pledge.event.name)
              for w in pledge.wishes.select_related("event").order_by("id")]
    return label_sheet(labels, grid="2x7")


_NUMBER = re.compile(r"^(\d+)-(\d+)$")


def wish_for_code(raw: str) -> Wish | None:
    code = (raw or "").strip().rstrip("/")
    match = _NUMBER.match(code)
    if match:
        return Wish.objects.filter(event_id=int(match[1]), pk=int(match[2])).first()
    token = code.rsplit("/", 1)[-1]
    return Wish.objects.filter(token=token).first() if token else None


def gift_item(wish: Wish) -> Item:
    band = services.band_for(wish.event, services.age_at(wish.event,
                                                          wish.participant.birth_date))
    if band is not None and band.item_id:
        return band.item
    category, _c = Category.objects.get_or_create(name="Prezenty")
    item, _c = Item.objects.get_or_create(name="Prezent (od darczyńcy)",
                                          defaults={"category": category, "unit": "szt"})
    return item


@transaction.atomic
def receive(actor, wish: Wish) -> Wish:
    """The donor's gift, scanned in: a donation line (lot of one, with its own QR) from
    the pledger, reserved in the ledger for the child (ref = the participant)."""
    wish = Wish.objects.select_for_update(of=("self",)).select_related(
        "event__site", "event__gift_location", "pledge", "participant").get(pk=wish.pk)
    if wish.status != Wish.Status.PLEDGED:
        return wish  # received already (a second scan), or not pledged
    event = wish.event
    if event.gift_location is None:
        raise WishTaken(_("Set the event's gift store first."), "no_gift_location")
    pledge = wish.pledge
    item = gift_item(wish)
    donation = intake.create_donation(
        actor, site=event.site, date=timezone.localdate(),
        lines=[intake.LineInput(item=item, quantity=1, location=event.gift_location,
                                description=str(wish))],
        donor=pledge.donor, new_donor=None if pledge.donor_id else {
            "kind": "organisation", "name": pledge.name, "email": pledge.email,
            "phone": pledge.phone},
        notes=_("Pledged gift %(number)s") % {"number": wish.number})
    if pledge.donor_id is None:
        Pledge.objects.filter(pk=pledge.pk).update(donor=donation.donor)
    lot = donation.lines.first().lot
    engine.reserve_gift(actor, wish.participant, item, lot=lot, location=event.gift_location,
                        reason=event.name)
    wish.status = Wish.Status.RECEIVED
    wish.lot = lot
    wish.save(update_fields=["status", "lot"])
    audit.record(actor, "update", wish, {"status": [Wish.Status.PLEDGED, wish.status]},
                 root=event)
    return wish


@transaction.atomic
def thank(actor, event: Event, now: dt.datetime | None = None) -> int:
    """Once per pledge whose gifts arrived: SMS (outbox) if a phone, else an e-mail."""
    count = 0
    for made in Pledge.objects.select_for_update().filter(event=event, thanked_at__isnull=True):
        received = made.wishes.filter(status__in=[Wish.Status.RECEIVED,
                                                  Wish.Status.HANDED_OVER]).count()
        if not received:
            continue
        message = sms.notice_text("event_thanks", {"count": received, "name": made.name,
                                                  "event": event.name})
        if made.phone:
            sms.enqueue(purpose="event_thanks", phone=made.phone, body=message, obj=made)
        elif made.email:
            transaction.on_commit(lambda m=message, e=made.email: send_mail(
                _("Thank you"), m, None, [e], fail_silently=True))
        made.thanked_at = now or timezone.now()
        made.save(update_fields=["thanked_at"])
        count += 1
    audit.record(actor, "update", event, {"pledgers_thanked": [None, count]})
    return count
