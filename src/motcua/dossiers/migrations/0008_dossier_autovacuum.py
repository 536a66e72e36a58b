"""PostgreSQL: vacuum the dossier table after every 1 % of it changes, not every 20 %.

The work queue is read off an index alone (``dossier_step_queue_cover_idx``) only where
the visibility map marks the heap page all-visible; every insert or update clears its
page's mark until the table is next vacuumed. The dossiers waiting in a queue are the
ones changed in the last days, so with PostgreSQL's defaults (a vacuum after a fifth of
the table changes: a million changes at 5,000,000 dossiers) nearly every id of a queue
costs a heap fetch. Measured on the bench database after a run of the
suite: the queue's ids took 0.97 ms with 983 heap fetches for 1,001 ids, 0.29 ms with 2
once vacuumed (a vacuum of 4.6 s). Vacuum reads the heap pages changed since the last
one, and PostgreSQL 14 and later skip the indexes when few rows died. SQLite has no such
thing; the migration does nothing there.
"""

from __future__ import annotations

from django.db import migrations

from motcua.core.postgres.tuning import set_storage

TABLE = "dossiers_dossier"
PARAMETERS = "autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_insert_scale_factor = 0.01"


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0007_queue_index_covers_filters")]
    operations = [set_storage(TABLE, PARAMETERS)]
