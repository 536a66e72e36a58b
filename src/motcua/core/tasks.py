"""Housekeeping jobs of the job queue itself."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django_tasks import task
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

KEEP_FINISHED_DAYS = 30
PRUNE_CHUNK = 5_000


@task()
def prune_finished_jobs(days: int = KEEP_FINISHED_DAYS) -> int:
    """Delete job rows that succeeded or failed more than ``days`` ago.

    Every notification and PDF leaves a row; without this the queue table grows by
    every job ever run, and its indexes with it. Ready, reserved and running jobs are
    never touched. Deleted in chunks, so no long lock is held. Returns how many went."""
    before = timezone.now() - timedelta(days=days)
    finished = DBTaskResult.objects.filter(
        status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED],
        finished_at__lt=before,
    )
    deleted = 0
    while True:
        ids = list(finished.values_list("id", flat=True)[:PRUNE_CHUNK])
        if not ids:
            return deleted
        deleted += DBTaskResult.objects.filter(id__in=ids).delete()[0]
