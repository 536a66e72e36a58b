"""The deadline engine: pure arithmetic over one agency's working-time calendar.

Build a :class:`WorkCalendar` once (``selectors.calendar_for_agency`` does, and caches it),
then compute without touching the database. Every instant is an aware datetime; inside,
an instant is a whole number of seconds since local midnight of 1 January of the first
year the calendar covers (sub-second parts are dropped).

Conventions (all follow from one rule: *a deadline is the earliest instant at which the
required working time has been worked*):

- ``due(s, 5d)`` adds 5 × ``minutes_per_day`` working minutes to the effective start, so a
  dossier received Wednesday 16:10 is due at 16:10 five working days later, and one
  received at opening (07:00) with 1d is due at closing (17:00) of the same day, not at
  07:00 the next morning. Hence ``elapsed(s, due(s, d)) == d`` for working durations.
- The clock starts at reception; received outside office hours (before opening, at
  lunch, after closing, on a day off) it starts at the next opening. With a cut-off
  (e.g. 15:00), a dossier received on a working day *strictly after* the cut-off starts
  at the next working day's opening; at 15:00:00 exactly it still counts that day.
- ``sd`` (same working day): due at closing of the working day the clock starts on, so
  before the cut-off that is the day of reception, after it the next working day.
- ``3cd`` (calendar days, Civil Code art. 147–148): the count starts the day after the
  clock starts; the deadline is closing time of the last day, or, if that day is not a
  working day, closing time of the next working day.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from motcua.workdays.clock import (
    Clock,
    Pause,
    StepAttribution,
    StepBudget,
    StepResult,
    Timeliness,
    TimelinessStatus,
    apology_deadline,
    attribute_step_lateness,
    pause_shift,
    paused_working_minutes,
    remaining,
    timeliness,
)
from motcua.workdays.durations import Duration, DurationUnit
from motcua.workdays.errors import CalendarError, CalendarRangeError, NaiveDatetimeError
from motcua.workdays.explain import ExplainedDay, Explanation, build_explanation
from motcua.workdays.hours import DAY_SECONDS
from motcua.workdays.schedule import DaySchedule

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


class WorkCalendar:
    """An agency's working time over a range of years, precomputed for O(log n) queries.

    Working intervals of all days are laid end to end in sorted arrays with the working
    seconds before each one, so ``due`` and ``elapsed`` are a few bisections.
    """

    __slots__ = (
        "_cum",
        "_cum_end",
        "_day_first",
        "_days",
        "_ends",
        "_epoch",
        "_minutes_cache",
        "_starts",
        "minutes_per_day",
        "tz",
        "years",
    )

    tz: ZoneInfo
    minutes_per_day: int
    years: range
    _days: tuple[DaySchedule, ...]
    _epoch: int
    _starts: list[int]
    _ends: list[int]
    _cum: list[int]
    _cum_end: list[int]
    _day_first: list[int]
    _minutes_cache: dict[Duration, int]

    def __init__(
        self, *, days: Sequence[DaySchedule], minutes_per_day: int = 480, tz: ZoneInfo = VN_TZ
    ) -> None:
        if not days or days[0].day.timetuple().tm_yday != 1:
            raise ValueError("a calendar starts on 1 January")
        if minutes_per_day <= 0:
            raise ValueError("minutes_per_day must be positive")
        first = days[0].day
        _check_fixed_offset(tz, first, len(days))
        starts: list[int] = []
        ends: list[int] = []
        day_first: list[int] = []
        for index, schedule in enumerate(days):
            if schedule.day != first + timedelta(days=index):
                raise ValueError(f"days must be consecutive; {schedule.day} is out of place")
            day_first.append(len(starts))
            base = index * DAY_SECONDS
            for begin, end in schedule.intervals:
                starts.append(base + begin)
                ends.append(base + end)
        day_first.append(len(starts))
        if not starts:
            raise CalendarError(_("Lịch làm việc không có giờ làm việc nào."))
        cum, total = [], 0
        for begin, end in zip(starts, ends, strict=True):
            cum.append(total)
            total += end - begin
        setattr_ = object.__setattr__
        setattr_(self, "tz", tz)
        setattr_(self, "minutes_per_day", minutes_per_day)
        setattr_(self, "years", range(first.year, days[-1].day.year + 1))
        setattr_(self, "_days", tuple(days))
        setattr_(self, "_epoch", int(datetime.combine(first, time(), tz).timestamp()))
        setattr_(self, "_starts", starts)
        setattr_(self, "_ends", ends)
        setattr_(self, "_cum", cum)
        setattr_(self, "_cum_end", [c + e - s for c, s, e in zip(cum, starts, ends, strict=True)])
        setattr_(self, "_day_first", day_first)
        setattr_(self, "_minutes_cache", {})

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("WorkCalendar is immutable")

    # -- the operations -------------------------------------------------------------

    def due(self, start: datetime, duration: Duration, *, cutoff: time | None = None) -> datetime:
        """The deadline of ``duration`` for a dossier received at ``start`` (see module doc)."""
        begin = self._effective(self._seconds(start), cutoff)
        unit = duration.unit
        if unit is DurationUnit.SAME_DAY:
            return self._instant(self._closing(begin // DAY_SECONDS))
        if unit is DurationUnit.CALENDAR_DAYS:
            return self._instant(self._calendar_days_due(begin, int(duration.value)))
        return self._instant(self._advance(begin, self._working_seconds(duration)))

    def elapsed(self, start: datetime, end: datetime) -> int:
        """Whole working minutes between two instants; refuses an end before the start."""
        a, b = self._seconds(start), self._seconds(end)
        if b < a:
            raise CalendarError(
                _("Thời điểm kết thúc %(end)s trước thời điểm bắt đầu %(start)s.")
                % {"end": end.isoformat(), "start": start.isoformat()}
            )
        return (self._worked_before(b) - self._worked_before(a)) // 60

    def add_working_minutes(self, start: datetime, minutes: int) -> datetime:
        """The earliest instant by which ``minutes`` of working time have passed since ``start``."""
        if minutes < 0:
            raise CalendarError(_("Số phút làm việc cộng thêm không được âm."))
        return self._instant(self._advance(self._seconds(start), minutes * 60))

    def subtract_working_minutes(self, end: datetime, minutes: int) -> datetime:
        """The latest instant from which ``minutes`` of working time remain until ``end``."""
        if minutes < 0:
            raise CalendarError(_("Số phút làm việc trừ đi không được âm."))
        return self._instant(self._retreat(self._seconds(end), minutes * 60))

    def effective_start(self, received: datetime, *, cutoff: time | None = None) -> datetime:
        """Where the clock really starts for a dossier received at ``received``."""
        return self._instant(self._effective(self._seconds(received), cutoff))

    def is_working_time(self, instant: datetime) -> bool:
        """True during office hours: opening time included, closing time excluded."""
        at = self._seconds(instant)
        i = bisect_right(self._starts, at) - 1
        return i >= 0 and at < self._ends[i]

    def explain(
        self, start: datetime, duration: Duration, *, cutoff: time | None = None
    ) -> Explanation:
        """The days counted and skipped between reception and the deadline, with reasons."""
        return build_explanation(self, start, duration, cutoff=cutoff)

    def working_minutes(self, duration: Duration) -> int:
        """Working minutes in a working-day or working-hour duration (5d → 2400)."""
        if duration.unit not in (DurationUnit.WORKING_DAYS, DurationUnit.WORKING_HOURS):
            raise CalendarError(
                _("Thời hạn %(duration)s không quy đổi được ra giờ làm việc.")
                % {"duration": duration}
            )
        return self._working_seconds(duration) // 60

    # -- days -----------------------------------------------------------------------

    def day(self, day: date) -> DaySchedule:
        index = (day - self._days[0].day).days
        if not 0 <= index < len(self._days):
            raise CalendarRangeError(self._range_message())
        return self._days[index]

    def days_of_year(self, year: int) -> Sequence[DaySchedule]:
        if year not in self.years:
            raise CalendarRangeError(self._range_message())
        start = (date(year, 1, 1) - self._days[0].day).days
        end = (date(year + 1, 1, 1) - self._days[0].day).days
        return self._days[start:end]

    def working_seconds_before(self, instant: datetime) -> int:
        """Working seconds from the calendar's first day to ``instant`` (for references)."""
        return self._worked_before(self._seconds(instant))

    # -- internals ------------------------------------------------------------------

    def _seconds(self, instant: datetime) -> int:
        if instant.tzinfo is None or instant.utcoffset() is None:
            raise NaiveDatetimeError(
                _("Thời điểm %(instant)s thiếu múi giờ (ví dụ +07:00).")
                % {"instant": instant.isoformat()}
            )
        seconds = int(instant.timestamp()) - self._epoch
        if not 0 <= seconds < len(self._days) * DAY_SECONDS:
            raise CalendarRangeError(self._range_message())
        return seconds

    def _instant(self, seconds: int) -> datetime:
        return datetime.fromtimestamp(self._epoch + seconds, self.tz)

    def _range_message(self) -> str:
        return _("Lịch làm việc chỉ tính được các năm %(first)s–%(last)s.") % {
            "first": self.years.start,
            "last": self.years.stop - 1,
        }

    def _worked_before(self, at: int) -> int:
        i = bisect_right(self._starts, at) - 1
        if i < 0:
            return 0
        end = self._ends[i]
        return self._cum[i] + (at if at < end else end) - self._starts[i]

    def _advance(self, at: int, seconds: int) -> int:
        if seconds <= 0:
            return at
        target = self._worked_before(at) + seconds
        j = bisect_left(self._cum_end, target)
        if j == len(self._cum_end):
            raise CalendarRangeError(self._range_message())
        return self._starts[j] + target - self._cum[j]

    def _retreat(self, at: int, seconds: int) -> int:
        if seconds <= 0:
            return at
        target = self._worked_before(at) - seconds
        if target < 0:
            raise CalendarRangeError(self._range_message())
        j = bisect_right(self._cum, target) - 1
        return self._starts[j] + target - self._cum[j]

    def _effective(self, at: int, cutoff: time | None) -> int:
        index = at // DAY_SECONDS
        first, after = self._day_first[index], self._day_first[index + 1]
        if cutoff is not None and first < after and at - index * DAY_SECONDS > _clock(cutoff):
            j = after
        else:
            i = bisect_right(self._starts, at) - 1
            if i >= 0 and at < self._ends[i]:
                return at
            j = i + 1
        if j >= len(self._starts):
            raise CalendarRangeError(self._range_message())
        return self._starts[j]

    def _closing(self, index: int) -> int:
        """Closing time of day ``index`` if it is a working day, else of the next one."""
        if index >= len(self._days):
            raise CalendarRangeError(self._range_message())
        j = self._day_first[index]
        if j >= len(self._starts):
            raise CalendarRangeError(self._range_message())
        day = self._starts[j] // DAY_SECONDS
        return self._ends[self._day_first[day + 1] - 1]

    def _calendar_days_due(self, begin: int, count: int) -> int:
        return self._closing(begin // DAY_SECONDS + count)

    def _working_seconds(self, duration: Duration) -> int:
        cached = self._minutes_cache.get(duration)
        if cached is None:
            minutes = duration.working_minutes(self.minutes_per_day)
            assert minutes is not None
            cached = self._minutes_cache[duration] = minutes * 60
        return cached


def _clock(moment: time) -> int:
    return moment.hour * 3600 + moment.minute * 60 + moment.second


def _check_fixed_offset(tz: ZoneInfo, first: date, count: int) -> None:
    """Seconds-since-midnight arithmetic needs one UTC offset over the whole range.

    Asia/Ho_Chi_Minh has been UTC+7 without daylight saving since 1975.
    """
    offsets = {
        datetime.combine(first + timedelta(days=n), time(), tz).utcoffset()
        for n in range(0, count + 1, 30)
    }
    if len(offsets) != 1:
        raise ValueError(f"{tz} changes its UTC offset within the calendar's years")


__all__ = [
    "VN_TZ",
    "CalendarError",
    "CalendarRangeError",
    "Clock",
    "ExplainedDay",
    "Explanation",
    "NaiveDatetimeError",
    "Pause",
    "StepAttribution",
    "StepBudget",
    "StepResult",
    "Timeliness",
    "TimelinessStatus",
    "WorkCalendar",
    "apology_deadline",
    "attribute_step_lateness",
    "pause_shift",
    "paused_working_minutes",
    "remaining",
    "timeliness",
]
