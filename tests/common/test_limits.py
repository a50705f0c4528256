"""Uploads and rate limits that hold across worker processes (issue 9 §3)."""

import io
import os
import re
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from django.core import mail
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from backend.accounts import roles
from backend.common import images, ratelimit
from backend.exchange import services as exchange_services
from backend.exchange.models import Offer
from tests.exchange.conftest import furniture, photo_upload  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]
OFFER_URL = "/exchange/oddaj/"


def png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header claims width×height but carries almost no pixel data: decoding it
    would fail, so a refusal that names the pixels proves nothing was decoded."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + chunk(b"IEND", b""))


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("L", (width, height)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def offer_data(furniture):  # noqa: F811
    return {"category": furniture["category"].pk, "title": "Wózek", "condition": "good",
            "donor_name": "Ewa", "donor_phone": "601 234 567", "consent": "on", "website": "",
            "pickup_address": "ul. Wólczańska 5, Łódź"}


# --- pixels and photos ----------------------------------------------------------------

def test_a_144_megapixel_png_is_refused_from_its_header():
    upload = SimpleUploadedFile("bomb.png", png_header_only(12000, 12000), "image/png")
    assert upload.size < 2000
    with pytest.raises(ValidationError) as err:
        images.check_photo(upload)
    assert err.value.code == "too_many_pixels"
    assert "144" in err.value.messages[0]  # the real size, read from the header
    assert Image.MAX_IMAGE_PIXELS == 40_000_000


def test_the_pixel_limit_is_a_setting(settings):
    settings.PHOTO_MAX_PIXELS = 1_000_000
    with pytest.raises(ValidationError) as err:
        images.clean_photo(SimpleUploadedFile("a.png", png(1200, 900), "image/png"))
    assert err.value.code == "too_many_pixels"
    content, width, height = images.clean_photo(
        SimpleUploadedFile("b.png", png(1000, 1000), "image/png"))
    assert (width, height) == (1000, 1000)


@pytest.mark.django_db
def test_public_form_refuses_the_pixel_bomb(client, offer_data):
    bomb = SimpleUploadedFile("bomb.png", png_header_only(12000, 12000), "image/png")
    response = client.post(OFFER_URL, {**offer_data, "photos": [bomb]})
    assert response.status_code == 400
    assert "megapiks" in response.content.decode() or "megapixel" in response.content.decode()
    assert not Offer.objects.exists()


@pytest.mark.django_db
def test_photos_per_offer_are_capped(client, offer_data, settings, furniture):  # noqa: F811
    settings.EXCHANGE_PHOTOS_PER_OFFER = 2
    response = client.post(OFFER_URL, {**offer_data, "photos": [
        photo_upload(f"{i}.jpg") for i in range(3)]})
    assert response.status_code == 400 and not Offer.objects.exists()
    offer = exchange_services.create_offer(None, {
        "category": furniture["category"], "title": "Szafa", "condition": "good"},
        photos=[photo_upload("1.jpg"), photo_upload("2.jpg")])
    with pytest.raises(exchange_services.ExchangeError) as err:
        exchange_services.update_offer(None, offer, {}, photos=[photo_upload("3.jpg")])
    assert err.value.code == "too_many_photos" and offer.photos.count() == 2


# --- the public form: 6 posts from one IP -----------------------------------------------

@pytest.mark.django_db
def test_six_posts_from_one_ip_the_sixth_refused(client, offer_data, settings):
    settings.EXCHANGE_PUBLIC_OFFERS_PER_HOUR = 5
    codes = [client.post(OFFER_URL, offer_data, REMOTE_ADDR="203.0.113.7").status_code
             for _ in range(6)]
    assert codes == [200] * 5 + [429]
    assert Offer.objects.count() == 5
    assert client.post(OFFER_URL, offer_data, REMOTE_ADDR="203.0.113.8").status_code == 200


def test_the_limiter_is_exact_and_counts_per_ident(db):
    assert [ratelimit.allow("t", "a", 3, 60) for _ in range(5)] == [True] * 3 + [False] * 2
    assert ratelimit.allow("t", "b", 3, 60)
    assert ratelimit.parse_rate("5/hour") == (5, 3600)


def test_behind_a_proxy_the_client_address_is_the_proxys_entry(rf, settings):
    settings.PROXY_COUNT = 1
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.4")
    assert ratelimit.client_ip(request) == "198.51.100.4"  # not what the client wrote
    settings.PROXY_COUNT = 0
    assert ratelimit.client_ip(request) == "10.0.0.1"


# --- log-in lock-out (django-axes) --------------------------------------------------------

LOGIN = "accounts:login"


def _login(client, username, password, ip="198.51.100.1"):
    return client.post(reverse(LOGIN), {"username": username, "password": password},
                       REMOTE_ADDR=ip)


@pytest.mark.django_db
def test_lockout_per_username_holds_from_another_address(client, make_user, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    make_user(roles.COORDINATOR, "kasia")
    codes = [_login(client, "kasia", "zle", ip="198.51.100.1").status_code for _ in range(3)]
    assert codes == [200, 200, 429]  # the third failure locks
    locked = _login(client, "kasia", "secret-pass-123", ip="198.51.100.99")
    assert locked.status_code == 429 and "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_many_usernames_from_one_address_are_locked_out(client, make_user, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    settings.LOGIN_FAILURE_LIMIT_PER_IP = 6
    make_user(roles.COORDINATOR, "kasia")
    for i in range(6):  # password spraying: one try per user name, never 3 on one
        _login(client, f"user{i}", "haslo123", ip="203.0.113.50")
    assert _login(client, "kasia", "secret-pass-123", ip="203.0.113.50").status_code == 429
    # the person herself, from elsewhere, still gets in
    assert _login(client, "kasia", "secret-pass-123", ip="203.0.113.51").status_code == 302


# --- password reset -----------------------------------------------------------------------

@pytest.mark.django_db
def test_password_reset_is_throttled_per_address_and_per_ip(client, make_user, settings):
    settings.PASSWORD_RESET_RATE_PER_EMAIL = "3/hour"
    settings.PASSWORD_RESET_RATE_PER_IP = "5/hour"
    user = make_user(roles.VOLUNTEER, "ola")
    user.email = "ola@example.org"
    user.save()
    url = reverse("accounts:password_reset")
    codes = [client.post(url, {"email": "ola@example.org"}).status_code for _ in range(4)]
    assert codes == [302, 302, 302, 429] and len(mail.outbox) == 3
    # other addresses from the same IP: the 5th request fits the 5 per IP, then refused
    codes = [client.post(url, {"email": f"x{i}@example.org"}).status_code for i in range(3)]
    assert codes == [302, 429, 429]


# --- DRF throttles ----------------------------------------------------------------------

def test_api_throttles_are_switched_on():
    from rest_framework.settings import api_settings
    from rest_framework.throttling import AnonRateThrottle, UserRateThrottle
    from rest_framework.views import APIView

    assert AnonRateThrottle in APIView.throttle_classes
    assert UserRateThrottle in APIView.throttle_classes
    assert api_settings.DEFAULT_THROTTLE_RATES == {"anon": "60/min", "user": "1200/min"}


@pytest.mark.django_db
def test_api_answers_429_past_the_user_rate(client, users, monkeypatch):
    from rest_framework.throttling import UserRateThrottle

    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"user": "5/min", "anon": "5/min"})
    client.force_login(users["coordinator"])
    codes = [client.get("/api/v1/sites/").status_code for _ in range(6)]
    assert codes == [200] * 5 + [429]


# --- one cache for every process ----------------------------------------------------------

def test_the_default_cache_is_shared_never_process_memory(settings):
    backend = settings.CACHES["default"]["BACKEND"]
    assert backend in ("backend.common.cache.UpsertDatabaseCache",
                       "django.core.cache.backends.redis.RedisCache")
    assert "locmem" not in str(type(caches["default"])).lower()


SCRIPT = r"""
import sys
import django
django.setup()
from django.core.cache import cache
from django.test import Client
role = sys.argv[1]
client = Client()
if role == "a":
    from django.contrib.auth import get_user_model
    get_user_model().objects.create_user("kasia", password="secret-pass-123")
    cache.set("from-a", "hello", 300)
    codes = [client.post("/exchange/oddaj/", {}, REMOTE_ADDR="203.0.113.9").status_code
             for _ in range(3)]
    codes += [client.post("/accounts/login/", {"username": "kasia", "password": "zle"},
                          REMOTE_ADDR="198.51.100.3").status_code for _ in range(3)]
else:
    codes = [cache.get("from-a")]
    codes += [client.post("/exchange/oddaj/", {}, REMOTE_ADDR="203.0.113.9").status_code
              for _ in range(3)]
    codes += [client.post("/accounts/login/", {"username": "kasia",
                                               "password": "secret-pass-123"},
                          REMOTE_ADDR="198.51.100.4").status_code]
print(",".join(str(c) for c in codes))
"""


def test_limits_hold_across_two_processes(tmp_path):
    """Two separate Python processes on one database: the second sees the first's cache
    entry, the first's public posts and failed log-ins count against the second."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
           "WSPOLNIE_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "backend.settings",
           "EXCHANGE_PUBLIC_OFFERS_PER_HOUR": "5", "LOGIN_FAILURE_LIMIT": "3",
           "DEBUG": "1"}
    env.pop("REDIS_URL", None)

    def run(*args):
        done = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=240)
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout.strip()

    run("manage.py", "migrate", "--noinput", "-v0")
    first = run("-c", SCRIPT, "a").splitlines()[-1]
    second = run("-c", SCRIPT, "b").splitlines()[-1]
    # 3 offers counted (invalid, but counted); the third failed log-in locks kasia out
    assert first == "400,400,400,200,200,429"
    assert second == "hello,400,400,429,429"  # 5 per hour in all; kasia locked everywhere


def test_no_hand_written_counter_or_client_address_outside_the_limiter():
    """Every limit goes through common.ratelimit (atomic slots, client_ip behind the proxy):
    a cache.incr counter or REMOTE_ADDR read elsewhere counts wrong behind PROXY_COUNT or
    lets a burst through (the pledge and volunteer forms did both)."""
    root = Path(__file__).resolve().parents[2] / "backend"
    offenders = [str(path.relative_to(root)) for path in root.rglob("*.py")
                 if path.name != "ratelimit.py" and "migrations" not in path.parts
                 and re.search(r"cache\.incr\(|REMOTE_ADDR", path.read_text())]
    assert offenders == []
