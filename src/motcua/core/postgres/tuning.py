"""Storage parameters of a table, set by a migration on PostgreSQL (SQLite has none).

``ALTER TABLE … SET (…)`` takes a lock that lets reads and writes go on, so a migration
may tune a large table while the service runs; reversing it resets the same names.
"""

from __future__ import annotations

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps


def set_storage(table: str, parameters: str) -> migrations.RunPython:
    """A migration operation setting ``parameters`` (``"name = value, …"``) on ``table``."""
    names = ", ".join(p.split(" = ")[0] for p in parameters.split(", "))

    def tune(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"ALTER TABLE {table} SET ({parameters})")

    def untune(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"ALTER TABLE {table} RESET ({names})")

    return migrations.RunPython(tune, untune, elidable=False)
