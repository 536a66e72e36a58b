"""Index changes a migration makes on the busiest tables without stopping writes.

A plain CREATE INDEX on the dossiers stops every reception and action for as long as it
reads the table (seconds per million rows); on PostgreSQL these operations run
CONCURRENTLY instead, outside a transaction (the migration sets ``atomic = False``).
Elsewhere they are the plain operation they are built on."""

from __future__ import annotations

from typing import Any

from django.contrib.postgres.operations import AddIndexConcurrently, RemoveIndexConcurrently
from django.db import migrations


class OnlineOnPostgres:
    """CONCURRENTLY on PostgreSQL; elsewhere the plain operation it is built on."""

    plain: type[migrations.AddIndex] | type[migrations.RemoveIndex]

    def database_forwards(self, app_label: str, schema_editor: Any, *states: Any) -> None:
        self._run("database_forwards", app_label, schema_editor, *states)

    def database_backwards(self, app_label: str, schema_editor: Any, *states: Any) -> None:
        self._run("database_backwards", app_label, schema_editor, *states)

    def _run(self, step: str, app_label: str, schema_editor: Any, *states: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            getattr(super(), step)(app_label, schema_editor, *states)
        else:
            getattr(self.plain, step)(self, app_label, schema_editor, *states)


class AddIndexOnline(OnlineOnPostgres, AddIndexConcurrently):
    plain = migrations.AddIndex


class RemoveIndexOnline(OnlineOnPostgres, RemoveIndexConcurrently):
    plain = migrations.RemoveIndex
