"""Jobs that a change asks for, queued so that they exist exactly when the change does.

With the database job queue (``django_tasks_db``, production's backend) the job row is
written inside the caller's transaction, like the audit row: a commit makes the change
and its jobs visible together, a rollback drops both, and a process that dies between
the commit and an enqueue can no longer lose a receipt slip or a notification. It also
spares each job its own transaction: a reception used to commit three times (the change,
then the slip's job and the notice's job), which on SQLite meant taking the single
writer's lock three times.

The row is the one ``DatabaseBackend.enqueue`` writes, written by
:func:`motcua.core.rows.insert_new`: ``enqueue`` creates it through ``save()`` and then
builds a result object the caller throws away, together a twentieth of a forward's CPU.
The backend's checks of the task itself ran when the task was made (``Task`` validates
itself against its backend).

A change that queues several jobs (a reception: its receipt slip and its notice) can
gather them with :func:`jobs_together`, which writes their rows in one statement at the
end of its block.

Other backends cannot join the transaction (the tests' immediate backend runs the job at
once, inside it), so there the job is enqueued when the transaction commits.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial
from typing import Any

from django.db import DEFAULT_DB_ALIAS, router, transaction
from django_tasks.base import Task
from django_tasks.utils import normalize_json
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult, get_date_max

from motcua.core.rows import INSERT_ALL_MAX, insert_all, insert_new

logger = logging.getLogger("motcua.jobs")

_GATHERED: ContextVar[list[DBTaskResult[Any, Any]] | None] = ContextVar(
    "motcua_jobs_gathered", default=None
)


@contextmanager
def jobs_together() -> Iterator[None]:
    """Write the job rows queued inside the block in one statement when it ends, still
    in the change's transaction; an error out of the block writes none of them (the
    transaction is being rolled back). A block inside another one leaves its rows to the
    outer one. What the block does must not be undone by rolling back to a savepoint taken
    inside it: its jobs would be written all the same."""
    if _GATHERED.get() is not None:
        yield
        return
    rows: list[DBTaskResult[Any, Any]] = []
    token = _GATHERED.set(rows)
    try:
        yield
    finally:
        _GATHERED.reset(token)
    for start in range(0, len(rows), INSERT_ALL_MAX):
        insert_all(rows[start : start + INSERT_ALL_MAX])


def enqueue_with_change(task: Task[Any, Any], *args: Any) -> None:
    """Queue ``task(*args)`` as part of the change in progress (see the module's note)."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("enqueue_with_change must run inside the transaction of the change")
    if joins_transaction(task):
        _write_job(task, args)
    else:
        # Robust: the change has committed by then; a queue that refuses is logged, and
        # the job's own sweep (deliveries are retried from their rows) takes over.
        transaction.on_commit(partial(task.enqueue, *args), robust=True)


def _write_job(task: Task[Any, Any], args: tuple[Any, ...]) -> None:
    backend = task.get_backend()
    assert isinstance(backend, DatabaseBackend)
    row: DBTaskResult[Any, Any] = DBTaskResult(
        id=backend._get_id(),
        args_kwargs=normalize_json({"args": args, "kwargs": {}}),
        priority=task.priority,
        task_path=task.module_path,
        queue_name=task.queue_name,
        # What the backend's pre_save handler puts for "whenever"; it is sent all the same.
        run_after=task.run_after or get_date_max(),
        backend_name=backend.alias,
    )
    gathered = _GATHERED.get()
    if gathered is not None:
        gathered.append(row)
    else:
        insert_new(row)
    logger.debug("Task id=%s path=%s enqueued backend=%s", row.id, row.task_path, backend.alias)


def joins_transaction(task: Task[Any, Any]) -> bool:
    """The task's job row is written on the database the change is made on."""
    return (
        isinstance(task.get_backend(), DatabaseBackend)
        and (router.db_for_write(DBTaskResult) or DEFAULT_DB_ALIAS) == DEFAULT_DB_ALIAS
    )
