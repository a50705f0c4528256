"""Production cannot start insecure (issue 9 §6): start-up checks, CSP, no-store, the SMS
sandbox only in development, no open redirect."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from backend.notifications.models import OutboxMessage
from tests.exchange.conftest import furniture  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k" * 20 + "Xy7-Qz_0aB" * 4


def start(**env_vars) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items()
           if k not in ("SECRET_KEY", "ALLOWED_HOSTS", "BASE_URL", "DEBUG", "SMS_SANDBOX")}
    env.update(env_vars)
    code = ("import django; django.setup(); from django.conf import settings; "
            "print('up', 'sandbox' if settings.SMS_SANDBOX else 'no-sandbox')")
    return subprocess.run([sys.executable, "-c", code],
                          cwd=ROOT, env={**env, "DJANGO_SETTINGS_MODULE": "backend.settings"},
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(("env", "problem"), [
    ({}, "SECRET_KEY is not set"),
    ({"SECRET_KEY": "dev-only-insecure-key-never-use-in-production-0123"}, "SECRET_KEY is weak"),
    ({"SECRET_KEY": "short"}, "SECRET_KEY is weak"),
    ({"SECRET_KEY": GOOD_KEY, "BASE_URL": "https://pomoc.example.pl"}, "ALLOWED_HOSTS is not set"),
    ({"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "*", "BASE_URL": "https://pomoc.example.pl"},
     "not '*'"),
    ({"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "pomoc.example.pl"}, "BASE_URL is not set"),
    ({"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "pomoc.example.pl",
      "BASE_URL": "http://127.0.0.1:8000"}, "BASE_URL points to this machine"),
])
def test_debug_off_refuses_to_start_without_real_settings(env, problem):
    done = start(DEBUG="0", **env)
    assert done.returncode != 0 and "up" not in done.stdout
    assert "ImproperlyConfigured" in done.stderr and problem in done.stderr


def test_debug_off_starts_with_real_settings_and_debug_on_needs_none():
    done = start(DEBUG="0", SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="pomoc.example.pl",
                 BASE_URL="https://pomoc.example.pl", SMS_SANDBOX="1")
    assert done.returncode == 0 and "up" in done.stdout, done.stderr[-2000:]
    assert "no-sandbox" in done.stdout  # the simulate views cannot be switched on in production
    development = start(DEBUG="1")
    assert development.returncode == 0 and "up sandbox" in development.stdout


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/accounts/login/", "/exchange/oddaj/"])
def test_every_page_carries_the_csp_without_unsafe_inline(client, url, furniture):  # noqa: F811
    policy = client.get(url)["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval'" not in policy.replace(
        "wasm-unsafe-eval'", "")


def test_no_template_has_inline_script_or_handlers():
    import re

    pattern = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+=|\sstyle=\"|<style", re.I)
    offenders = [str(p.relative_to(ROOT)) for base in ("templates", "backend")
                 for p in (ROOT / base).rglob("*.html") if pattern.search(p.read_text())]
    assert offenders == []


@pytest.mark.django_db
def test_pages_for_logged_in_users_are_not_stored(client, users, make_household):
    household = make_household()
    client.force_login(users["coordinator"])
    for url in (reverse("people:household_detail", args=[household.pk]),
                reverse("people:household_list") + "?export=csv", "/api/v1/households/"):
        response = client.get(url)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"], url
    client.logout()
    assert "no-store" not in client.get("/exchange/potrzebujemy/").get("Cache-Control", "")


@pytest.fixture
def sent_message(db, make_household):
    household = make_household()
    person = household.members.first()
    from backend.notifications import services

    message = services.enqueue(purpose="manual", phone="+48601234567", body="Dzień dobry",
                               person=person)
    OutboxMessage.objects.filter(pk=message.pk).update(status=OutboxMessage.Status.SENT)
    message.refresh_from_db()
    return message


@pytest.mark.django_db
def test_sandbox_simulation_only_in_development_console(client, users, settings,
                                                        sent_message):
    client.force_login(users["coordinator"])
    status_url = reverse("notifications:simulate_status", args=[sent_message.pk])
    reply_url = reverse("notifications:simulate_reply")
    for backend, sandbox in (("twilio", True), ("console", False)):
        settings.SMS_BACKEND, settings.SMS_SANDBOX = backend, sandbox
        assert client.post(status_url, {"status": "delivered"}).status_code == 404
        assert client.post(reply_url, {"phone": "601 234 567", "body": "STOP"}).status_code \
            == 404
        page = client.get(reverse("notifications:sandbox")).content.decode()
        assert reply_url not in page and status_url not in page
    sent_message.refresh_from_db()
    assert sent_message.status == OutboxMessage.Status.SENT
    settings.SMS_BACKEND, settings.SMS_SANDBOX = "console", True
    assert client.post(reply_url, {"phone": "601 234 567", "body": "TAK"}).status_code == 302


@pytest.mark.django_db
def test_sandbox_status_view_never_redirects_elsewhere(client, users, settings, sent_message):
    settings.SMS_BACKEND, settings.SMS_SANDBOX = "console", True
    client.force_login(users["coordinator"])
    url = reverse("notifications:simulate_status", args=[sent_message.pk])
    for target in ("https://evil.example/x", "//evil.example/x", "/\\evil.example"):
        response = client.post(url, {"status": "delivered", "next": target})
        assert response.status_code == 302
        assert response["Location"] == reverse("notifications:sandbox"), target
    inside = client.post(url, {"status": "delivered", "next": "/sms/batches/"})
    assert inside["Location"] == "/sms/batches/"


def test_back_to_never_leaves_the_site_nor_fails_on_a_non_url(rf):
    """The exchange match and volunteer attendance forms redirected to any `next`
    (`https://evil…`), and `next=abc` was a NoReverseMatch 500 (found by posting every form
    with odd values). One helper now, and a test that no view redirects to raw input."""
    from backend.common.views import back_to

    for target in ("https://evil.example/x", "//evil.example/x", "/\\evil.example", "abc",
                   "javascript:alert(1)", "", "\x00"):
        response = back_to(rf.post("/x/", {"next": target}), "/exchange/offers/1/")
        assert response.status_code == 302 and response["Location"] == "/exchange/offers/1/"
    assert back_to(rf.post("/x/", {"next": "/exchange/requests/2/"}), "/")["Location"] == \
        "/exchange/requests/2/"


def test_no_view_redirects_to_raw_request_input():
    import re

    pattern = re.compile(r"redirect\((self\.)?request\.(GET|POST|META)")
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "backend").rglob("*.py")
                 if pattern.search(p.read_text())]
    assert offenders == []
