"""A reused bench database is vacuumed before a run when the server's autovacuum is off,
as autovacuum would have done with the dossier table's settings (dossiers/0008)."""

from __future__ import annotations

import pytest
from bench.harness.generate import vacuum_dossiers_for_autovacuum
from django.db import connection

from motcua.accounts.models import User
from motcua.dossiers.models import Dossier
from motcua.organizations.models import Agency
from tests.dossiers.conftest import make_version, submit_online


def _autovacuum() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW autovacuum")
        return str(cursor.fetchone()[0])


def _pages() -> tuple[int, int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relpages, relallvisible FROM pg_class WHERE relname = %s",
            [Dossier._meta.db_table],
        )
        pages, visible = cursor.fetchone()
    return int(pages), int(visible)


@pytest.mark.django_db(transaction=True)
def test_the_dossier_table_is_vacuumed_when_autovacuum_is_off(
    citizen: User, commune_agency: Agency
) -> None:
    if connection.vendor != "postgresql":
        assert vacuum_dossiers_for_autovacuum() is None
        return
    submit_online(citizen, make_version(commune_agency))
    took = vacuum_dossiers_for_autovacuum()
    if _autovacuum() == "on":
        assert took is None  # autovacuum does it, with the table's own settings
        return
    assert took is not None and took >= 0
    pages, visible = _pages()
    # Every page is marked all-visible again: the queue's index-only scan needs no heap.
    assert pages >= 1 and visible == pages
