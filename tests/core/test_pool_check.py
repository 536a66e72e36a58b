"""A pooled PostgreSQL connection is checked without a round trip while it is in steady
use, with one when it has been quiet, and a connection the server ended is replaced
before a request gets it (motcua/core/postgres/base.py). Checked in a fresh interpreter
with the pool on, as ``motcua serve`` runs, against the test database."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import fresh_python, subprocess_database_url

PROBE = """
import os, time
import django; django.setup()
import psycopg
from django.db import connection
from motcua.core.postgres import base

# One connection in the pool, so every request gets the same one until it is replaced.
connection.settings_dict["OPTIONS"]["pool"].update(min_size=1, max_size=1)
admin = psycopg.connect(os.environ["DATABASE_URL"], autocommit=True)

def request():
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    connection.close()  # back to the pool, as at the end of a request
    return pid

def seen(pid):
    # The last statement the server received on that session ('' for the empty check).
    row = admin.execute("SELECT query FROM pg_stat_activity WHERE pid = %s", [pid]).fetchone()
    return "gone" if row is None else repr(row[0])

print("engine", connection.settings_dict["ENGINE"])
pid = request()
request()
connection.ensure_connection()  # what a request does first: take one from the pool
print("steady", seen(pid))
connection.close()

real = base._clock
base._clock = lambda: real() + base.QUIET_SECONDS + 1
connection.ensure_connection()
print("quiet", seen(pid))
connection.close()
base._clock = real

admin.execute("SELECT pg_terminate_backend(%s)", [pid])
time.sleep(0.3)
replaced = request()  # must not fail
print("terminated", seen(pid), replaced != pid)
"""


@pytest.mark.django_db
def test_a_pooled_connection_is_checked_by_the_round_trip_only_when_needed(
    tmp_path: Path,
) -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the connection pool is for PostgreSQL (set DATABASE_URL)")
    probe = fresh_python(
        tmp_path, PROBE, DATABASE_URL=subprocess_database_url(), MOTCUA_DB_POOL="true"
    )

    assert probe.returncode == 0, probe.stderr[-2000:]
    lines = dict(line.split(" ", 1) for line in probe.stdout.splitlines())
    assert lines["engine"] == "motcua.core.postgres"
    # Used a moment ago: handed out with no statement sent.
    assert lines["steady"] == "'SELECT pg_backend_pid()'"
    # Quiet for longer than QUIET_SECONDS: the empty query tests it.
    assert lines["quiet"] == "''"
    # Ended by the server: the next request got a new session and did not fail.
    assert lines["terminated"] == "gone True"
