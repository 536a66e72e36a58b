"""Instants read from PostgreSQL by psycopg's own loader are the ones Django's loader
gives: the same moment, the same ``tzinfo`` (motcua/core/postgres/instants.py)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import DataError, connection
from django.db.backends.postgresql.psycopg_any import get_adapters_template
from hypothesis import given, settings
from hypothesis import strategies as st

from motcua.core.postgres.instants import TIMESTAMPTZ_OID, UtcInstantLoader, adapters_for

# Every test but the last reads from PostgreSQL (``DATABASE_URL``); the last runs anywhere.
postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="instants are loaded by psycopg on PostgreSQL only (set DATABASE_URL)",
)


def _read(sql: str, *params: Any) -> Any:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def _djangos_loader() -> Any:
    """What Django itself registers for ``timestamptz`` on a UTC connection."""
    template = get_adapters_template(True, datetime.UTC)
    return template.get_loader(TIMESTAMPTZ_OID, 0)(TIMESTAMPTZ_OID, connection.connection)


@pytest.mark.django_db
@postgres
def test_the_connection_reads_instants_with_the_native_loader() -> None:
    connection.ensure_connection()
    loader = connection.connection.adapters.get_loader(TIMESTAMPTZ_OID, 0)
    assert loader is UtcInstantLoader
    # Django compares this before each cursor and would otherwise put its own back.
    assert connection.timezone == loader.timezone


# Aware instants anywhere Python can hold them, in any zone offset PostgreSQL accepts.
instants = st.datetimes(
    min_value=datetime.datetime(2, 1, 1),
    max_value=datetime.datetime(9998, 12, 31),
    timezones=st.builds(
        datetime.timezone,
        st.integers(min_value=-15 * 60, max_value=15 * 60).map(
            lambda m: datetime.timedelta(minutes=m)
        ),
    ),
)


@pytest.mark.django_db
@postgres
@settings(max_examples=200, deadline=None)
@given(moment=instants)
def test_an_instant_reads_back_as_django_would_read_it(moment: datetime.datetime) -> None:
    read = _read("SELECT %s::timestamptz", moment)
    assert read == moment
    assert read.tzinfo is datetime.UTC
    # Django's own loader, given the text PostgreSQL sends, agrees to the microsecond.
    text = _read("SELECT %s::timestamptz::text", moment)
    djangos = _djangos_loader().load(text.encode())
    assert (read, read.tzinfo) == (djangos, djangos.tzinfo)


@pytest.mark.django_db
@postgres
def test_nothing_stays_none_and_out_of_range_is_refused_as_before() -> None:
    assert _read("SELECT NULL::timestamptz") is None
    with pytest.raises(DataError, match="too large"):
        _read("SELECT 'infinity'::timestamptz")
    with pytest.raises(DataError, match="too small"):
        _read("SELECT '0001-01-01 00:00:00+07'::timestamptz")


@pytest.mark.django_db
@postgres
def test_models_get_the_instants_they_saved() -> None:
    from motcua.accounts.models import User

    joined = datetime.datetime(2026, 11, 18, 9, 0, 0, 123456, tzinfo=datetime.UTC)
    user = User.objects.create(username="instant", date_joined=joined)
    assert User.objects.values_list("date_joined", flat=True).get(pk=user.pk) == joined


def test_django_keeps_its_loader_unless_time_is_kept_in_utc() -> None:
    template = get_adapters_template(True, datetime.UTC)
    assert adapters_for(template, use_tz=True, timezone_name="UTC") is not template
    # Without USE_TZ Django drops the zone; with a database TIME_ZONE it attaches that one.
    assert adapters_for(template, use_tz=False, timezone_name="Asia/Ho_Chi_Minh") is template
    assert adapters_for(template, use_tz=True, timezone_name="Asia/Ho_Chi_Minh") is template


@pytest.mark.django_db
@postgres
def test_the_loader_loads_through_its_class_too() -> None:
    connection.ensure_connection()
    loader = UtcInstantLoader(TIMESTAMPTZ_OID, connection.connection)
    text = b"2026-11-18 02:00:00.5+00"
    expected = datetime.datetime(2026, 11, 18, 2, 0, 0, 500000, tzinfo=datetime.UTC)
    assert loader.load(text) == UtcInstantLoader.load(loader, text) == expected
