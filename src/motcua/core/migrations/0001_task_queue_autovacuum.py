"""PostgreSQL: vacuum and analyze the job queue table after every thousand changes.

Each job is inserted, then updated twice (running, finished); the claim walks the index
of ready jobs, so the dead rows a burst leaves behind make every claim slower until the
table is vacuumed. With PostgreSQL's default thresholds (a fifth of the table) that waits
far too long: draining 100,000 queued jobs fell from about 400 to 30 jobs a second.
SQLite has no such thing; the migration does nothing there.
"""

from __future__ import annotations

from django.db import migrations

from motcua.core.postgres.tuning import set_storage

TABLE = "django_tasks_database_dbtaskresult"
PARAMETERS = (
    "autovacuum_vacuum_threshold = 1000, autovacuum_vacuum_scale_factor = 0, "
    "autovacuum_analyze_threshold = 1000, autovacuum_analyze_scale_factor = 0, "
    "autovacuum_vacuum_cost_delay = 0"
)


class Migration(migrations.Migration):
    dependencies = [("django_tasks_database", "0021_conditional_partial_index_ordering")]
    operations = [set_storage(TABLE, PARAMETERS)]
