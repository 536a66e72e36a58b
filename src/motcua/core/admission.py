"""Admission control: a surge is answered "busy, try again in a second", not queued.

Each server process runs at most ``MOTCUA_MAX_INFLIGHT`` requests at once. A request that
finds every slot taken may wait ``MOTCUA_ADMISSION_WAIT_MS`` in a short line
(``MOTCUA_ADMISSION_LINE`` long, by default as many as the slots); past that, or when the
line is full, it is answered at once with 503 and ``Retry-After: 1``, before sessions,
authentication or any view, so it never touches the database. Requests that are admitted
therefore never queue behind a crowd, and the service is back to normal as soon as the
crowd goes.

This only sheds load if more requests reach Django than it admits: ``motcua serve`` runs
more server threads than slots for that reason (see ``motcua.cli._serve_command``).
Django keeps one database connection per thread, so at most as many threads as there are
slots keep theirs between requests; the others close it when their request ends, and
the database sees about as many connections as there are slots, not threads.

Static files are served by WhiteNoise, which sits before this middleware; paths under
``STATIC_URL`` and the health-check prefix are never limited either.
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from collections import deque
from collections.abc import Callable

from django.conf import settings
from django.db import connections
from django.http import HttpRequest, HttpResponse

from motcua.core.json_answer import JsonAnswer

BUSY_MESSAGE = "Hệ thống đang quá tải. Vui lòng thử lại sau giây lát."
BUSY_PAGE = (
    '<!doctype html><html lang="vi"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    "<title>Hệ thống đang bận</title></head><body>"
    f"<h1>Hệ thống đang bận</h1><p>{BUSY_MESSAGE}</p></body></html>"
)
HEALTH_PREFIX = "/healthz"
logger = logging.getLogger(__name__)


class ShedLog:
    """One warning per ``every`` seconds with the number of requests shed, instead of one
    error line per 503: a surge sheds thousands a second, and writing each to the log is
    work the server cannot afford just then."""

    def __init__(self, every: float = 10.0) -> None:
        self.every = every
        self._lock = threading.Lock()
        self._count = 0
        self._since = time.monotonic()

    def shed(self) -> None:
        with self._lock:
            self._count += 1
            now = time.monotonic()
            if now - self._since < self.every:
                return
            count, seconds = self._count, now - self._since
            self._count, self._since = 0, now
        logger.warning("Quá tải: đã trả 503 cho %d yêu cầu trong %.0f giây qua", count, seconds)


class Admission:
    """Slots for the requests a process runs at once, and a bounded line for a slot.

    The line is first come, first served: a freed slot goes straight to the request that
    has waited longest, never to one that arrives just then. With a semaphore a newcomer
    could take the slot a waiter had been woken for, and the waiter went back to the end
    of the line, where it could run out its wait although slots kept coming free."""

    def __init__(self, *, slots: int, wait_seconds: float, line: int | None = None) -> None:
        self._free = slots
        self._line: deque[threading.Event] = deque()
        self._line_limit = slots if line is None else line
        self._lock = threading.Lock()
        self.wait_seconds = wait_seconds

    def enter(self) -> bool:
        """Take a slot, waiting a little if the line is short; False means shed."""
        with self._lock:
            if self._free and not self._line:
                self._free -= 1
                return True
            if len(self._line) >= self._line_limit or self.wait_seconds <= 0:
                return False
            turn = threading.Event()
            self._line.append(turn)
        if turn.wait(self.wait_seconds):
            return True
        with self._lock:
            if turn.is_set():  # handed the slot just as the wait ran out
                return True
            self._line.remove(turn)
            return False

    def leave(self) -> None:
        with self._lock:
            if self._line:
                self._line.popleft().set()  # the slot passes on, still taken
            else:
                self._free += 1

    @property
    def waiting(self) -> int:
        return len(self._line)


class _Keeper:
    """Lives in a thread's local storage while that thread may keep its connection."""


class ConnectionKeepers:
    """At most ``limit`` threads keep a persistent database connection between requests.

    A thread's place is given back when its local storage goes (the thread ended), which
    is also when its connection goes."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._count = 0
        self._lock = threading.Lock()
        self._local = threading.local()

    @property
    def count(self) -> int:
        return self._count

    def keep_or_close(self) -> None:
        if getattr(self._local, "keeper", None) is not None:
            return
        open_here = [c for c in connections.all(initialized_only=True) if c.connection]
        if not open_here:
            return
        with self._lock:
            if self._count < self.limit:
                self._count += 1
                keeper = _Keeper()
                weakref.finalize(keeper, self._give_back)
                self._local.keeper = keeper
                return
        for connection in open_here:
            # Inside a transaction (a test's, or a streaming response's) it is not ours
            # to close; the thread's next request will try again.
            if not connection.in_atomic_block:
                connection.close()

    def _give_back(self) -> None:
        with self._lock:
            self._count -= 1


def busy_response(request: HttpRequest) -> HttpResponse:
    response: HttpResponse
    if request.path.startswith("/api/"):
        response = JsonAnswer({"message": BUSY_MESSAGE, "field": ""}, status=503)
    else:
        response = HttpResponse(BUSY_PAGE, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = "1"
    response["Cache-Control"] = "no-store"
    response._has_been_logged = True  # type: ignore[attr-defined]  # counted by ShedLog
    return response


class AdmissionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        slots = settings.MAX_INFLIGHT
        self.admission = Admission(
            slots=slots,
            wait_seconds=settings.ADMISSION_WAIT_MS / 1000,
            line=settings.ADMISSION_LINE or slots,
        )
        self.keepers = ConnectionKeepers(slots)
        self.exempt = (settings.STATIC_URL or "/static/", HEALTH_PREFIX)
        self.shed_log = ShedLog()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(self.exempt):
            return self.get_response(request)
        if not self.admission.enter():
            self.shed_log.shed()
            return busy_response(request)
        try:
            return self.get_response(request)
        finally:
            self.keepers.keep_or_close()
            self.admission.leave()
