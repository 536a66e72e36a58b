"""A national calendar built without the database, and a way to write Vietnamese instants."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

import pytest

from motcua.workdays.engine import VN_TZ, WorkCalendar
from motcua.workdays.national import national_days
from motcua.workdays.schedule import DayOverride, OfficeHours, build_days

YEARS = range(2019, 2032)


def vn(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    """An instant in Hà Nội time."""
    return datetime(year, month, day, hour, minute, second, tzinfo=VN_TZ)


def make_calendar(
    *,
    years: range = YEARS,
    office_hours: Sequence[OfficeHours] = (),
    overrides: Sequence[DayOverride] = (),
    minutes_per_day: int = 480,
) -> WorkCalendar:
    holidays, worked = national_days(years)
    days = build_days(
        years=years,
        office_hours=office_hours,
        holidays=holidays,
        worked_weekends=worked,
        overrides=overrides,
    )
    return WorkCalendar(days=days, minutes_per_day=minutes_per_day)


_NATIONAL = make_calendar()


@pytest.fixture
def national() -> WorkCalendar:
    """Monday–Friday 07:00–11:30, 13:30–17:00, Vietnam's holidays and swaps, 2019–2031."""
    return _NATIONAL


def national_calendar() -> WorkCalendar:
    return _NATIONAL


def next_weekday(day: date) -> date:
    while day.weekday() >= 5:
        day = date.fromordinal(day.toordinal() + 1)
    return day
