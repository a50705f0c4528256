"""Production start-up checks: with DEBUG=0 the settings refuse to load rather than run on
the public development key, any host name, or QR codes and SMS callbacks pointing nowhere.

Called from settings.py, so `gunicorn`, `manage.py` and the worker all stop with one clear
message (ImproperlyConfigured) before serving anything."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

MIN_KEY_LENGTH = 50  # what `check --deploy` (security.W009) asks for
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1", "testserver"}


def production_problems(secret_key: str, allowed_hosts: list[str], base_url: str,
                        dev_key: str) -> list[str]:
    problems = []
    if not secret_key:
        problems.append("SECRET_KEY is not set")
    elif (secret_key == dev_key or len(secret_key) < MIN_KEY_LENGTH
          or len(set(secret_key)) < 5 or secret_key.startswith("django-insecure")):
        problems.append(f"SECRET_KEY is weak (use at least {MIN_KEY_LENGTH} random characters, "
                        "e.g. `python -c 'import secrets; print(secrets.token_urlsafe(50))'`)")
    if not allowed_hosts:
        problems.append("ALLOWED_HOSTS is not set (comma-separated host names)")
    elif "*" in allowed_hosts:
        problems.append("ALLOWED_HOSTS must name the hosts, not '*'")
    parts = urlsplit(base_url or "")
    if not base_url:
        problems.append("BASE_URL is not set (the public address, e.g. https://pomoc.example.pl)")
    elif parts.scheme not in ("http", "https") or not parts.hostname:
        problems.append("BASE_URL must be an absolute http(s) address")
    elif parts.hostname in LOCAL_HOSTS:
        problems.append("BASE_URL points to this machine; QR codes and SMS callbacks need the "
                        "public address")
    return problems


def check_production_settings(secret_key: str, allowed_hosts: list[str], base_url: str,
                              dev_key: str) -> None:
    problems = production_problems(secret_key, allowed_hosts, base_url, dev_key)
    if problems:
        raise ImproperlyConfigured(
            "Refusing to start with DEBUG=0: " + "; ".join(problems)
            + ". Set them in the environment (see README, Production).")
