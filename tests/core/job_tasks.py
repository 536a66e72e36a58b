"""Jobs the worker tests enqueue: each records its run in ``RUNS`` (one process)."""

from __future__ import annotations

import threading

from django_tasks import task

RUNS: list[int] = []
_lock = threading.Lock()
STOP_AFTER: dict[str, object] = {}


@task()
def record(n: int) -> int:
    with _lock:
        RUNS.append(n)
    stopper = STOP_AFTER.get("worker")
    if stopper is not None and n == STOP_AFTER.get("n"):
        stopper.running = False  # type: ignore[attr-defined]  # as SIGTERM would
    return n * 2


@task()
def fail(n: int) -> None:
    with _lock:
        RUNS.append(n)
    raise ValueError(f"job {n} failed on purpose")


@task()
def unstorable(n: int) -> object:
    with _lock:
        RUNS.append(n)
    return {1, 2}  # a set has no JSON form
