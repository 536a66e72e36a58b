"""Background jobs of the dossiers app. They take ids (or nothing) and are idempotent.

Notifications of status changes are not here: each change writes its delivery rows in its
own transaction (notifications.services.delivery_queue) and the sending job is enqueued
when that transaction commits. This module holds the periodic sweeps:

- ``warn_due_soon``: every 15 minutes or so; warns once per dossier and deadline.
- ``sweep_orphan_files``: every few hours; deletes attachment files no row refers to.
"""

from __future__ import annotations

from django_tasks import task

from motcua.dossiers.services.orphans import attachments_sweep_orphans
from motcua.dossiers.services.warnings import dossiers_warn_due_soon


@task()
def warn_due_soon() -> int:
    return dossiers_warn_due_soon()


@task()
def sweep_orphan_files() -> int:
    return attachments_sweep_orphans()
