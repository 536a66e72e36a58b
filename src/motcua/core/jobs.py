"""The background-job worker: django-tasks' database queue, claimed in batches.

django-tasks-db's own ``db_worker`` claims one job per transaction: a ``SELECT … FOR
UPDATE SKIP LOCKED`` that walks the ready-jobs index, an ``UPDATE`` and a commit, for
every job; four of them drained 130 no-op jobs a second on two cores (``bench/``).
:class:`BatchWorker` claims up to ``claim`` jobs in one transaction, runs them one after
the other with the same signals and failure records as django-tasks-db's ``run_task``,
and finishes one job and starts the next in a single statement (999 jobs a second in
the same run).

A claimed job that has not started yet is *reserved*: status ``RUNNING`` with no
``started_at``. Only the job about to run gets its ``started_at``, so a job with
``started_at`` may have had side effects and is never run again, while a reserved one
certainly had none. That is what lets jobs be handed back safely:

* on SIGTERM or Ctrl-C the worker finishes the job in hand and returns its other
  reserved jobs to the queue (:meth:`BatchWorker.release`);
* if a worker dies outright (``kill -9``, power loss), the next worker started on the
  same machine, and every worker every five minutes, returns the reservations of workers
  whose process is gone (:func:`requeue_abandoned`). Worker ids name the machine and the
  process (``host:pid:random``) for that purpose.
"""

from __future__ import annotations

import logging
import os
import random
import socket
import time
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.core.exceptions import SuspiciousOperation
from django.db import DEFAULT_DB_ALIAS, close_old_connections, connections, transaction
from django.db.models import Q
from django.db.utils import OperationalError
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.compat import TaskContext, TaskResultStatus, task_finished, task_started
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult, DBTaskResultQuerySet
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception, retry

logger = logging.getLogger(__name__)

DEFAULT_CLAIM = 20
REQUEUE_EVERY_SECONDS = 300.0

Job = DBTaskResult[Any, Any]

_TABLE = DBTaskResult._meta.db_table
_START_SQL = (
    f"UPDATE {_TABLE} SET started_at = %s"  # noqa: S608 - our own table name
    f" WHERE id = %s AND status = '{TaskResultStatus.RUNNING}' AND started_at IS NULL"
)
_FINISH_SQL = (
    f"UPDATE {_TABLE} SET status = '{TaskResultStatus.SUCCESSFUL}', finished_at = %s,"  # noqa: S608
    " return_value = %s, exception_class_path = '', traceback = '' WHERE id = %s"
)
# Finish one job and start the next reserved one in one statement: one commit less a job.
_FINISH_AND_START_SQL = (
    f"UPDATE {_TABLE} SET"  # noqa: S608
    f" status = CASE WHEN id = %s THEN '{TaskResultStatus.SUCCESSFUL}' ELSE status END,"
    " finished_at = CASE WHEN id = %s THEN %s ELSE finished_at END,"
    " return_value = CASE WHEN id = %s THEN %s ELSE return_value END,"
    " exception_class_path = CASE WHEN id = %s THEN '' ELSE exception_class_path END,"
    " traceback = CASE WHEN id = %s THEN '' ELSE traceback END,"
    " started_at = CASE WHEN id = %s THEN %s ELSE started_at END"
    " WHERE id IN (%s, %s)"
)
_RETURN_VALUE = DBTaskResult._meta.get_field("return_value")
_STARTED_AT = DBTaskResult._meta.get_field("started_at")


def _dt(value: datetime, connection: Any) -> Any:
    return _STARTED_AT.get_db_prep_value(value, connection)


def _pk(job: Job, connection: Any) -> Any:  # uuid on PostgreSQL, 32 hex digits on SQLite
    return DBTaskResult._meta.pk.get_db_prep_value(job.id, connection)


def _this_host() -> str:
    return socket.gethostname()[:40]  # a worker id is at most 64 characters


def new_worker_id(host: str | None = None, pid: int | None = None) -> str:
    """``host:pid:random``, at most 64 characters (django-tasks' limit)."""
    host = host or _this_host()
    return f"{host}:{pid if pid is not None else os.getpid()}:{get_random_string(8)}"


def _owner(worker_id: str) -> tuple[str, int] | None:
    host, _, rest = worker_id.partition(":")
    pid, _, _ = rest.partition(":")
    return (host, int(pid)) if host and pid.isdigit() else None


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def requeue_abandoned(host: str | None = None) -> int:
    """Return to the queue the reserved (never started) jobs of dead workers of ``host``.

    Only this machine can tell whether a process of its own is gone, so only its own
    workers' reservations are looked at. Returns how many jobs went back."""
    host = host or _this_host()
    reserved = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__isnull=True
    ).only("id", "worker_ids")
    dead: list[str] = []
    for job in reserved.iterator(chunk_size=500):
        owner = _owner(job.worker_ids[-1]) if job.worker_ids else None
        if owner is not None and owner[0] == host and not _process_alive(owner[1]):
            dead.append(str(job.id))
    if not dead:
        return 0
    with transaction.atomic():
        back = (
            DBTaskResult.objects.filter(
                id__in=dead, status=TaskResultStatus.RUNNING, started_at__isnull=True
            )
            .select_for_update(skip_locked=True)
            .values_list("id", flat=True)
        )
        count = DBTaskResult.objects.filter(id__in=list(back)).update(status=TaskResultStatus.READY)
    if count:
        logger.warning("returned %d jobs reserved by workers that died to the queue", count)
    return count


class BatchWorker(Worker):
    """django-tasks-db's worker, claiming ``claim`` jobs per transaction."""

    def __init__(self, *, claim: int = DEFAULT_CLAIM, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.claim_size = max(1, claim)
        self.reserved: list[Job] = []
        # The next job, marked started together with the previous one's finish, until it
        # runs: if the worker stops first, release() hands it back (it never ran).
        self.started_not_run: Job | None = None
        self._next_requeue = 0.0

    def _ready(self) -> DBTaskResultQuerySet:
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        return tasks

    def claim_batch(self) -> list[Job] | None:
        """Reserve up to ``claim_size`` ready jobs; None when the database was locked."""
        tasks = self._ready()
        try:
            with exclusive_transaction(tasks.db):
                size = self.claim_size
                if self.max_tasks is not None:
                    size = max(1, min(size, self.max_tasks - self._run_tasks))
                batch = list(tasks.select_for_update(skip_locked=True)[:size])
                if batch:
                    self._reserve(batch)
        except OperationalError as error:
            if is_locked_database_exception(error):
                return None
            raise
        return batch

    def _reserve(self, batch: list[Job]) -> None:
        for job in batch:
            job.status = TaskResultStatus.RUNNING
            job.worker_ids = [*job.worker_ids, self.worker_id]
        ids = [job.id for job in batch]
        if all(job.worker_ids == [self.worker_id] for job in batch):
            DBTaskResult.objects.filter(id__in=ids).update(
                status=TaskResultStatus.RUNNING, worker_ids=[self.worker_id]
            )
        else:
            DBTaskResult.objects.bulk_update(batch, ["status", "worker_ids"])

    def start(self, job: Job) -> bool:
        """Mark ``job`` started; False when it is no longer ours (handed back meanwhile).

        This and :meth:`finish` run once per job, so they are plain statements rather
        than ORM updates (whose query building cost more than the no-op job itself)."""
        now = timezone.now()
        with connections[job._state.db or DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute(_START_SQL, [_dt(now, cursor.db), _pk(job, cursor.db)])
            moved = cursor.rowcount
        job.started_at = now
        return moved == 1

    def finish(self, job: Job, return_value: Any, then: Job | None = None) -> None:
        """What ``DBTaskResult.set_successful`` does, in one statement; with ``then``, the
        same statement marks that next reserved job started. A return value with no JSON
        form raises here, before any retry, and the job is marked failed."""
        connection = connections[job._state.db or DEFAULT_DB_ALIAS]
        value = _RETURN_VALUE.get_db_prep_save(return_value, connection)
        now = timezone.now()
        at, pk = _dt(now, connection), _pk(job, connection)
        if then is None:
            self._write(connection, _FINISH_SQL, [at, value, pk])
        else:
            following = _pk(then, connection)
            params = [pk, pk, at, pk, value, pk, pk, following, at, pk, following]
            self._write(connection, _FINISH_AND_START_SQL, params)
            then.started_at = now
            self.started_not_run = then
        job.status = TaskResultStatus.SUCCESSFUL
        job.finished_at = now
        job.return_value = return_value
        job.exception_class_path = job.traceback = ""

    @staticmethod
    @retry()
    def _write(connection: Any, sql: str, params: list[Any]) -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)

    def run_task(self, db_task_result: Job) -> None:
        """django-tasks-db's ``run_task`` (same signals, same failure record), with the
        success recorded by :meth:`finish`."""
        job = db_task_result
        try:
            self.running_task = True
            task = job.task
            result = job.task_result
            backend = task.get_backend()
            task_started.send(sender=backend, task_result=result)
            if task.takes_context:
                value = task.call(TaskContext(task_result=result), *result.args, **result.kwargs)
            else:
                value = task.call(*result.args, **result.kwargs)
            following = self.reserved[0] if self.reserved and self.running else None
            self.finish(job, value, then=following)
            task_finished.send(sender=backend, task_result=job.task_result)
        except BaseException as error:
            job.set_failed(error)
            try:
                sender = type(job.task.get_backend())
                result = job.task_result
            except (ImportError, SuspiciousOperation):
                logger.exception("Task id=%s failed unexpectedly", job.id)
            else:
                task_finished.send(sender=sender, task_result=result)
        finally:
            self.running_task = False
            self._run_tasks += 1

    def release(self, jobs: Iterable[Job]) -> int:
        """Hand back reserved jobs that have not run, including one marked started by
        :meth:`finish` that the worker stopped before running."""
        jobs = list(jobs)
        ids = [job.id for job in jobs]
        if not ids:
            return 0
        unstarted = Q(started_at__isnull=True)
        pending = self.started_not_run
        if pending is not None and pending in jobs:
            unstarted |= Q(id=pending.id, started_at=pending.started_at)
        count = DBTaskResult.objects.filter(
            unstarted, id__in=ids, status=TaskResultStatus.RUNNING
        ).update(status=TaskResultStatus.READY, started_at=None)
        self.started_not_run = None
        logger.info("returned %d reserved jobs to the queue", count)
        return count

    def _requeue_if_due(self) -> None:
        now = time.monotonic()
        if now < self._next_requeue:
            return
        self._next_requeue = now + REQUEUE_EVERY_SECONDS
        try:
            requeue_abandoned()
        except OperationalError:  # a locked SQLite file or a restart: next time
            logger.exception("could not look for abandoned jobs")

    def run(self) -> None:
        logger.info(
            "Starting worker worker_id=%s queues=%s claim=%d",
            self.worker_id,
            ",".join(self.queue_names),
            self.claim_size,
        )
        if self.startup_delay and self.interval:
            time.sleep(random.random())  # noqa: S311 - spread workers started together
        while self.running:
            close_old_connections()
            self._requeue_if_due()
            batch = self.claim_batch()
            self.reserved = list(batch or [])
            try:
                while self.reserved and self.running:
                    job = self.reserved.pop(0)
                    if self.started_not_run is job or self.start(job):
                        self.started_not_run = None
                        self.run_task(job)
            finally:
                if self.reserved:  # stopped by a signal, or a failure outside a task
                    self.release(self.reserved)
                    self.reserved = []
            if self.batch and batch == []:
                logger.info("No more tasks for worker_id=%s - exiting.", self.worker_id)
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                return
            if self.running and not batch:
                time.sleep(self.interval)
