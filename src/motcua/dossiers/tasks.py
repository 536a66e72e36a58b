"""Background jobs of the dossiers app. They take ids (or nothing) and are idempotent.

Notifications of status changes are not here: each change writes its delivery rows in its
own transaction (notifications.services.delivery_queue) and the sending job is enqueued
when that transaction commits. This module holds the periodic sweeps:

- ``warn_due_soon``: every 15 minutes or so; warns once per dossier and deadline.
"""

from __future__ import annotations

from django_tasks import task

from motcua.dossiers.services.warnings import dossiers_warn_due_soon


@task()
def warn_due_soon() -> int:
    return dossiers_warn_due_soon()
