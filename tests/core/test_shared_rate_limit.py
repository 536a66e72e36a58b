"""With MOTCUA_CACHE_URL set, two app processes count look-up failures together."""

from __future__ import annotations

import socket
import uuid

import pytest
from django.core.cache.backends.redis import RedisCache

from motcua.core import ratelimit

REDIS = "redis://127.0.0.1:6379/5"


def _redis_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _redis_up(), reason="needs a Redis server on 127.0.0.1:6379")
def test_two_processes_share_one_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = RedisCache(REDIS, {}), RedisCache(REDIS, {})  # as two processes would
    limit = ratelimit.Limit(f"test-{uuid.uuid4().hex}", attempts=4, window_seconds=60)
    for n in range(4):
        monkeypatch.setattr(ratelimit, "cache", first if n % 2 else second)
        assert ratelimit.hit(limit, "203.0.113.7") is None
    monkeypatch.setattr(ratelimit, "cache", first)
    assert ratelimit.hit(limit, "203.0.113.7") is not None  # the fifth, whichever process
    monkeypatch.setattr(ratelimit, "cache", second)
    assert ratelimit.blocked(limit, "203.0.113.7") is not None
    ratelimit.reset(limit, "203.0.113.7")
