"""Admission control: past the slots and a short line, a request is told "busy, retry
in a second" at once, without reaching a view or the database."""

from __future__ import annotations

import gc
import json
import logging
import threading
from collections.abc import Callable, Iterator

import pytest
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory, override_settings

from motcua.core.admission import Admission, AdmissionMiddleware, ConnectionKeepers

factory = RequestFactory()


class Desk:
    """A view that holds its slot until the test lets it finish."""

    def __init__(self) -> None:
        self.entered = threading.Semaphore(0)
        self.release = threading.Event()
        self.served: list[str] = []

    def __call__(self, request: HttpRequest) -> HttpResponse:
        self.served.append(request.path)
        if request.path.startswith("/hold"):
            self.entered.release()
            assert self.release.wait(timeout=30)
        return HttpResponse("ok")


def middleware(desk: Desk, *, slots: int, wait_ms: int, line: int = 0) -> AdmissionMiddleware:
    with override_settings(MAX_INFLIGHT=slots, ADMISSION_WAIT_MS=wait_ms, ADMISSION_LINE=line):
        return AdmissionMiddleware(desk)


def in_thread(call: Callable[[], HttpResponse]) -> tuple[threading.Thread, list[HttpResponse]]:
    answers: list[HttpResponse] = []
    thread = threading.Thread(target=lambda: answers.append(call()))
    thread.start()
    return thread, answers


@pytest.fixture
def desk() -> Iterator[Desk]:
    desk = Desk()
    yield desk
    desk.release.set()


def test_a_request_past_the_slots_is_refused_at_once_with_retry_after(desk: Desk) -> None:
    mw = middleware(desk, slots=1, wait_ms=0)
    holder, held = in_thread(lambda: mw(factory.get("/hold/")))
    desk.entered.acquire()

    api = mw(factory.get("/api/v1/lookup"))
    page = mw(factory.get("/tra-cuu/"))

    assert (api.status_code, api["Retry-After"]) == (503, "1")
    assert api["Content-Type"] == "application/json"
    assert "quá tải" in json.loads(api.content)["message"]
    assert (page.status_code, page["Retry-After"]) == (503, "1")
    assert page["Content-Type"].startswith("text/html")
    assert "Hệ thống đang bận" in page.content.decode()
    assert desk.served == ["/hold/"]  # neither refused request reached a view

    desk.release.set()
    holder.join()
    assert held[0].status_code == 200
    assert mw(factory.get("/tra-cuu/")).status_code == 200


def test_one_waits_for_a_slot_and_the_next_beyond_the_line_is_refused(desk: Desk) -> None:
    mw = middleware(desk, slots=1, wait_ms=30_000)
    holder, _ = in_thread(lambda: mw(factory.get("/hold/1")))
    desk.entered.acquire()
    waiter, waited = in_thread(lambda: mw(factory.get("/hold/2")))
    while not mw.admission.waiting:
        threading.Event().wait(0.001)

    refused = mw(factory.get("/api/v1/lookup"))

    assert refused.status_code == 503
    desk.release.set()
    holder.join()
    waiter.join()
    assert waited[0].status_code == 200
    assert desk.served == ["/hold/1", "/hold/2"]


def test_a_longer_line_is_set_apart_from_the_slots(desk: Desk) -> None:
    mw = middleware(desk, slots=1, wait_ms=30_000, line=2)
    holder, _ = in_thread(lambda: mw(factory.get("/hold/1")))
    desk.entered.acquire()

    def wait(path: str) -> Callable[[], HttpResponse]:
        return lambda: mw(factory.get(path))

    waiters = [in_thread(wait(f"/wait/{n}")) for n in (2, 3)]
    for _ in range(5_000):  # a line of one would refuse the second at once
        if mw.admission.waiting == 2:
            break
        threading.Event().wait(0.001)
    assert mw.admission.waiting == 2

    refused = mw(factory.get("/api/v1/lookup"))

    assert refused.status_code == 503
    desk.release.set()
    holder.join()
    for thread, answers in waiters:
        thread.join()
        assert answers[0].status_code == 200
    assert sorted(desk.served) == ["/hold/1", "/wait/2", "/wait/3"]


def test_the_server_s_thread_pool_grows_with_a_longer_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from motcua.cli import _serve_command

    def pool(line: str | None) -> int:
        monkeypatch.setenv("MOTCUA_MAX_INFLIGHT", "4")
        if line is None:
            monkeypatch.delenv("MOTCUA_ADMISSION_LINE", raising=False)
        else:
            monkeypatch.setenv("MOTCUA_ADMISSION_LINE", line)
        command = _serve_command("127.0.0.1", 8000, 2, 4)
        return int(command[command.index("--blocking-threads") + 1])

    assert pool(None) == 16  # 4 running, 4 waiting, 8 that only answer 503
    assert pool("12") == 24  # 4 running, 12 waiting, 8 that only answer 503


def test_a_freed_slot_goes_to_the_request_waiting_longest_not_to_a_newcomer() -> None:
    admission = Admission(slots=2, wait_seconds=0.3)
    assert admission.enter() and admission.enter()
    order: list[str] = []

    def wait_for_slot(name: str) -> threading.Thread:
        def enter_and_note() -> None:
            if admission.enter():
                order.append(name)

        thread = threading.Thread(target=enter_and_note)
        thread.start()
        return thread

    first = wait_for_slot("first")
    while admission.waiting < 1:
        threading.Event().wait(0.001)
    second = wait_for_slot("second")
    while admission.waiting < 2:
        threading.Event().wait(0.001)

    admission.leave()
    # The slot was handed to "first" inside leave(): a request arriving now queues
    # behind "second" instead of taking it, and gives up when its wait runs out.
    newcomer = admission.enter()
    first.join()
    second.join()

    assert newcomer is False
    assert order == ["first"]  # "second" waited in vain too: nobody left
    admission.leave()
    assert admission.enter() is True  # the slot "first" held is free again


def test_static_files_and_health_checks_are_never_refused(desk: Desk) -> None:
    mw = middleware(desk, slots=1, wait_ms=0)
    holder, _ = in_thread(lambda: mw(factory.get("/hold/")))
    desk.entered.acquire()

    assert mw(factory.get("/static/motcua/app.css")).status_code == 200
    assert mw(factory.get("/healthz")).status_code == 200
    assert mw(factory.get("/api/v1/lookup")).status_code == 503

    desk.release.set()
    holder.join()


def test_a_slot_is_given_back_when_the_view_fails() -> None:
    def broken(request: HttpRequest) -> HttpResponse:
        raise RuntimeError("lỗi trong view")

    with override_settings(MAX_INFLIGHT=1, ADMISSION_WAIT_MS=0):
        mw = AdmissionMiddleware(broken)
    for _ in range(2):
        with pytest.raises(RuntimeError):
            mw(factory.get("/api/v1/lookup"))


@pytest.mark.django_db(transaction=True)
def test_only_as_many_threads_as_slots_keep_their_database_connection() -> None:
    keepers = ConnectionKeepers(limit=1)
    first_kept = threading.Event()
    second_done = threading.Event()
    open_after: dict[str, bool] = {}

    def request(name: str, before_end: threading.Event | None) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        keepers.keep_or_close()
        open_after[name] = connection.connection is not None
        if before_end is not None:
            first_kept.set()
            assert before_end.wait(timeout=30)
        connection.close()

    first = threading.Thread(target=request, args=("first", second_done))
    first.start()
    assert first_kept.wait(timeout=30)
    second = threading.Thread(target=request, args=("second", None))
    second.start()
    second.join()
    second_done.set()
    first.join()
    gc.collect()

    assert open_after == {"first": True, "second": False}
    assert keepers.count == 0  # the first thread ended: its place is free again


def test_a_surge_is_logged_as_one_count_not_one_line_per_refusal(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from motcua.core.admission import ShedLog, busy_response

    assert busy_response(factory.get("/tra-cuu/"))._has_been_logged  # type: ignore[attr-defined]
    shed_log = ShedLog(every=3600)
    with caplog.at_level(logging.WARNING, logger="motcua.core.admission"):
        for _ in range(500):
            shed_log.shed()
        assert caplog.records == []  # none yet: within the period
        shed_log._since -= 3600  # the period is over
        shed_log.shed()
    assert len(caplog.records) == 1
    assert "503 cho 501 yêu cầu" in caplog.records[0].getMessage()
