"""What each calendar day looks like for one agency: its opening intervals and why.

The layers, later ones winning: the agency's weekly office hours (by the version in force
that day), national public holidays and the government's announced swaps, national
overrides, then the agency's own overrides.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from django.utils.translation import gettext_noop

from motcua.workdays.hours import (
    DEFAULT_WEEK,
    WEEKDAY_NAMES,
    DayHours,
    WeekHours,
    day_seconds,
)


class DayKind(StrEnum):
    WORKING = "working"
    WEEKEND = "weekend"
    HOLIDAY = "holiday"
    DAY_OFF = "day_off"
    EXTRA_WORKING = "extra_working"
    CHANGED_HOURS = "changed_hours"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


# Vietnamese as the calendar keeps them; wording.day_kind_text translates one when shown.
_KIND_LABELS = {
    DayKind.WORKING: gettext_noop("ngày làm việc"),
    DayKind.WEEKEND: gettext_noop("ngày nghỉ hằng tuần"),
    DayKind.HOLIDAY: gettext_noop("ngày nghỉ lễ, Tết"),
    DayKind.DAY_OFF: gettext_noop("ngày nghỉ"),
    DayKind.EXTRA_WORKING: gettext_noop("ngày làm việc bù"),
    DayKind.CHANGED_HOURS: gettext_noop("ngày đổi giờ làm việc"),
}


class OverrideKind(StrEnum):
    DAY_OFF = "day_off"
    WORKING_DAY = "working_day"
    CHANGED_HOURS = "changed_hours"


@dataclass(frozen=True, slots=True)
class DaySchedule:
    day: date
    intervals: DayHours
    kind: DayKind
    reason: str

    @property
    def is_working(self) -> bool:
        return bool(self.intervals)

    @property
    def working_minutes(self) -> int:
        return day_seconds(self.intervals) // 60


@dataclass(frozen=True, slots=True)
class OfficeHours:
    """One version of an agency's weekly hours, in force from ``effective_from``."""

    effective_from: date
    week: WeekHours = DEFAULT_WEEK
    minutes_per_day: int = 480

    @property
    def standard_day(self) -> DayHours:
        """The hours of a worked-back Saturday: those of the first open weekday."""
        return next(day for day in self.week if day)


@dataclass(frozen=True, slots=True)
class DayOverride:
    day: date
    kind: OverrideKind
    reason: str
    intervals: DayHours = ()
    """Empty for a day off; for a working day, empty means the standard day's hours."""


DEFAULT_OFFICE_HOURS = OfficeHours(effective_from=date(1975, 5, 1))


def build_days(
    *,
    years: range,
    office_hours: Sequence[OfficeHours],
    holidays: Mapping[date, str],
    worked_weekends: Mapping[date, str],
    overrides: Sequence[DayOverride],
) -> list[DaySchedule]:
    """One DaySchedule per day from 1 January of the first year to 31 December of the last.

    Days before the earliest office-hours version use that version's hours.
    """
    versions = sorted(office_hours or [DEFAULT_OFFICE_HOURS], key=lambda v: v.effective_from)
    by_day = {override.day: override for override in overrides}
    first, last = date(years.start, 1, 1), date(years.stop - 1, 12, 31)
    days: list[DaySchedule] = []
    version_index = 0
    current = first
    while current <= last:
        while (
            version_index + 1 < len(versions)
            and versions[version_index + 1].effective_from <= current
        ):
            version_index += 1
        day = _base_day(current, versions[version_index], holidays, worked_weekends)
        override = by_day.get(current)
        if override is not None:
            day = _apply(override, versions[version_index])
        days.append(day)
        current += timedelta(days=1)
    return days


def _base_day(
    day: date,
    version: OfficeHours,
    holidays: Mapping[date, str],
    worked_weekends: Mapping[date, str],
) -> DaySchedule:
    if day in holidays:
        return DaySchedule(day, (), DayKind.HOLIDAY, holidays[day])
    if day in worked_weekends:
        return DaySchedule(day, version.standard_day, DayKind.EXTRA_WORKING, worked_weekends[day])
    hours = version.week[day.weekday()]
    if not hours:
        return DaySchedule(day, (), DayKind.WEEKEND, WEEKDAY_NAMES[day.weekday()])
    return DaySchedule(day, hours, DayKind.WORKING, "")


def _apply(override: DayOverride, version: OfficeHours) -> DaySchedule:
    if override.kind is OverrideKind.DAY_OFF:
        return DaySchedule(override.day, (), DayKind.DAY_OFF, override.reason)
    if override.kind is OverrideKind.WORKING_DAY:
        hours = override.intervals or version.standard_day
        return DaySchedule(override.day, hours, DayKind.EXTRA_WORKING, override.reason)
    return DaySchedule(override.day, override.intervals, DayKind.CHANGED_HOURS, override.reason)
