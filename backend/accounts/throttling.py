"""Failed log-in throttling: N failures per (username, IP) in a window."""

import hashlib

from django.conf import settings
from django.core.cache import cache


def _key(username: str, ip: str) -> str:
    # Hashed: the cache must not hold user names in clear.
    digest = hashlib.sha256(f"{username.lower()}|{ip}".encode()).hexdigest()[:32]
    return f"login-fail:{digest}"


def is_locked(username: str, ip: str) -> bool:
    return cache.get(_key(username, ip), 0) >= settings.LOGIN_FAILURE_LIMIT


def register_failure(username: str, ip: str) -> None:
    key = _key(username, ip)
    if not cache.add(key, 1, settings.LOGIN_FAILURE_WINDOW_SECONDS):
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, settings.LOGIN_FAILURE_WINDOW_SECONDS)


def reset(username: str, ip: str) -> None:
    cache.delete(_key(username, ip))
