"""The one rate limiter for hand-written limits (public offer form, password reset): a
fixed window counted on the shared cache, so it holds across worker processes.

Log-in lock-out is django-axes (backend.accounts), the API is DRF's throttles; everything
else calls `allow()` here (docs/decisions/0052-shared-rate-limits.md).

Exact under concurrency on any cache whose `add` is atomic (the database cache: a unique
key; Redis: SET NX): attempt n claims slot n of the window with `add`, so two workers can
never both take the last slot, where get-then-set counting (LocMem, `incr` on the database
cache) lets a burst through. A hint key remembers how many slots are taken, so a refused
request costs one read.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache


def client_ip(request) -> str:
    """The caller's address: REMOTE_ADDR, or behind PROXY_COUNT trusted proxies the entry
    they added to X-Forwarded-For (never one the client wrote itself)."""
    proxies = int(getattr(settings, "PROXY_COUNT", 0))
    if proxies:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
                     if p.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _key(scope: str, ident: str, window: int) -> str:
    # Hashed: the cache holds no IP addresses or e-mail addresses in clear.
    digest = hashlib.sha256(f"{scope}|{ident}".encode()).hexdigest()[:32]
    return f"rl:{scope}:{digest}:{window}"


def allow(scope: str, ident: str, limit: int, period: int) -> bool:
    """Count one attempt of `ident` in `scope`; False once `limit` were made in the current
    window of `period` seconds."""
    if limit <= 0:
        return False
    window = int(time.time()) // period
    base = _key(scope, ident, window)
    start = cache.get(f"{base}:n", 0)
    for slot in range(start, limit):
        if cache.add(f"{base}:{slot}", 1, period):
            cache.set(f"{base}:n", slot + 1, period)
            return True
    cache.set(f"{base}:n", limit, period)
    return False


def parse_rate(rate: str) -> tuple[int, int]:
    """'5/hour' → (5, 3600); the same notation as DRF's throttle rates."""
    count, _slash, unit = rate.partition("/")
    seconds = {"s": 1, "m": 60, "h": 3600, "d": 86400}[unit.strip()[0].lower()]
    return int(count), seconds


def allow_rate(scope: str, ident: str, rate: str) -> bool:
    limit, period = parse_rate(rate)
    return allow(scope, ident, limit, period)
