"""The background-jobs scenario of the bench, small: real worker processes drain a few
hundred no-op jobs from the test database and the harness proves none ran twice."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest
from django_tasks_db.models import DBTaskResult

from tests.conftest import subprocess_database_url

pytestmark = pytest.mark.django_db(transaction=True)


def test_worker_processes_drain_the_jobs_once_each(settings: Any, tmp_path: Path) -> None:
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "bench"]}
    }
    from bench.harness import jobs
    from bench.harness.server import bench_env

    tasks = importlib.reload(importlib.import_module("bench.app.tasks"))  # this backend
    # A job a write scenario left in the default queue: dropped before the drain.
    left = tasks.noop.using(queue_name="default").enqueue(n=-1)
    result = jobs.run_jobs(
        jobs=300, workers=2, env=bench_env(subprocess_database_url(), tmp_path), workdir=tmp_path
    )
    assert result.problems == []
    assert (result.ran, result.ran_twice) == (300, 0)
    assert sorted(tmp_path.glob("jobs-worker-*.log"))  # the workers' logs are kept
    assert "dropped first, unrun, the write scenarios' queued jobs: 1" in result.notes
    assert not DBTaskResult.objects.filter(pk=left.id).exists()
