"""The public offer form: bots, rate limit, photo checks, consent; the demand page."""

import pytest
from django.urls import reverse

from backend.exchange.models import Offer

from .conftest import jpeg_with_exif, photo_upload

pytestmark = pytest.mark.django_db
URL = "/exchange/oddaj/"


@pytest.fixture
def form_data(furniture):
    return {"category": furniture["category"].pk, "title": "Wózek dziecięcy",
            "condition": "good", "donor_name": "Ewa", "donor_phone": "601 234 567",
            "pickup_address": "ul. Wólczańska 5, Łódź", "consent": "on", "website": ""}


def test_the_form_opens_without_log_in(client, furniture):
    response = client.get(URL)
    assert response.status_code == 200
    assert 'name="website"' in response.content.decode()  # the honeypot is there, hidden


def test_a_real_offer_is_saved(client, form_data):
    response = client.post(URL, {**form_data, "collect_by": "2030-01-05"})  # <input type=date>
    assert response.status_code == 200 and "thanks" in response.content.decode()
    offer = Offer.objects.get()
    assert offer.source == "public" and str(offer.collect_by) == "2030-01-05"


def test_honeypot_filled_by_a_bot_saves_nothing(client, form_data):
    response = client.post(URL, {**form_data, "website": "http://spam.example"})
    assert response.status_code == 200
    assert not Offer.objects.exists()


def test_rate_limit_per_ip(client, form_data, settings):
    settings.EXCHANGE_PUBLIC_OFFERS_PER_HOUR = 2
    for _ in range(2):
        assert client.post(URL, form_data).status_code == 200
    response = client.post(URL, form_data)
    assert response.status_code == 429
    assert "Zbyt wiele ofert" in response.content.decode()
    assert Offer.objects.count() == 2
    # Another address is not affected.
    assert client.post(URL, form_data, REMOTE_ADDR="10.0.0.9").status_code == 200


def test_oversize_photo_refused_with_a_clear_message(client, form_data, settings):
    settings.PHOTO_MAX_BYTES = 50_000
    big = photo_upload("duza.jpg", jpeg_with_exif((3000, 3000)) + b"\0" * 60_000)
    response = client.post(URL, {**form_data, "photos": [big]})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Zdjęcie duza.jpg jest za duże" in text
    assert not Offer.objects.exists()


def test_non_image_upload_refused_with_a_clear_message(client, form_data):
    fake = photo_upload("wirus.jpg", b"MZ\x90\x00 not a picture", "image/jpeg")
    response = client.post(URL, {**form_data, "photos": [fake]})
    assert response.status_code == 400
    assert "Plik wirus.jpg nie jest zdjęciem" in response.content.decode()
    assert not Offer.objects.exists()


def test_consent_is_required(client, form_data):
    data = {**form_data}
    data.pop("consent")
    assert client.post(URL, data).status_code == 400
    assert not Offer.objects.exists()


def test_demand_page_shows_categories_without_personal_data(client, make_request):
    make_request(phone="+48602000001")
    make_request(phone="+48602000002")
    page = client.get(reverse("exchange:demand")).content.decode()
    assert "Meble" in page and "Kowalska" not in page and "Anna" not in page
    assert "pożarze" not in page
