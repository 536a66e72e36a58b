"""The work queue's index carries the queue's other conditions (unit, status, assignee),
so that PostgreSQL can answer a unit's queue from the index alone.

The new index is built before the old one goes, and on PostgreSQL both steps run
CONCURRENTLY: a plain CREATE INDEX would stop every reception and action for as long as
it reads the dossiers in progress. SQLite has no INCLUDE; there the index is rebuilt with
its key alone, as before, under its new name."""

from django.db import migrations, models

from motcua.core.migration_ops import AddIndexOnline, RemoveIndexOnline

OLD = "dossier_step_queue_idx"
KEY = [
    "deciding_agency",
    "current_step_role",
    "current_step_unit_kind",
    "current_step_due_at",
    "submitted_at",
    "id",
]


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
