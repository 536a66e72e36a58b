"""PostgreSQL, as Django ships it, except how a pooled connection is checked before a
request gets it, and how instants are read (``instants.py``).

Django's check (``CONN_HEALTH_CHECKS`` with a pool) sends an empty query every time a
connection leaves the pool: one round trip per request, the bare one-row view included.
On the bench machine it cost the look-up and that view about a quarter of their rate
(bench/README.md). A connection in use every few milliseconds does not need it:

- when PostgreSQL ends a session (restart, ``pg_terminate_backend``, an idle timeout) it
  sends an error and closes the socket, so a connection with anything to read while idle
  in the pool is tested with the round trip;
- a connection idle longer than ``QUIET_SECONDS`` is tested with the round trip too, for
  the ends that send nothing (a host gone, a firewall dropping the session).

A connection that fails is closed and handed back, which makes the pool replace it, and
the request takes another: a restarted database costs no failed request.
"""

from __future__ import annotations

import select
import time
import weakref
from typing import Any

from django.conf import settings
from django.db.backends.postgresql import base as postgresql
from psycopg import Connection
from psycopg import Error as DriverError
from psycopg_pool import ConnectionPool

from .instants import adapters_for
from .statements import keep_long_statements

QUIET_SECONDS = 5.0
_clock = time.monotonic
# When each pooled connection last passed a check; forgotten with the connection.
_checked: weakref.WeakKeyDictionary[Connection[Any], float] = weakref.WeakKeyDictionary()

keep_long_statements()


class DatabaseWrapper(postgresql.DatabaseWrapper):
    def get_connection_params(self) -> dict[str, Any]:
        params: dict[str, Any] = super().get_connection_params()
        params["context"] = adapters_for(
            params["context"], use_tz=settings.USE_TZ, timezone_name=self.timezone_name
        )
        return params

    def get_new_connection(self, conn_params: dict[str, Any]) -> Connection[Any]:
        pool: ConnectionPool[Any] | None = self.pool  # type: ignore[attr-defined]  # not in django-stubs yet
        if pool is None:
            return super().get_new_connection(conn_params)
        # Every connection of the pool may be dead after a restart: try each once more,
        # then the pool's new ones.
        for _ in range(_attempts(pool)):
            connection = super().get_new_connection(conn_params)
            if usable(connection):
                return connection
            connection.close()
            pool.putconn(connection)  # closed: the pool drops it and opens another
        return super().get_new_connection(conn_params)


def usable(connection: Connection[Any]) -> bool:
    """Whether a connection just taken from the pool can serve a request."""
    if connection.closed or connection.broken:
        return False
    now = _clock()
    quiet = now - _checked.get(connection, float("-inf")) > QUIET_SECONDS
    if quiet or _readable(connection.fileno()):
        try:
            ConnectionPool.check_connection(connection)
        except DriverError:
            return False
    _checked[connection] = now
    return True


def _readable(fd: int) -> bool:
    """Something to read on the socket, without waiting (poll: no limit on the number)."""
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    return bool(poller.poll(0))


def _attempts(pool: ConnectionPool[Any]) -> int:
    return int(pool.max_size) + 1
