"""Exchange fixtures: furniture catalogue, a warehouse, a driver, households waiting."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from backend.accounts import roles
from backend.accounts.models import Site
from backend.exchange import services
from backend.inventory import services as stock
from backend.inventory.models import Category, Item, Location
from tests.notifications.conftest import _sms_settings, fake_twilio  # noqa: F401

INBOUND_URL = "https://wspolnie.example.org/sms/webhooks/inbound/"


@pytest.fixture
def furniture(db):
    category = Category.objects.create(name="Meble", purpose=Category.Purpose.EQUIPMENT)
    return {"category": category,
            "wardrobe": Item.objects.create(name="Szafa", category=category, individual=True)}


@pytest.fixture
def warehouse(db):
    site = Site.objects.create(name="Magazyn Zgierska", kind=Site.Kind.WAREHOUSE,
                               street="ul. Zgierska 221", postal_code="91-495", city="Łódź")
    return stock.create_location(None, site, "Hala", Location.Kind.WAREHOUSE)


@pytest.fixture
def driver(make_user):
    return make_user(roles.VOLUNTEER, "kierowca")


@pytest.fixture
def other_driver(make_user):
    return make_user(roles.VOLUNTEER, "kierowca2")


@pytest.fixture
def social_worker(make_user):
    return make_user(roles.SOCIAL_WORKER, "pracownik")


def jpeg_with_exif(size=(2400, 1800)) -> bytes:
    image = Image.new("RGB", size, (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "AparatFotograficzny"  # Make
    exif[0x0131] = "Tajny program"  # Software
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def photo_upload(name="szafa.jpg", content=None, content_type="image/jpeg"):
    return SimpleUploadedFile(name, content if content is not None else jpeg_with_exif(),
                              content_type=content_type)


@pytest.fixture
def offer_data(furniture):
    return {"category": furniture["category"], "title": "Szafa dwudrzwiowa",
            "description": "Dębowa, bez lustra", "width_cm": 100, "height_cm": 190,
            "depth_cm": 60, "condition": "good", "donor_name": "Jan Darczyńca",
            "donor_phone": "+48603000003", "pickup_address": "ul. Piotrkowska 1, Łódź",
            "availability": "po 16:00"}


@pytest.fixture
def make_request(make_household, furniture, social_worker):
    def make(urgency=2, phone="+48602000001", last_name="Kowalska", **extra):
        household = make_household(last_name=last_name, first_name="Anna", phone=phone)
        data = {"household": household, "category": furniture["category"],
                "needs": "Szafa na ubrania", "urgency": urgency,
                "justification": "Rodzina po pożarze", **extra}
        return services.create_request(social_worker, data)

    return make


@pytest.fixture
def available_offer(offer_data, coordinator, furniture):
    offer = services.create_offer(coordinator, offer_data)
    services.verify(coordinator, offer, furniture["wardrobe"])
    return services.publish(coordinator, offer)
