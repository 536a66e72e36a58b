"""Writers of one SQLite file take their turn in a line the kernel keeps.

SQLite has one writer at a time. A writer that finds the lock taken does not wait in a
line: its busy handler sleeps and tries again, 1, 2, 5, 10 … then 100 ms a try, so
under load a writer that loses a few times waits in tenths of a second while the lock
stands free between tries (p99 about 2 s for submissions in the bench, bench/README.md).

Here a writer first takes its turn, then begins its transaction, which then finds the
lock free:

- within a process, a lock the process's writers wait on (the thread that releases it
  wakes the next);
- across processes (the server's workers, the job workers, a command), ``flock`` on a
  file beside the database, whose waiters the kernel wakes when the holder lets go, or
  when its process ends, however it ends.

``flock`` does not keep its waiters in order: a writer of the process that just let go,
already running, would take the file again before the other process's waiter wakes, and
that process's writers would wait out their requests' time. So a process's waiting
writer also holds a shared lock on a second file (``.writers-waiting``); a writer that
lets go and finds it held elsewhere tells its process's next writer to let those
writers go first: its keeper waits until no other process holds that shared lock (each
releases it once it has the file), and the processes take turns.

``flock`` cannot wait for a limited time, and a writer must not wait forever where
SQLite would have answered "database is locked" after its timeout. So the one thread of
a process that holds the process's turn and finds the file taken hands the wait to a
keeper thread and waits for the keeper's word, for as long as SQLite would have. When it
gives up, the keeper lets go of the file as soon as it gets it.
"""

from __future__ import annotations

import fcntl
import logging
import os
import queue
import threading
import time

log = logging.getLogger(__name__)


class GateTimeout(Exception):
    """The turn did not come within the database's timeout."""


class _Wait:
    """One writer's wait for the file, handed to the keeper."""

    __slots__ = ("abandoned", "defer", "given", "mutex")

    def __init__(self, *, defer: bool) -> None:
        self.given = threading.Event()
        self.abandoned = False
        self.defer = defer
        self.mutex = threading.Lock()


class WriterGate:
    """The turn to write ``database``, for this process's threads and across processes."""

    def __init__(self, database: str) -> None:
        self.path = database + ".writers"
        self._pid = -1
        self._fd = self._waiting_fd = -1
        self._start()

    def _start(self) -> None:
        # In a new process (fork) nothing of the parent's is ours: not the file
        # description, whose lock the parent shares, nor the lock, nor the keeper.
        # A child's copy of the parent's descriptor is closed: kept open, it would keep
        # the parent's hold on the file after the parent ends.
        for fd in (self._fd, self._waiting_fd):
            if fd >= 0:
                os.close(fd)
        self._fd = self._waiting_fd = -1
        self._pid = os.getpid()
        self._turn = threading.Lock()
        self._fd = _open(self.path)
        self._waiting_fd = _open(self.path + "-waiting")
        # Another process's writer was waiting when ours let go: ours queues behind it.
        self._defer = False
        self._waits: queue.SimpleQueue[_Wait] = queue.SimpleQueue()
        self._keeper: threading.Thread | None = None

    def enter(self, timeout: float) -> None:
        """Wait for the turn, at most ``timeout`` seconds (:class:`GateTimeout`)."""
        if os.getpid() != self._pid:
            self._start()
        deadline = time.monotonic() + timeout
        if not self._turn.acquire(timeout=max(timeout, 0)):
            raise GateTimeout
        try:
            self._take_file(deadline)
        except BaseException:
            self._turn.release()
            raise

    def leave(self) -> None:
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        self._defer = self._others_waiting()
        self._turn.release()

    def _others_waiting(self) -> bool:
        # Our own keeper's shared lock is on this same descriptor and does not count.
        try:
            fcntl.flock(self._waiting_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(self._waiting_fd, fcntl.LOCK_UN)
        return False

    def _take_file(self, deadline: float) -> None:
        if not self._defer:
            try:
                fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except BlockingIOError:
                pass
        wait = _Wait(defer=self._defer)
        self._keeper_running()
        self._waits.put(wait)
        if wait.given.wait(max(deadline - time.monotonic(), 0)):
            return
        with wait.mutex:
            if wait.given.is_set():  # given between the timeout and now
                return
            wait.abandoned = True
        raise GateTimeout

    def _keeper_running(self) -> None:
        if self._keeper is None or not self._keeper.is_alive():
            self._keeper = threading.Thread(
                target=self._keep, name=f"sqlite-writers:{self.path}", daemon=True
            )
            self._keeper.start()

    def _keep(self) -> None:
        while True:
            wait = self._waits.get()
            if wait.defer:  # until the others waiting have had the file
                fcntl.flock(self._waiting_fd, fcntl.LOCK_EX)
            fcntl.flock(self._waiting_fd, fcntl.LOCK_SH)
            try:
                fcntl.flock(self._fd, fcntl.LOCK_EX)  # the GIL is free meanwhile
            finally:
                fcntl.flock(self._waiting_fd, fcntl.LOCK_UN)
            with wait.mutex:
                if wait.abandoned:
                    fcntl.flock(self._fd, fcntl.LOCK_UN)
                    continue
                wait.given.set()


def _open(path: str) -> int:
    return os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)


_gates: dict[str, WriterGate | None] = {}
_gates_lock = threading.Lock()


def gate_for(database: str) -> WriterGate | None:
    """The gate of the database file; None where no lock file can be made beside it
    (a read-only directory): writers then wait as SQLite makes them."""
    path = os.path.realpath(database)
    with _gates_lock:
        if path not in _gates:
            try:
                _gates[path] = WriterGate(path)
            except OSError as error:
                log.warning("No writers' line for %s (%s): SQLite's own wait applies.", path, error)
                _gates[path] = None
        return _gates[path]
