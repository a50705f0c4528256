"""Demo: a Mikołajki (two sessions, gifts by age from pledges and stock, a few children
registered so the public pledge page has wishes) and a Wigilia for seniors living
alone (two sittings with tables). Idempotent. Invitations are left for the user to send
(Wydarzenia → Zaproś SMS), replies come from the SMS sandbox."""

import datetime as dt

from django.contrib.auth import get_user_model

from backend.accounts.models import Site
from backend.distribution.services import contact_for
from backend.inventory import services as stock
from backend.inventory.models import Category, Item, Location
from backend.people.models import Household

from . import invitations, services
from .models import Event, GiftBand, Session

MIKOLAJKI = "Mikołajki 2026"
WIGILIA = "Wigilia dla samotnych 2026"


def load(stdout=None) -> dict[str, int]:
    if Event.objects.filter(name=MIKOLAJKI).exists():
        return {"events": Event.objects.count()}
    actor = get_user_model().objects.filter(username="koordynator").first()
    site = Site.objects.filter(kind=Site.Kind.HEAD_OFFICE).first() or Site.objects.first()
    if site is None:
        return {"events": 0}
    store = Location.objects.filter(kind=Location.Kind.WAREHOUSE).first()
    year = dt.date.today().year
    event = services.create_event(
        actor, name=MIKOLAJKI, kind=Event.Kind.MIKOLAJKI, date=dt.date(year, 12, 6),
        site=site, place="Sala widowiskowa, ul. Piotrkowska 100", child_max_age=14,
        coordinators=[actor] if actor else [], gift_location=store)
    for name, start, end, capacity in (("Przedpołudnie", 10, 12, 25), ("Popołudnie", 14, 16, 25)):
        services.add_session(actor, event, Session(name=name, start=dt.time(start),
                                                   end=dt.time(end), capacity=capacity))
    if store is not None:
        category, _c = Category.objects.get_or_create(name="Prezenty")
        game, _c = Item.objects.get_or_create(name="Gra planszowa", defaults={
            "category": category, "unit": "szt"})
        stock.create_lot(actor, game, store, 15, source="Demo: zakup z budżetu")
        GiftBand.objects.filter(event=event, min_age=11).update(
            source=GiftBand.Source.STOCK, item=game)
    services.advance(actor, event)  # registration open
    session = event.sessions.first()
    families = [h for h in Household.objects.filter(status="active").prefetch_related("members")
                if invitations.eligible_persons(event, h)][:6]
    for household in families:
        services.register_people(actor, event, session,
                                 invitations.eligible_persons(event, household),
                                 household=household, contact=contact_for(household),
                                 send=False)
    wigilia = services.create_event(
        actor, name=WIGILIA, kind=Event.Kind.WIGILIA, date=dt.date(year, 12, 23), site=site,
        place="Jadłodajnia, ul. Zgierska 20", for_children=False, for_seniors_alone=True,
        coordinators=[actor] if actor else [])
    for name, start, capacity in (("Stoły 1–4", 15, 32), ("Stoły 5–8", 17, 32)):
        services.add_session(actor, wigilia, Session(
            name=name, start=dt.time(start), end=dt.time(start + 2), capacity=capacity,
            tables=4, seats_per_table=8))
    services.advance(actor, wigilia)
    return {"events": Event.objects.count()}
