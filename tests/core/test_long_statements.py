"""psycopg keeps its parse of motcua's long statements between runs
(``motcua.core.postgres.statements``): a reception's rows in one statement, a step's,
a dossier's claim."""

from __future__ import annotations

import pytest
from django.db import connection

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="psycopg is PostgreSQL's"),
]


def _reused() -> int:
    """How many times psycopg has taken a statement's parse from its cache."""
    from psycopg import _queries

    # Server-side binding (production) parses with one cache, client-side with another.
    caches = (_queries._query2pg, _queries._query2pg_client)
    return sum(int(cache.cache_info().hits) for cache in caches)


@pytest.mark.parametrize("parameters", [144, 400])
def test_a_long_statement_run_again_is_not_parsed_again(parameters: int) -> None:
    # As long as the claim's read and with as many parameters as a reception's rows.
    padding = " ".join(f'"c{i:05d}"' for i in range(800))
    sql = f"SELECT {' + '.join(['%s::int'] * parameters)} AS total /* {padding} */"
    assert len(sql.encode()) > 8_000
    params = list(range(parameters))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        assert cursor.fetchone() == (sum(params),)
        reused = _reused()
        for _ in range(3):
            cursor.execute(sql, params)
            assert cursor.fetchone() == (sum(params),)
    assert _reused() == reused + 3
