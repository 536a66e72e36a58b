"""Legal durations: ``5d`` working days, ``0.5d`` half a day, ``4h`` working hours,
``3cd`` calendar days and ``sd`` the same working day.

A pure value type shared by the catalog (a procedure version's legal duration and step
budgets), the deadline engine and the API.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from django.utils.translation import gettext as _


class DurationError(ValueError):
    """A duration that cannot be read or is out of range; the message is in the active
    language (Vietnamese unless the asker chose another)."""


class DurationUnit(StrEnum):
    WORKING_DAYS = "d"
    WORKING_HOURS = "h"
    CALENDAR_DAYS = "cd"
    SAME_DAY = "sd"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    DurationUnit.WORKING_DAYS: "ngày làm việc",
    DurationUnit.WORKING_HOURS: "giờ làm việc",
    DurationUnit.CALENDAR_DAYS: "ngày",
    DurationUnit.SAME_DAY: "trong ngày làm việc",
}

_PATTERN = re.compile(r"^\s*(?:(\d+(?:\.\d+)?)\s*(cd|d|h)|(sd))\s*$")

# Ten years of the longest unit: anything beyond is a typing mistake, not a legal duration.
MAX_CALENDAR_DAYS = Decimal(3653)
MAX_WORKING_DAYS = Decimal(2610)
MAX_WORKING_HOURS = MAX_WORKING_DAYS * 8


@dataclass(frozen=True, slots=True)
class Duration:
    value: Decimal
    unit: DurationUnit

    def __post_init__(self) -> None:
        if self.unit is DurationUnit.SAME_DAY:
            if self.value != 0:
                raise DurationError(_("Thời hạn 'trong ngày' không có số lượng."))
            return
        if self.value <= 0:
            raise DurationError(_("Thời hạn phải lớn hơn 0."))
        limit = {
            DurationUnit.WORKING_DAYS: MAX_WORKING_DAYS,
            DurationUnit.WORKING_HOURS: MAX_WORKING_HOURS,
            DurationUnit.CALENDAR_DAYS: MAX_CALENDAR_DAYS,
        }[self.unit]
        if self.value > limit:
            raise DurationError(_("Thời hạn %(duration)s vượt quá 10 năm.") % {"duration": self})
        if self.unit is DurationUnit.CALENDAR_DAYS and self.value != self.value.to_integral():
            raise DurationError(_("Thời hạn tính theo ngày lịch phải là số nguyên."))
        if self.unit is DurationUnit.WORKING_DAYS and (self.value * 2) % 1:
            raise DurationError(_("Thời hạn theo ngày làm việc phải là bội số của nửa ngày."))
        if self.unit is DurationUnit.WORKING_HOURS and (self.value * 60) % 1:
            raise DurationError(_("Thời hạn theo giờ làm việc phải là số phút nguyên."))

    @classmethod
    def parse(cls, text: str) -> Duration:
        match = _PATTERN.match(text or "")
        if match is None:
            raise DurationError(
                _(
                    "Không đọc được thời hạn %(text)r: viết ví dụ 5d (ngày làm việc), 0.5d, "
                    "4h (giờ làm việc), 3cd (ngày lịch) hoặc sd (trong ngày)."
                )
                % {"text": text}
            )
        if match.group(3):
            return cls(Decimal(0), DurationUnit.SAME_DAY)
        try:
            value = Decimal(match.group(1))
        except InvalidOperation as exc:  # pragma: no cover - the regex admits only numbers
            raise DurationError(
                _("Số lượng %(amount)r không hợp lệ.") % {"amount": match.group(1)}
            ) from exc
        return cls(value, DurationUnit(match.group(2)))

    @classmethod
    def working_days(cls, value: int | str | Decimal) -> Duration:
        return cls(Decimal(value), DurationUnit.WORKING_DAYS)

    @classmethod
    def working_hours(cls, value: int | str | Decimal) -> Duration:
        return cls(Decimal(value), DurationUnit.WORKING_HOURS)

    def __str__(self) -> str:
        if self.unit is DurationUnit.SAME_DAY:
            return "sd"
        return f"{_plain(self.value)}{self.unit.value}"

    def describe(self) -> str:
        """Vietnamese wording for citizens: '5 ngày làm việc'."""
        if self.unit is DurationUnit.SAME_DAY:
            return "Trong ngày làm việc"
        return f"{_plain(self.value).replace('.', ',')} {self.unit.label}"

    def working_minutes(self, minutes_per_day: int = 480) -> int | None:
        """Working time in minutes, or None for calendar-day and same-day durations."""
        if self.unit is DurationUnit.WORKING_DAYS:
            return int(self.value * minutes_per_day)
        if self.unit is DurationUnit.WORKING_HOURS:
            return int(self.value * 60)
        return None


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text
