"""Fixed-window rate limits kept in the cache.

With the default in-process cache each app process counts on its own; a deployment with
several processes or machines points ``CACHES`` at a shared cache (Redis, Memcached, the
database cache) so the limit holds across them.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpRequest


@dataclass(frozen=True)
class Limit:
    scope: str
    attempts: int
    window_seconds: int


def client_ip(request: HttpRequest) -> str:
    # Behind a proxy, configure it to set REMOTE_ADDR (e.g. granian --forwarded-allow-ips);
    # X-Forwarded-For is not trusted here because any client can write it.
    return str(request.META.get("REMOTE_ADDR", "unknown"))


def _key(limit: Limit, subject: str) -> tuple[str, int]:
    window = int(time.time() // limit.window_seconds)
    digest = hashlib.sha256(subject.encode()).hexdigest()[:24]
    return f"rl:{limit.scope}:{window}:{digest}", limit.window_seconds - int(
        time.time()
    ) % limit.window_seconds


def hit(limit: Limit, subject: str) -> int | None:
    """Count one attempt. None while within the limit; else seconds until it resets."""
    key, remaining = _key(limit, subject)
    if cache.add(key, 1, timeout=limit.window_seconds + 1):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=limit.window_seconds + 1)
            count = 1
    return None if count <= limit.attempts else max(remaining, 1)


def blocked(limit: Limit, subject: str) -> int | None:
    """Like ``hit`` without counting: seconds to wait, or None."""
    key, remaining = _key(limit, subject)
    count = cache.get(key, 0)
    return None if count < limit.attempts else max(remaining, 1)


def reset(limit: Limit, subject: str) -> None:
    cache.delete(_key(limit, subject)[0])
