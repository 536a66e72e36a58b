"""The batch-claiming job worker: every job runs once, reservations are handed back."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connections
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from motcua.core import jobs
from tests.core import job_tasks

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def database_queue(settings: Any) -> Iterator[None]:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    job_tasks.RUNS.clear()
    job_tasks.STOP_AFTER.clear()
    yield
    job_tasks.STOP_AFTER.clear()


def _worker(claim: int, **kwargs: Any) -> jobs.BatchWorker:
    options: dict[str, Any] = {
        "queue_names": ["default"],
        "interval": 0,
        "batch": True,
        "backend_name": "default",
        "startup_delay": False,
        "max_tasks": None,
        "worker_id": jobs.new_worker_id(),
        "excluded_queue_names": [],
    }
    options.update(kwargs)
    return jobs.BatchWorker(claim=claim, **options)


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_a_worker_runs_every_job_once_in_batches_and_records_results() -> None:
    for n in range(20):
        job_tasks.record.enqueue(n=n)
    worker = _worker(claim=7)
    worker.run()
    assert sorted(job_tasks.RUNS) == list(range(20))
    rows = list(DBTaskResult.objects.filter(queue_name="default"))
    assert {row.status for row in rows} == {TaskResultStatus.SUCCESSFUL}
    assert all(row.started_at is not None and row.finished_at is not None for row in rows)
    assert all(row.worker_ids == [worker.worker_id] for row in rows)
    assert sorted(row.return_value for row in rows) == [2 * n for n in range(20)]


def test_jobs_run_in_priority_order_within_and_across_batches() -> None:
    for n in range(6):
        job_tasks.record.using(priority=n * 10).enqueue(n=n)
    _worker(claim=4).run()
    assert job_tasks.RUNS == [5, 4, 3, 2, 1, 0]


def test_a_failing_job_is_recorded_and_the_batch_goes_on() -> None:
    job_tasks.record.enqueue(n=1)
    failing = job_tasks.fail.enqueue(n=2)
    job_tasks.record.enqueue(n=3)
    _worker(claim=10).run()
    assert sorted(job_tasks.RUNS) == [1, 2, 3]
    row = DBTaskResult.objects.get(id=failing.id)
    assert row.status == TaskResultStatus.FAILED
    assert "job 2 failed on purpose" in row.traceback
    assert DBTaskResult.objects.filter(status=TaskResultStatus.SUCCESSFUL).count() == 2


def test_max_tasks_claims_no_more_than_it_may_run() -> None:
    for n in range(10):
        job_tasks.record.enqueue(n=n)
    _worker(claim=8, max_tasks=3, batch=False).run()
    assert len(job_tasks.RUNS) == 3
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 7


def test_a_stopped_worker_hands_its_unstarted_jobs_back() -> None:
    for n in range(10):
        job_tasks.record.enqueue(n=n)
    first = _worker(claim=10)
    job_tasks.STOP_AFTER.update(worker=first, n=2)  # stopped like SIGTERM during job 2
    first.run()
    assert job_tasks.RUNS == [0, 1, 2]
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 7
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).exists()
    _worker(claim=10).run()
    assert sorted(job_tasks.RUNS) == list(range(10))


def test_two_workers_at_once_run_each_job_exactly_once() -> None:
    for n in range(300):
        job_tasks.record.enqueue(n=n)
    errors: list[BaseException] = []
    barrier = threading.Barrier(2)

    def drain(worker: jobs.BatchWorker) -> None:
        try:
            barrier.wait()
            worker.run()
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)
        finally:
            connections.close_all()

    workers = [_worker(claim=5), _worker(claim=5)]
    threads = [threading.Thread(target=drain, args=(w,)) for w in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert Counter(job_tasks.RUNS) == Counter(range(300))
    ran_by = Counter(row.worker_ids[0] for row in DBTaskResult.objects.filter(queue_name="default"))
    assert set(ran_by) <= {w.worker_id for w in workers}
    assert DBTaskResult.objects.exclude(status=TaskResultStatus.SUCCESSFUL).count() == 0


def test_reservations_of_a_dead_worker_on_this_machine_go_back_to_the_queue() -> None:
    dead = jobs.new_worker_id(pid=_dead_pid())
    alive = jobs.new_worker_id()
    elsewhere = jobs.new_worker_id(host="another-host", pid=_dead_pid())
    reserved_by_dead = job_tasks.record.enqueue(n=1)
    started_by_dead = job_tasks.record.enqueue(n=2)
    reserved_by_alive = job_tasks.record.enqueue(n=3)
    reserved_elsewhere = job_tasks.record.enqueue(n=4)
    running = TaskResultStatus.RUNNING
    DBTaskResult.objects.filter(id=reserved_by_dead.id).update(status=running, worker_ids=[dead])
    DBTaskResult.objects.filter(id=started_by_dead.id).update(
        status=running, worker_ids=[dead], started_at="2026-12-01T08:00:00+07:00"
    )
    DBTaskResult.objects.filter(id=reserved_by_alive.id).update(status=running, worker_ids=[alive])
    DBTaskResult.objects.filter(id=reserved_elsewhere.id).update(
        status=running, worker_ids=[elsewhere]
    )

    assert jobs.requeue_abandoned() == 1

    def status(result: Any) -> str:
        return DBTaskResult.objects.get(id=result.id).status

    assert status(reserved_by_dead) == TaskResultStatus.READY
    # it may have done something before the worker died: never run twice
    assert status(started_by_dead) == running
    assert status(reserved_by_alive) == running
    assert status(reserved_elsewhere) == running  # only its own machine can tell
    _worker(claim=5).run()
    assert job_tasks.RUNS == [1]


def test_the_command_runs_the_queue_and_refuses_bad_options() -> None:
    for n in range(3):
        job_tasks.record.enqueue(n=n)
    call_command(
        "jobs_worker", "--queue-name", "default", "--batch", "--no-startup-delay",
        "--claim", "2", verbosity=0,
    )  # fmt: skip
    assert sorted(job_tasks.RUNS) == [0, 1, 2]
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--exclude-queues"):
        call_command("jobs_worker", "--exclude-queues", "a", "--batch", verbosity=0)
    with pytest.raises(CommandError):
        call_command("jobs_worker", "--claim", "0", "--batch", verbosity=0)


def test_a_result_that_cannot_be_stored_marks_the_job_failed_not_lost() -> None:
    job = job_tasks.unstorable.enqueue(n=7)
    job_tasks.record.enqueue(n=8)
    _worker(claim=5).run()
    assert job_tasks.RUNS == [7, 8]
    row = DBTaskResult.objects.get(id=job.id)
    assert row.status == TaskResultStatus.FAILED
    assert "TypeError" in row.exception_class_path
    assert row.finished_at is not None


class _StopsBetweenJobs(jobs.BatchWorker):
    """Stopped (as by SIGTERM) right after a job's finish also marked the next started."""

    def finish(self, job: Any, return_value: Any, then: Any = None) -> None:
        super().finish(job, return_value, then)
        if sorted(job_tasks.RUNS) == [0, 1]:
            assert then is not None and then.started_at is not None
            self.running = False


def test_a_job_marked_started_but_not_run_when_the_worker_stops_goes_back() -> None:
    for n in range(5):
        job_tasks.record.enqueue(n=n)
    options = {
        "queue_names": ["default"], "interval": 0, "batch": True, "backend_name": "default",
        "startup_delay": False, "max_tasks": None, "worker_id": jobs.new_worker_id(),
        "excluded_queue_names": [],
    }  # fmt: skip
    _StopsBetweenJobs(claim=5, **options).run()
    assert job_tasks.RUNS == [0, 1]
    back = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    assert back.count() == 3
    assert not back.filter(started_at__isnull=False).exists()
    _worker(claim=5).run()
    assert sorted(job_tasks.RUNS) == [0, 1, 2, 3, 4]
