"""A slow, obviously-correct deadline walker, day by day and interval by interval.

It reads only each day's published schedule (``WorkCalendar.day``), never the engine's
arrays, so the tests and the benchmark can check the fast engine against it.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from motcua.workdays.durations import Duration, DurationUnit
from motcua.workdays.engine import WorkCalendar

ONE_DAY = timedelta(days=1)


def reference_due(
    calendar: WorkCalendar, start: datetime, duration: Duration, *, cutoff: time | None = None
) -> datetime:
    day, clock = reference_effective_start(calendar, start, cutoff=cutoff)
    if duration.unit is DurationUnit.SAME_DAY:
        return _at(calendar, day, calendar.day(day).intervals[-1][1])
    if duration.unit is DurationUnit.CALENDAR_DAYS:
        last = day + timedelta(days=int(duration.value))
        while not calendar.day(last).is_working:
            last += ONE_DAY
        return _at(calendar, last, calendar.day(last).intervals[-1][1])
    minutes = duration.working_minutes(calendar.minutes_per_day)
    assert minutes is not None
    left = minutes * 60
    while True:
        for begin, end in calendar.day(day).intervals:
            if end <= clock:
                continue
            available = end - max(begin, clock)
            if left <= available:
                return _at(calendar, day, max(begin, clock) + left)
            left -= available
        day, clock = day + ONE_DAY, 0


def reference_effective_start(
    calendar: WorkCalendar, received: datetime, *, cutoff: time | None = None
) -> tuple[date, int]:
    """(day, seconds after midnight) where the clock starts."""
    local = received.astimezone(calendar.tz)
    day, clock = local.date(), local.hour * 3600 + local.minute * 60 + local.second
    after_cutoff = cutoff is not None and clock > _seconds_of_day(cutoff)
    if after_cutoff and calendar.day(day).is_working:
        day, clock = day + ONE_DAY, 0
    while True:
        for begin, end in calendar.day(day).intervals:
            if clock < end:
                return day, max(begin, clock)
        day, clock = day + ONE_DAY, 0


def reference_elapsed(calendar: WorkCalendar, start: datetime, end: datetime) -> int:
    """Working minutes between two instants, summing each day's overlap."""
    first, last = start.astimezone(calendar.tz), end.astimezone(calendar.tz)
    total = 0
    day = first.date()
    while day <= last.date():
        low = _seconds_of_day(first) if day == first.date() else 0
        high = _seconds_of_day(last) if day == last.date() else 86_400
        for begin, finish in calendar.day(day).intervals:
            total += max(0, min(finish, high) - max(begin, low))
        day += ONE_DAY
    return total // 60


def _seconds_of_day(moment: datetime | time) -> int:
    return moment.hour * 3600 + moment.minute * 60 + moment.second


def _at(calendar: WorkCalendar, day: date, seconds: int) -> datetime:
    return datetime.combine(day, time(), calendar.tz) + timedelta(seconds=seconds)
