"""Calendars are shared and cached: no query per deadline, yet changes are seen."""

from __future__ import annotations

import threading
import time
from datetime import date

import pytest
from django.db import connections
from pytest_django import DjangoAssertNumQueries

from motcua.organizations.models import Agency
from motcua.workdays import selectors
from motcua.workdays.engine import WorkCalendar
from motcua.workdays.models import CalendarOverride

pytestmark = pytest.mark.django_db


def test_agencies_without_their_own_rows_share_the_national_calendar(
    commune_agency: Agency, other_agency: Agency
) -> None:
    assert selectors.calendar_for_agency(commune_agency) is selectors.calendar_for_agency(
        other_agency
    )
    assert selectors.calendar_for_agency(commune_agency) is selectors.calendar_for_agency(None)


def test_a_cached_calendar_costs_no_query(
    commune_agency: Agency, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    selectors.calendar_for_agency(commune_agency)
    with django_assert_num_queries(0):
        selectors.calendar_for_agency(commune_agency)


def test_a_change_made_by_another_process_is_seen_after_the_ttl(
    commune_agency: Agency, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = [1000.0]
    # The module's clock only: patching time.monotonic would move every thread's.
    monkeypatch.setattr(selectors, "_clock", lambda: clock[0])
    assert selectors.calendar_for_agency(commune_agency).day(date(2027, 3, 2)).is_working
    # Another process writes the row: this process's services were not involved.
    _day_off(commune_agency)
    clock[0] += selectors.STAMP_TTL - 1
    assert selectors.calendar_for_agency(commune_agency).day(date(2027, 3, 2)).is_working
    clock[0] += 2
    assert not selectors.calendar_for_agency(commune_agency).day(date(2027, 3, 2)).is_working


def test_which_agencies_keep_their_own_rows_is_one_query_for_all(
    commune_agency: Agency, other_agency: Agency, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    """Submissions spread over communes ask for a new agency each time: asking which
    agencies have rows of their own must not cost queries per agency."""
    selectors.calendar_for_agency(commune_agency)
    with django_assert_num_queries(0):
        selectors.calendar_for_agency(other_agency)
    _day_off(other_agency)
    selectors.forget()
    with django_assert_num_queries(1):
        assert selectors._owners() == {other_agency.pk}


def test_threads_asking_at_once_build_one_calendar(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fresh server process takes its first requests on many threads at once: one of
    them builds the calendar, the others wait for it instead of each building a copy
    (eight copies at once stalled the process for half a second)."""
    selectors.forget()
    built: list[WorkCalendar] = []
    real_build = selectors._build

    def slow_build(agency_id: int | None, years: range, as_of: date | None) -> WorkCalendar:
        time.sleep(0.2)  # long enough for every thread to be asking meanwhile
        calendar = real_build(agency_id, years, as_of)
        built.append(calendar)
        return calendar

    monkeypatch.setattr(selectors, "_build", slow_build)
    # The rows are read on this thread's connection only; the others see the same stamp.
    stamp = selectors._stamp(None)
    monkeypatch.setattr(selectors, "_stamp", lambda agency_id: stamp)
    threads = 6
    start = threading.Barrier(threads)
    answers: list[WorkCalendar] = []

    def ask() -> None:
        start.wait()
        try:
            answers.append(selectors.calendar_for_agency(None, years=range(2026, 2028)))
        finally:
            connections.close_all()

    workers = [threading.Thread(target=ask) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert len(built) == 1
    assert len(answers) == threads
    assert all(answer is built[0] for answer in answers)


def _day_off(agency: Agency) -> None:
    CalendarOverride.objects.create(
        agency=agency,
        date=date(2027, 3, 2),
        kind="day_off",
        reason="Nghỉ",
        effective_from=date(2027, 1, 1),
    )
