"""The work queue's index carries the queue's other conditions (unit, status, assignee),
so that PostgreSQL can answer a unit's queue from the index alone.

The new index is built before the old one goes, and on PostgreSQL both steps run
CONCURRENTLY: a plain CREATE INDEX would stop every reception and action for as long as
it reads the dossiers in progress. SQLite has no INCLUDE; there the index is rebuilt with
its key alone, as before, under its new name."""

from django.contrib.postgres.operations import AddIndexConcurrently, RemoveIndexConcurrently
from django.db import migrations, models

OLD = "dossier_step_queue_idx"
KEY = [
    "deciding_agency",
    "current_step_role",
    "current_step_unit_kind",
    "current_step_due_at",
    "submitted_at",
    "id",
]


class OnlineOnPostgres:
    """CONCURRENTLY on PostgreSQL; elsewhere the plain operation it is built on."""

    plain: type[migrations.AddIndex] | type[migrations.RemoveIndex]

    def database_forwards(self, app_label, schema_editor, from_state, to_state):  # type: ignore[no-untyped-def]
        self._run("database_forwards", app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):  # type: ignore[no-untyped-def]
        self._run("database_backwards", app_label, schema_editor, from_state, to_state)

    def _run(self, step, app_label, schema_editor, *states):  # type: ignore[no-untyped-def]
        if schema_editor.connection.vendor == "postgresql":
            getattr(super(), step)(app_label, schema_editor, *states)
        else:
            getattr(self.plain, step)(self, app_label, schema_editor, *states)


class AddIndexOnline(OnlineOnPostgres, AddIndexConcurrently):
    plain = migrations.AddIndex


class RemoveIndexOnline(OnlineOnPostgres, RemoveIndexConcurrently):
    plain = migrations.RemoveIndex


class Migration(migrations.Migration):
    atomic = False  # CREATE/DROP INDEX CONCURRENTLY cannot run in a transaction

    dependencies = [
        ("dossiers", "0006_redundant_fk_indexes"),
    ]

    operations = [
        AddIndexOnline(
            model_name="dossier",
            index=models.Index(
                condition=models.Q(("current_step_role", ""), _negated=True),
                fields=KEY,
                include=("current_unit", "status", "assignee"),
                name="dossier_step_queue_cover_idx",
            ),
        ),
        RemoveIndexOnline(model_name="dossier", name=OLD),
    ]
