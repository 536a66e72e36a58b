"""The job queue table and the dossier table are vacuumed often on PostgreSQL, so a burst
of jobs stays fast and the work queue is read off its index alone."""

from __future__ import annotations

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_the_job_table_is_vacuumed_after_a_thousand_changes() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("autovacuum settings exist on PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reloptions FROM pg_class WHERE relname = 'django_tasks_database_dbtaskresult'"
        )
        (options,) = cursor.fetchone()
    assert "autovacuum_vacuum_threshold=1000" in options
    assert "autovacuum_vacuum_scale_factor=0" in options


def test_the_dossier_table_is_vacuumed_after_one_percent_changes() -> None:
    # The work queue's index-only scan needs a fresh visibility map (dossiers/0008).
    if connection.vendor != "postgresql":
        pytest.skip("autovacuum settings exist on PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'dossiers_dossier'")
        (options,) = cursor.fetchone()
    assert "autovacuum_vacuum_scale_factor=0.01" in options
    assert "autovacuum_vacuum_insert_scale_factor=0.01" in options
