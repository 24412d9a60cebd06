"""Login rate limiting: after LOGIN_FAILURE_LIMIT failed attempts for one username from one address within
LOGIN_FAILURE_WINDOW seconds, further attempts are refused (even with the right password) until the window
ends. Counters live in the cache, which settings make the database so every app process shares them.

Keyed on username *and* address so that someone guessing one person's password is stopped without locking
that person out from their own machine.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

LIMIT = getattr(settings, "LOGIN_FAILURE_LIMIT", 5)
WINDOW = getattr(settings, "LOGIN_FAILURE_WINDOW", 15 * 60)


def client_address(request: HttpRequest | None) -> str:
    # REMOTE_ADDR only: X-Forwarded-For is set by the client unless a trusted proxy rewrites it.
    return (request.META.get("REMOTE_ADDR") if request else None) or "unknown"


def _key(username: str, address: str, kind: str = "login-failures") -> str:
    digest = hashlib.sha256(f"{username.strip().casefold()}|{address}".encode()).hexdigest()
    return f"{kind}:{digest}"


def is_blocked(username: str, address: str) -> bool:
    return int(cache.get(_key(username, address), 0)) >= LIMIT


def _count(key: str) -> int:
    cache.add(key, 0, timeout=WINDOW)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=WINDOW)
        return 1


def record_failure(username: str, address: str) -> int:
    """Count one failure; the window starts at the first failure. Returns the count so far."""
    return _count(_key(username, address))


def allow_reset_email(email: str) -> bool:
    """At most LIMIT reset emails to one email address per window, wherever the requests come from: the
    form cannot be used to flood someone's inbox."""
    return _count(_key(email, "", "reset-emails")) <= LIMIT


def clear(username: str, address: str) -> None:
    cache.delete(_key(username, address))
