"""Finished jobs are pruned after 30 days; nothing still to run is ever touched."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from motcua.core import tasks

pytestmark = pytest.mark.django_db


def _job(status: str, finished_days_ago: int | None) -> DBTaskResult[Any, Any]:
    finished = (
        timezone.now() - timedelta(days=finished_days_ago)
        if finished_days_ago is not None
        else None
    )
    return DBTaskResult.objects.create(
        status=status,
        args_kwargs={"args": [], "kwargs": {}},
        task_path="motcua.core.tasks.prune_finished_jobs",
        backend_name="default",
        finished_at=finished,
    )


def test_only_jobs_finished_long_ago_are_pruned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tasks, "PRUNE_CHUNK", 2)  # several chunks
    old = [_job(TaskResultStatus.SUCCESSFUL, 40) for _ in range(3)]
    old.append(_job(TaskResultStatus.FAILED, 31))
    kept = [
        _job(TaskResultStatus.SUCCESSFUL, 29),
        _job(TaskResultStatus.FAILED, 1),
        _job(TaskResultStatus.READY, None),
        _job(TaskResultStatus.RUNNING, None),
    ]
    assert tasks.prune_finished_jobs.call() == 4
    remaining = set(DBTaskResult.objects.values_list("id", flat=True))
    assert remaining == {job.id for job in kept}
    assert tasks.prune_finished_jobs.call() == 0
