"""Periodic sweeps, enqueued by `motcua worker` on a fixed rhythm.

Each sweep is idempotent (a warning is sent once per dossier and deadline; a delivery is
claimed before it is retried), so two workers enqueueing the same sweep do no harm: they
only repeat a cheap query.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Sweep:
    task: str
    every_seconds: int


SWEEPS = [
    Sweep("motcua.notifications.tasks.retry_due_deliveries", 60),
    Sweep("motcua.dossiers.tasks.warn_due_soon", 15 * 60),
    Sweep("motcua.dossiers.tasks.sweep_orphan_files", 6 * 60 * 60),
    Sweep("motcua.core.tasks.prune_finished_jobs", 24 * 60 * 60),
]


def due_sweeps(last_run: dict[str, float], now: float) -> list[Sweep]:
    """Sweeps whose interval has passed since they were last enqueued (never: at once)."""
    return [s for s in SWEEPS if now - last_run.get(s.task, float("-inf")) >= s.every_seconds]


def enqueue_due(last_run: dict[str, float], now: float) -> list[str]:
    enqueued = []
    for sweep in due_sweeps(last_run, now):
        try:
            import_string(sweep.task).enqueue()
        except Exception:  # a database hiccup: try again on the next tick
            logger.exception("could not enqueue %s", sweep.task)
            continue
        last_run[sweep.task] = now
        enqueued.append(sweep.task)
    return enqueued


def run_forever(stop: threading.Event, tick_seconds: float = 10.0) -> None:
    last_run: dict[str, float] = {}
    while not stop.is_set():
        enqueue_due(last_run, time.monotonic())
        stop.wait(tick_seconds)
