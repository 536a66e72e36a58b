"""Pausing the clock while the dossier waits for the citizen moves the deadline by exactly
the paused working time, however many holidays the pause spans."""

from __future__ import annotations

import pytest
from django.utils import translation

from motcua.workdays.durations import Duration
from motcua.workdays.engine import (
    CalendarError,
    Clock,
    Pause,
    WorkCalendar,
    pause_shift,
    paused_working_minutes,
)
from tests.workdays.conftest import vn

TEN_DAYS = Duration.parse("10d")
RECEIVED = vn(2027, 1, 25, 8)  # Monday, ten days that straddle Tết 2027


def test_a_pause_spanning_tet_counts_only_its_working_hours(national: WorkCalendar) -> None:
    # Given a dossier received Monday 25/1/2027 08:00 with 10 working days
    clock = Clock(national, RECEIVED, TEN_DAYS)
    assert clock.due() == vn(2027, 2, 15, 8)
    # When the clerk asks for a supplement the afternoon before Tết and it arrives after
    clock = clock.pause(vn(2027, 2, 3, 16)).resume(vn(2027, 2, 11, 8))
    # Then only 16:00–17:00 before and 07:00–08:00 after count: two working hours
    assert clock.paused_minutes() == 120
    assert clock.due() == vn(2027, 2, 15, 10)


def test_several_pauses_add_up(national: WorkCalendar) -> None:
    pauses = [
        Pause(vn(2027, 3, 1, 9), vn(2027, 3, 1, 10)),
        Pause(vn(2027, 3, 5, 16), vn(2027, 3, 8, 8)),
    ]
    due = vn(2027, 3, 10, 16)
    assert paused_working_minutes(calendar=national, pauses=pauses) == 180
    assert pause_shift(calendar=national, due=due, pauses=pauses) == vn(2027, 3, 11, 9)


def test_while_paused_the_deadline_is_provisional_as_of_now(national: WorkCalendar) -> None:
    clock = Clock(national, vn(2027, 3, 1, 8), Duration.parse("1d")).pause(vn(2027, 3, 1, 9))
    assert clock.is_paused
    assert clock.due(now=vn(2027, 3, 1, 10)) == vn(2027, 3, 2, 9)
    with pytest.raises(CalendarError, match="tạm dừng"):
        clock.due()


def test_a_pause_on_a_weekend_moves_nothing(national: WorkCalendar) -> None:
    clock = Clock(national, vn(2027, 3, 1, 8), Duration.parse("5d"))
    paused = clock.pause(vn(2027, 3, 6, 9)).resume(vn(2027, 3, 7, 15))
    assert paused.due() == clock.due()


@pytest.mark.parametrize(
    ("pauses", "message"),
    [
        ([Pause(vn(2027, 3, 2), vn(2027, 3, 1))], "tiếp tục trước khi tạm dừng"),
        (
            [Pause(vn(2027, 3, 1, 9), vn(2027, 3, 3)), Pause(vn(2027, 3, 2), vn(2027, 3, 4))],
            "trước khi lần trước kết thúc",
        ),
        ([Pause(vn(2027, 3, 1)), Pause(vn(2027, 3, 2), vn(2027, 3, 3))], "chưa tiếp tục"),
    ],
)
def test_inconsistent_pauses_are_refused(
    national: WorkCalendar, pauses: list[Pause], message: str
) -> None:
    with pytest.raises(CalendarError, match=message):
        paused_working_minutes(calendar=national, pauses=pauses, now=vn(2027, 3, 9))


def test_pause_and_resume_in_the_wrong_order_are_refused(national: WorkCalendar) -> None:
    clock = Clock(national, vn(2027, 3, 1, 8), Duration.parse("1d"))
    with pytest.raises(CalendarError):
        clock.resume(vn(2027, 3, 1, 9))
    paused = clock.pause(vn(2027, 3, 1, 9))
    with pytest.raises(CalendarError):
        paused.pause(vn(2027, 3, 1, 10))
    with pytest.raises(CalendarError):
        paused.resume(vn(2027, 3, 1, 8))


def test_a_refused_pause_speaks_the_active_language(national: WorkCalendar) -> None:
    """Outside a request the engine speaks Vietnamese; an English asker reads English."""
    paused = Clock(national, RECEIVED, TEN_DAYS).pause(vn(2027, 2, 3, 16))
    with pytest.raises(CalendarError, match=r"^Đồng hồ đã đang tạm dừng\.$"):
        paused.pause(vn(2027, 2, 4, 9))
    with translation.override("en"), pytest.raises(CalendarError) as refused:
        paused.resume(vn(2027, 2, 3, 15))
    assert str(refused.value) == "The resume time is before the pause time."
