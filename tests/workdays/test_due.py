"""Deadlines on the national calendar: Monday–Friday 07:00–11:30, 13:30–17:00."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import holidays
import pytest

from motcua.workdays.durations import Duration
from motcua.workdays.engine import (
    CalendarError,
    CalendarRangeError,
    NaiveDatetimeError,
    WorkCalendar,
)
from tests.workdays.conftest import vn

D = Duration.parse
CUTOFF = time(15, 0)


def tet_days(year: int) -> list[date]:
    """The Lunar New Year days off, as the holidays package publishes them."""
    calendar = holidays.country_holidays("VN", years=year, language="vi")
    return sorted(d for d, name in calendar.items() if "Tết" in name and "Dương lịch" not in name)


def _is_day_off(day: date) -> bool:
    return day.weekday() >= 5 or day in holidays.country_holidays("VN", years=day.year)


def test_the_issue_example_skips_tet_2027(national: WorkCalendar) -> None:
    # Given a dossier received on Wednesday 3/2/2027 at 16:10, the eve of Tết
    # When it has 5 working days
    # Then it is due at 16:10 on Wednesday 17/2, after the Tết holiday and a weekend
    assert national.due(vn(2027, 2, 3, 16, 10), D("5d")) == vn(2027, 2, 17, 16, 10)


@pytest.mark.parametrize("year", [2026, 2027, 2028])
def test_tet_is_skipped_from_the_last_working_day_before_it(
    national: WorkCalendar, year: int
) -> None:
    tet = tet_days(year)
    assert len(tet) >= 5
    last_before = tet[0] - timedelta(days=1)
    while _is_day_off(last_before):
        last_before -= timedelta(days=1)
    first_after = tet[-1] + timedelta(days=1)
    while _is_day_off(first_after):
        first_after += timedelta(days=1)

    received = vn(last_before.year, last_before.month, last_before.day, 16, 0)
    due = national.due(received, D("1d"))

    assert due == vn(first_after.year, first_after.month, first_after.day, 16, 0)
    for day in tet:
        assert not national.day(day).is_working
        assert "Tết Nguyên Đán" in national.day(day).reason


def test_2026_swap_saturday_22_august_is_worked(national: WorkCalendar) -> None:
    # Friday 21/8/2026 16:00 + 1 working day lands on the worked-back Saturday.
    assert national.day(date(2026, 8, 22)).is_working
    assert national.due(vn(2026, 8, 21, 16), D("1d")) == vn(2026, 8, 22, 16)


def test_2026_swap_monday_31_august_is_off_before_national_day(national: WorkCalendar) -> None:
    # Friday 28/8/2026: 31/8 is the swapped day off, 1–2/9 National Day.
    assert not national.day(date(2026, 8, 31)).is_working
    assert national.due(vn(2026, 8, 28, 16), D("1d")) == vn(2026, 9, 3, 16)


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (vn(2027, 3, 1, 14, 59), vn(2027, 3, 1, 17)),
        (vn(2027, 3, 1, 15, 0), vn(2027, 3, 1, 17)),
        (vn(2027, 3, 1, 15, 1), vn(2027, 3, 2, 17)),
    ],
)
def test_same_day_with_cutoff(national: WorkCalendar, received: datetime, due: datetime) -> None:
    assert national.due(received, D("sd"), cutoff=CUTOFF) == due


def test_received_at_1459_counts_from_reception_and_at_1501_from_next_opening(
    national: WorkCalendar,
) -> None:
    assert national.due(vn(2027, 3, 1, 14, 59), D("1d"), cutoff=CUTOFF) == vn(2027, 3, 2, 14, 59)
    assert national.effective_start(vn(2027, 3, 1, 15, 1), cutoff=CUTOFF) == vn(2027, 3, 2, 7)
    assert national.due(vn(2027, 3, 1, 15, 1), D("1d"), cutoff=CUTOFF) == vn(2027, 3, 2, 17)


def test_without_cutoff_1501_still_counts_the_same_afternoon(national: WorkCalendar) -> None:
    assert national.due(vn(2027, 3, 1, 15, 1), D("1d")) == vn(2027, 3, 2, 15, 1)


def test_received_on_saturday_starts_monday_at_opening(national: WorkCalendar) -> None:
    saturday = vn(2027, 3, 6, 10)
    assert national.effective_start(saturday) == vn(2027, 3, 8, 7)
    assert national.due(saturday, D("1d")) == vn(2027, 3, 8, 17)
    assert national.due(saturday, D("sd"), cutoff=CUTOFF) == vn(2027, 3, 8, 17)


def test_received_at_lunch_starts_at_1330(national: WorkCalendar) -> None:
    assert national.effective_start(vn(2027, 3, 1, 12, 15)) == vn(2027, 3, 1, 13, 30)
    # 3.5 hours that afternoon, the last half hour next morning.
    assert national.due(vn(2027, 3, 1, 12, 15), D("4h")) == vn(2027, 3, 2, 7, 30)


@pytest.mark.parametrize("minute", [0, 30])
def test_received_after_closing_starts_next_morning(national: WorkCalendar, minute: int) -> None:
    received = vn(2027, 3, 1, 17, minute)
    assert national.effective_start(received) == vn(2027, 3, 2, 7)
    assert national.due(received, D("1d")) == vn(2027, 3, 2, 17)


def test_a_day_from_opening_ends_at_closing_not_next_morning(national: WorkCalendar) -> None:
    assert national.due(vn(2027, 3, 1, 7), D("1d")) == vn(2027, 3, 1, 17)
    assert national.due(vn(2027, 3, 5, 7), D("1d")) == vn(2027, 3, 5, 17)


def test_a_morning_of_work_ends_at_1130_not_after_lunch(national: WorkCalendar) -> None:
    assert national.due(vn(2027, 3, 1, 7), D("4.5h")) == vn(2027, 3, 1, 11, 30)


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (vn(2027, 3, 1, 7), vn(2027, 3, 1, 11)),
        (vn(2027, 3, 1, 9), vn(2027, 3, 1, 15)),
        (vn(2027, 3, 1, 14), vn(2027, 3, 2, 8)),
    ],
)
def test_half_a_day_is_four_working_hours(
    national: WorkCalendar, received: datetime, due: datetime
) -> None:
    assert national.due(received, D("0.5d")) == due


def test_hours_cross_lunch(national: WorkCalendar) -> None:
    assert national.due(vn(2027, 3, 1, 10), D("2h")) == vn(2027, 3, 1, 14)
    assert national.due(vn(2027, 3, 1, 11, 15), D("0.5h")) == vn(2027, 3, 1, 13, 45)


def test_calendar_days_ending_on_sunday_move_to_monday_closing(national: WorkCalendar) -> None:
    # Thursday 4/3/2027 + 3 calendar days = Sunday 7/3 → end of Monday 8/3.
    assert national.due(vn(2027, 3, 4, 10), D("3cd")) == vn(2027, 3, 8, 17)


def test_calendar_days_ending_on_a_working_day_end_at_its_closing(national: WorkCalendar) -> None:
    assert national.due(vn(2027, 3, 1, 10), D("3cd")) == vn(2027, 3, 4, 17)


def test_calendar_days_ending_in_tet_move_past_it(national: WorkCalendar) -> None:
    # Monday 1/2/2027 + 5 calendar days = Saturday 6/2, Tết until Wednesday 10/2.
    assert national.due(vn(2027, 2, 1, 9), D("5cd")) == vn(2027, 2, 11, 17)


def test_seconds_are_kept(national: WorkCalendar) -> None:
    assert national.due(vn(2027, 3, 1, 16, 10, 30), D("1d")) == vn(2027, 3, 2, 16, 10, 30)


def test_elapsed_counts_only_office_hours(national: WorkCalendar) -> None:
    assert national.elapsed(vn(2027, 3, 1, 7), vn(2027, 3, 1, 17)) == 480
    assert national.elapsed(vn(2027, 3, 5, 16), vn(2027, 3, 8, 8)) == 120
    assert national.elapsed(vn(2027, 3, 6, 8), vn(2027, 3, 7, 20)) == 0


def test_is_working_time_includes_opening_and_excludes_closing(national: WorkCalendar) -> None:
    assert national.is_working_time(vn(2027, 3, 1, 7))
    assert not national.is_working_time(vn(2027, 3, 1, 11, 30))
    assert national.is_working_time(vn(2027, 3, 1, 16, 59, 59))
    assert not national.is_working_time(vn(2027, 3, 1, 17))
    assert not national.is_working_time(vn(2027, 3, 6, 9))


def test_add_working_minutes_zero_keeps_the_instant(national: WorkCalendar) -> None:
    assert national.add_working_minutes(vn(2027, 3, 6, 9), 0) == vn(2027, 3, 6, 9)
    assert national.add_working_minutes(vn(2027, 3, 6, 9), 1) == vn(2027, 3, 8, 7, 1)


def test_instants_in_other_offsets_are_the_same_instants(national: WorkCalendar) -> None:
    utc = vn(2027, 2, 3, 16, 10).astimezone(tz=None)
    assert national.due(utc, D("5d")) == vn(2027, 2, 17, 16, 10)


def test_naive_datetime_is_refused(national: WorkCalendar) -> None:
    with pytest.raises(NaiveDatetimeError, match="múi giờ"):
        national.due(vn(2027, 3, 1, 9).replace(tzinfo=None), D("1d"))


def test_end_before_start_is_refused(national: WorkCalendar) -> None:
    with pytest.raises(CalendarError, match="trước thời điểm bắt đầu"):
        national.elapsed(vn(2027, 3, 2), vn(2027, 3, 1))


def test_years_outside_the_calendar_are_refused_with_the_supported_range(
    national: WorkCalendar,
) -> None:
    with pytest.raises(CalendarRangeError, match="2019–2031"):
        national.due(vn(2035, 3, 1, 9), D("1d"))
    with pytest.raises(CalendarRangeError, match="2019–2031"):
        national.due(vn(2031, 12, 20, 9), D("60d"))


def test_negative_minutes_are_refused(national: WorkCalendar) -> None:
    with pytest.raises(CalendarError):
        national.add_working_minutes(vn(2027, 3, 1, 9), -1)


def test_calendar_is_immutable(national: WorkCalendar) -> None:
    with pytest.raises(AttributeError):
        national.minutes_per_day = 1
