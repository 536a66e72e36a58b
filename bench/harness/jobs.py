"""Background jobs: enqueue no-op jobs through django-tasks' database backend, drain them
with worker processes, prove none ran twice."""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass

from django.db import connection, transaction
from django_tasks_db.models import DBTaskResult

from bench.app.tasks import noop
from bench.harness.server import REPO

BATCH = 5_000


@dataclass
class JobsResult:
    jobs: int
    enqueue_per_s: float
    drain_per_s: float
    drain_seconds: float
    ran: int
    ran_twice: int
    problems: list[str]


def run_jobs(*, jobs: int, workers: int, env: dict[str, str]) -> JobsResult:
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_job_run")
        cursor.execute("CREATE TABLE bench_job_run (n bigint NOT NULL)")
    started = time.monotonic()
    for low in range(0, jobs, BATCH):
        with transaction.atomic():
            for n in range(low, min(jobs, low + BATCH)):
                noop.enqueue(n=n)
    enqueued = time.monotonic() - started
    with connection.cursor() as cursor:
        # What autovacuum does soon after a bulk insert in production: without fresh
        # statistics the planner thinks the queue is empty and sorts all of it to claim
        # each job (55 ms a claim at 100,000 jobs instead of 2 ms).
        cursor.execute(f"ANALYZE {DBTaskResult._meta.db_table}")
    started = time.monotonic()
    command = [
        sys.executable, "-m", "motcua.cli", "manage", "db_worker", "--queue-name", "bench",
        "--batch", "--no-startup-delay", "--no-reload", "--interval", "0.1",
    ]  # fmt: skip
    pool = [
        subprocess.Popen(
            command, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        for _ in range(workers)
    ]
    problems = []
    for process in pool:
        _, err = process.communicate(timeout=3600)
        if process.returncode:
            problems.append(f"a worker exited with {process.returncode}: {err.decode()[-300:]}")
    drained = time.monotonic() - started
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*), count(DISTINCT n) FROM bench_job_run")
        ran, distinct = cursor.fetchone()
        cursor.execute(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult"
            " WHERE queue_name = 'bench' AND status <> 'SUCCESSFUL'"
        )
        (unfinished,) = cursor.fetchone()
    if distinct != jobs:
        problems.append(f"{distinct} of {jobs} jobs ran")
    if unfinished:
        problems.append(f"{unfinished} jobs not successful")
    return JobsResult(
        jobs=jobs,
        enqueue_per_s=jobs / enqueued,
        drain_per_s=jobs / drained,
        drain_seconds=drained,
        ran=ran,
        ran_twice=ran - distinct,
        problems=problems,
    )
