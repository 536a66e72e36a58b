"""Why a deadline falls where it does: each day from reception to the deadline, counted or
skipped, with the reason a clerk can read out ("Tết Nguyên Đán", "Thứ Bảy", "sau 15:00").

The explanation's own words are in the active language: the reader's in the API, the
Vietnamese of ``LANGUAGE_CODE`` on the command line. Reasons are worded when the
explanation is built, its lines when they are read. What the calendar's data says (a
holiday's name, a swap the government announced, an agency's own reason) stays as
written; a weekend's reason is only its weekday's name, and is translated like one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from motcua.core.text import hours_and_minutes
from motcua.workdays.durations import Duration, DurationUnit
from motcua.workdays.hours import WEEKDAY_NAMES, format_clock
from motcua.workdays.schedule import DayKind, DaySchedule
from motcua.workdays.wording import duration_text

if TYPE_CHECKING:
    from motcua.workdays.engine import WorkCalendar

COUNTED = "counted"
SKIPPED = "skipped"
CALENDAR_DAY = "calendar"
RECEIVED = "received"
MOVED = "moved"


@dataclass(frozen=True, slots=True)
class ExplainedDay:
    day: date
    status: str
    """counted (working time counted), skipped, calendar (a day of a ``cd`` duration),
    received (reception day of a ``cd`` duration, not counted) or moved (deadline moved
    off a non-working day)."""
    counted_minutes: int
    reason: str

    def text(self) -> str:
        head = f"{day_label(self.day)}: "
        if self.status == COUNTED:
            body = _("tính %(time)s") % {"time": hours_and_minutes(self.counted_minutes)}
        elif self.status == CALENDAR_DAY:
            body = _("tính 1 ngày lịch")
        elif self.status == MOVED:
            body = _("hạn chuyển sang cuối ngày làm việc này")
        else:
            body = _("không tính")
        return head + body + (f" — {self.reason}" if self.reason else "")

    def as_dict(self) -> dict[str, object]:
        return {
            "date": self.day.isoformat(),
            "weekday": weekday_name(self.day),
            "status": self.status,
            "counted_minutes": self.counted_minutes,
            "reason": self.reason,
            "text": self.text(),
        }


@dataclass(frozen=True, slots=True)
class Explanation:
    received: datetime
    effective_start: datetime
    start_reason: str
    duration: Duration
    due: datetime
    days: tuple[ExplainedDay, ...]

    def lines(self) -> list[str]:
        start = _("Bắt đầu tính: %(instant)s") % {"instant": instant_label(self.effective_start)}
        if self.start_reason:
            start += f" ({self.start_reason})"
        return [
            _("Tiếp nhận: %(instant)s") % {"instant": instant_label(self.received)},
            start,
            _("Thời hạn: %(duration)s") % {"duration": duration_text(self.duration)},
            *(day.text() for day in self.days),
            _("Hạn giải quyết: %(instant)s") % {"instant": instant_label(self.due)},
        ]

    def as_list(self) -> list[dict[str, object]]:
        return [day.as_dict() for day in self.days]


def build_explanation(
    calendar: WorkCalendar, received: datetime, duration: Duration, *, cutoff: time | None
) -> Explanation:
    due = calendar.due(received, duration, cutoff=cutoff)
    begin = calendar.effective_start(received, cutoff=cutoff)
    tz = calendar.tz
    received_local, begin_local, due_local = (
        received.astimezone(tz),
        begin.astimezone(tz),
        due.astimezone(tz),
    )
    reason = _start_reason(calendar, received_local, begin_local, cutoff)
    if duration.unit is DurationUnit.CALENDAR_DAYS:
        days = _calendar_days(calendar, received_local, begin_local, due_local, duration, reason)
    else:
        days = _working_days(calendar, received_local, begin_local, due_local, reason)
    return Explanation(received_local, begin_local, reason, duration, due_local, days)


def _start_reason(
    calendar: WorkCalendar, received: datetime, begin: datetime, cutoff: time | None
) -> str:
    if begin == received.replace(microsecond=0):
        return ""
    schedule = calendar.day(received.date())
    if not schedule.is_working:
        return _("nhận vào ngày nghỉ: %(reason)s") % {"reason": _day_reason(schedule)}
    if cutoff is not None and received.time() > cutoff and begin.date() > received.date():
        return _("sau %(cutoff)s, tính từ ngày làm việc tiếp theo") % {"cutoff": f"{cutoff:%H:%M}"}
    return _("ngoài giờ làm việc")


def _working_days(
    calendar: WorkCalendar, received: datetime, begin: datetime, due: datetime, start_reason: str
) -> tuple[ExplainedDay, ...]:
    result = []
    day = received.date()
    while day <= due.date():
        schedule = calendar.day(day)
        low = _clock_seconds(begin) if day == begin.date() else 0
        high = _clock_seconds(due) if day == due.date() else 86_400
        if day < begin.date():
            low = high = 0
        counted = sum(max(0, min(e, high) - max(s, low)) for s, e in schedule.intervals)
        if counted:
            notes = [schedule.reason] if schedule.reason else []
            if day == begin.date() and low > schedule.intervals[0][0]:
                notes.append(_("từ %(clock)s") % {"clock": format_clock(low)})
            if day == due.date() and high < schedule.intervals[-1][1]:
                notes.append(_("đến %(clock)s") % {"clock": format_clock(high)})
            result.append(ExplainedDay(day, COUNTED, counted // 60, ", ".join(notes)))
        else:
            why = _day_reason(schedule) or (start_reason if day == received.date() else "")
            result.append(ExplainedDay(day, SKIPPED, 0, why or _("ngoài giờ làm việc")))
        day += timedelta(days=1)
    return tuple(result)


def _calendar_days(
    calendar: WorkCalendar,
    received: datetime,
    begin: datetime,
    due: datetime,
    duration: Duration,
    start_reason: str,
) -> tuple[ExplainedDay, ...]:
    last = begin.date() + timedelta(days=int(duration.value))
    result = []
    day = received.date()
    while day <= begin.date():
        why = _("ngày bắt đầu tính không được tính (Điều 147 Bộ luật Dân sự)")
        if day < begin.date():
            why = start_reason
        result.append(ExplainedDay(day, RECEIVED, 0, why))
        day += timedelta(days=1)
    while day <= due.date():
        schedule = calendar.day(day)
        if day <= last:
            result.append(ExplainedDay(day, CALENDAR_DAY, 0, _day_reason(schedule)))
        elif day < due.date():
            result.append(ExplainedDay(day, SKIPPED, 0, _day_reason(schedule)))
        else:
            why = _("hạn rơi vào ngày nghỉ (Điều 148 Bộ luật Dân sự)")
            result.append(ExplainedDay(day, MOVED, 0, why))
        day += timedelta(days=1)
    return tuple(result)


def _day_reason(schedule: DaySchedule) -> str:
    """Why the calendar says the day is what it is; a weekend's reason is its weekday."""
    if schedule.kind is DayKind.WEEKEND:
        return weekday_name(schedule.day)
    return schedule.reason


def _clock_seconds(moment: datetime) -> int:
    return moment.hour * 3600 + moment.minute * 60 + moment.second


def weekday_name(day: date) -> str:
    return _(WEEKDAY_NAMES[day.weekday()])


def day_label(day: date) -> str:
    return f"{weekday_name(day)} {day:%d/%m/%Y}"


def instant_label(moment: datetime) -> str:
    return f"{day_label(moment.date())} {moment:%H:%M}"
