"""Background jobs: enqueue no-op jobs through django-tasks' database backend, drain them
with motcua's batch-claiming worker processes, prove none ran twice."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, connections, transaction
from django.db.models import Max, Min
from django_tasks_db.models import DBTaskResult

from bench.app.tasks import noop
from bench.harness.generate import autovacuum_is_off
from bench.harness.server import REPO

BATCH = 5_000
CLAIM = 50  # jobs a worker claims per transaction (motcua.core.jobs)


@dataclass
class JobsResult:
    jobs: int
    enqueue_per_s: float
    drain_per_s: float
    drain_seconds: float
    ran: int
    ran_twice: int
    problems: list[str]
    notes: list[str] = field(default_factory=list)


def run_jobs(*, jobs: int, workers: int, env: dict[str, str], workdir: Path) -> JobsResult:
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_job_run")
        cursor.execute("CREATE TABLE bench_job_run (n bigint NOT NULL)")
    DBTaskResult.objects.filter(queue_name="bench").delete()  # an interrupted run's jobs
    # The slips and notices the write scenarios queued wait in the default queue: no
    # worker runs during the suite. The ready jobs' index does not lead with the queue,
    # so every claim from the bench queue would first step over all of them; on a
    # database reused for a day, 109,000 of them halved the drain (1,043 to 574 jobs/s).
    # A deployment's workers keep that queue short; here they are dropped, and counted.
    left = DBTaskResult.objects.ready().exclude(queue_name="bench").delete()[0]
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
        sys.executable, "-m", "motcua.cli", "manage", "jobs_worker", "--queue-name", "bench",
        "--batch", "--no-startup-delay", "--interval", "0.1", "--claim", str(CLAIM),
    ]  # fmt: skip
    # Each worker logs two lines a job, as in production. To a file: a pipe read only
    # at the end fills up after a few hundred jobs and blocks the worker writing to it
    # (an earlier version of this harness measured one worker running, three stuck).
    logs = [workdir / f"jobs-worker-{n}.log" for n in range(workers)]
    pool = []
    for log in logs:
        with log.open("wb") as out:
            pool.append(
                subprocess.Popen(command, env=env, cwd=REPO, stdout=out, stderr=subprocess.STDOUT)
            )
    problems = []
    stand_in = _AutovacuumStandIn.start_if_needed()
    notes = [stand_in.NOTE] if stand_in is not None else []
    if left:
        notes.append(f"dropped first, unrun, the write scenarios' queued jobs: {left:,}")
    for process, log in zip(pool, logs, strict=True):
        process.wait(timeout=3600)
        if process.returncode:
            tail = log.read_text(errors="replace")[-300:]
            problems.append(f"a worker exited with {process.returncode} ({log}): {tail}")
    drained = time.monotonic() - started
    if stand_in is not None:
        stand_in.stop()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*), count(DISTINCT n) FROM bench_job_run")
        ran, distinct = cursor.fetchone()
        cursor.execute(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult"
            " WHERE queue_name = 'bench' AND status <> 'SUCCESSFUL'"
        )
        (unfinished,) = cursor.fetchone()
    span = DBTaskResult.objects.filter(queue_name="bench").aggregate(
        first=Min("started_at"), last=Max("finished_at")
    )
    first_start, last_finish = span["first"], span["last"]
    if first_start and last_finish and last_finish > first_start:
        running = (last_finish - first_start).total_seconds()
        notes.insert(0, f"{jobs / running:,.0f}/s from the first job's start to the last one's end")
    notes.insert(0, "req/s counted from launching the workers (Python start-up included)")
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
        notes=notes,
    )


class _AutovacuumStandIn(threading.Thread):
    """Vacuums the job table every few seconds while the workers drain it, when the
    PostgreSQL under test runs with autovacuum off (as some development servers do).

    motcua's migration asks autovacuum to clean that table after every thousand changes
    (``core/migrations/0001``); with autovacuum off, dead rows pile up in the ready-jobs
    index and each claim gets slower (400 → 30 jobs/s over 100,000 jobs). This does what
    autovacuum would, and the run says so."""

    NOTE = "autovacuum is off on this server: the harness vacuumed the job table every 3 s"
    EVERY = 3.0

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.halt = threading.Event()

    @classmethod
    def start_if_needed(cls) -> _AutovacuumStandIn | None:
        if not autovacuum_is_off():
            return None
        stand_in = cls()
        stand_in.start()
        return stand_in

    def run(self) -> None:
        try:
            while not self.halt.wait(self.EVERY):
                with connections["default"].cursor() as cursor:
                    cursor.execute(f"VACUUM (ANALYZE) {DBTaskResult._meta.db_table}")
        finally:
            connections.close_all()

    def stop(self) -> None:
        self.halt.set()
        self.join()
