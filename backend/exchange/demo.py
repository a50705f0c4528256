"""Demo data for the equipment exchange: a few offers and waiting requests.
Idempotent (skips when the demo offers exist). Called from people.demo.load()."""

import datetime as dt
import io

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from backend.accounts import roles
from backend.accounts.models import Site
from backend.inventory import services as stock
from backend.inventory.models import Category, Item, Location
from backend.people.models import Household

from . import services
from .models import Offer

CATALOGUE = [("Meble", ["Szafa", "Łóżko", "Stół z krzesłami"]),
             ("AGD", ["Lodówka", "Pralka"]),
             ("Wózki dziecięce", ["Wózek dziecięcy"]),
             ("Sprzęt rehabilitacyjny", ["Wózek inwalidzki", "Balkonik"])]
OFFERS = [
    ("Szafa dwudrzwiowa, dąb", "Szafa", (100, 190, 60), "good", "ul. Gdańska 12, Łódź", True),
    ("Lodówka Amica 150 cm", "Lodówka", (55, 150, 60), "fair", "ul. Pomorska 44/3, Łódź", True),
    ("Wózek inwalidzki składany", "Wózek inwalidzki", (65, 90, 100), "good",
     "ul. Rzgowska 8, Łódź", True),
    ("Wózek dziecięcy 3w1", "Wózek dziecięcy", None, "good", "ul. Narutowicza 3, Łódź", False),
]
# A subcategory: the critical request for "AGD" matches the fridge offered in "AGD › Lodówki".
SUBCATEGORIES = {"Lodówki": "AGD"}
OFFER_CATEGORY = {"Lodówka Amica 150 cm": "Lodówki"}
REQUESTS = [("Meble", "Szafa na ubrania dla trojga dzieci", 3, (120, 200, 65)),
            ("AGD", "Lodówka po awarii starej", 4, None),
            ("Sprzęt rehabilitacyjny", "Wózek inwalidzki dla seniorki", 2, (70, None, None)),
            ("Meble", "Łóżko dla dziecka", 2, None)]
COLOURS = [(181, 135, 92), (220, 220, 225), (70, 70, 80), (120, 160, 200)]


def _photo(title: str, colour) -> SimpleUploadedFile:
    image = Image.new("RGB", (1200, 900), colour)
    ImageDraw.Draw(image).text((40, 40), title, fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG")
    return SimpleUploadedFile("demo.jpg", buffer.getvalue(), content_type="image/jpeg")


@transaction.atomic
def load(stdout=None) -> dict[str, int]:
    items = {}
    equipment = Category.Purpose.EQUIPMENT
    for category_name, names in CATALOGUE:
        category, _ = Category.objects.get_or_create(name=category_name,
                                                     defaults={"purpose": equipment})
        if category.purpose != equipment:
            Category.objects.filter(pk=category.pk).update(purpose=equipment)
        for name in names:
            items[name], _ = Item.objects.get_or_create(
                name=name, defaults={"category": category, "individual": True})
    for name, parent in SUBCATEGORIES.items():
        Category.objects.get_or_create(name=name, defaults={
            "purpose": equipment, "parent": Category.objects.get(name=parent)})
    site = Site.objects.filter(kind=Site.Kind.WAREHOUSE).first()
    if site is not None and not Location.objects.filter(site=site, parent=None).exists():
        stock.create_location(None, site, "Hala", Location.Kind.WAREHOUSE)
    if Offer.objects.filter(title=OFFERS[0][0]).exists():
        return {"exchange_offers": Offer.objects.count()}
    User = get_user_model()
    coordinator = User.objects.filter(groups__name=roles.COORDINATOR).first()
    social_worker = User.objects.filter(groups__name=roles.SOCIAL_WORKER).first()
    today = timezone.localdate()
    for n, (title, item, size, condition, address, verified) in enumerate(OFFERS):
        width, height, depth = size or (None, None, None)
        offer = services.create_offer(coordinator if verified else None, {
            "category": Category.objects.get(name=OFFER_CATEGORY[title])
            if title in OFFER_CATEGORY else items[item].category,
            "item": items[item], "title": title,
            "width_cm": width, "height_cm": height, "depth_cm": depth, "condition": condition,
            "donor_name": ["Jan Kowalski", "Maria Lis", "Adam Wróbel", "Ewa Kos"][n],
            "donor_phone": f"+4860300000{n + 1}", "pickup_address": address,
            "availability": "pn.–pt. po 16:00", "collect_by": today + dt.timedelta(days=14 + n),
            "description": "Sprzęt sprawny, do odbioru z mieszkania."},
            photos=[_photo(title, COLOURS[n])], consent=True,
            source=Offer.Source.STAFF if verified else Offer.Source.PUBLIC)
        if verified:
            services.verify(coordinator, offer)
            services.publish(coordinator, offer)
    households = list(Household.objects.filter(referral_number__startswith="DEMO/")
                      .order_by("id")[:len(REQUESTS)])
    for household, (category, needs, urgency, limits) in zip(households, REQUESTS,
                                                             strict=False):
        width, height, depth = limits or (None, None, None)
        services.create_request(social_worker, {
            "household": household, "category": Category.objects.get(name=category),
            "needs": needs, "urgency": urgency, "max_width_cm": width, "max_height_cm": height,
            "max_depth_cm": depth, "justification": "Rodzina w trudnej sytuacji materialnej; "
                                                     "wywiad środowiskowy potwierdza potrzebę."})
    return {"exchange_offers": Offer.objects.count()}
