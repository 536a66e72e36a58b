"""The background-jobs scenario of the bench, small: real worker processes drain a few
hundred no-op jobs from the test database and the harness proves none ran twice."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)


def _url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def test_worker_processes_drain_the_jobs_once_each(settings: Any, tmp_path: Path) -> None:
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "bench"]}
    }
    from bench.harness import jobs
    from bench.harness.server import bench_env

    importlib.reload(importlib.import_module("bench.app.tasks"))  # bound to this backend
    result = jobs.run_jobs(jobs=300, workers=2, env=bench_env(_url(), tmp_path), workdir=tmp_path)
    assert result.problems == []
    assert (result.ran, result.ran_twice) == (300, 0)
    assert sorted(tmp_path.glob("jobs-worker-*.log"))  # the workers' logs are kept
