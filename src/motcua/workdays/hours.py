"""Office hours as an agency writes them: ``{"0": [["07:00", "11:30"], ["13:30", "17:00"]]}``.

Keys are weekdays (``"0"`` Monday … ``"6"`` Sunday); each value lists the opening
intervals of that day in order. Internally an interval is a pair of seconds since local
midnight, ``24:00`` allowed as the end of the day.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

Interval = tuple[int, int]
DayHours = tuple[Interval, ...]
WeekHours = tuple[DayHours, ...]

DAY_SECONDS = 86_400
# Vietnamese as the calendar keeps a weekend's reason; explanations and an admin's error
# messages translate a weekday when they name it.
WEEKDAY_NAMES = (
    gettext_noop("Thứ Hai"),
    gettext_noop("Thứ Ba"),
    gettext_noop("Thứ Tư"),
    gettext_noop("Thứ Năm"),
    gettext_noop("Thứ Sáu"),
    gettext_noop("Thứ Bảy"),
    gettext_noop("Chủ nhật"),
)

_HHMM = re.compile(r"^([01]\d|2[0-4]):([0-5]\d)$")


class HoursError(ValueError):
    """Office hours that cannot be read; the message says where, in the active language
    (Vietnamese unless the administrator chose another)."""


def parse_clock(text: object, *, where: str) -> int:
    """``"07:30"`` → seconds since midnight; ``"24:00"`` is the end of the day."""
    match = _HHMM.match(text) if isinstance(text, str) else None
    if match is None:
        raise HoursError(
            _("%(where)s: giờ %(text)r phải viết dạng HH:MM, ví dụ 07:30.")
            % {"where": where, "text": text}
        )
    seconds = int(match.group(1)) * 3600 + int(match.group(2)) * 60
    if seconds > DAY_SECONDS:
        raise HoursError(
            _("%(where)s: giờ %(text)s vượt quá 24:00.") % {"where": where, "text": text}
        )
    return seconds


def format_clock(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"


def parse_day(raw: object, *, where: str) -> DayHours:
    """Validate one day's intervals: ordered, not overlapping; touching ones are merged."""
    if raw is None:
        return ()
    if not isinstance(raw, list | tuple):
        raise HoursError(
            _('%(where)s: phải là danh sách khoảng giờ, ví dụ [["07:00", "11:30"]].')
            % {"where": where}
        )
    intervals: list[Interval] = []
    for pair in raw:
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            raise HoursError(
                _("%(where)s: mỗi khoảng giờ gồm đúng hai mốc [bắt đầu, kết thúc].")
                % {"where": where}
            )
        begin, end = parse_clock(pair[0], where=where), parse_clock(pair[1], where=where)
        if begin >= end:
            raise HoursError(
                _("%(where)s: khoảng %(begin)s–%(end)s phải kết thúc sau khi bắt đầu.")
                % {"where": where, "begin": pair[0], "end": pair[1]}
            )
        if intervals and begin < intervals[-1][1]:
            raise HoursError(
                _("%(where)s: các khoảng giờ phải theo thứ tự và không chồng lên nhau.")
                % {"where": where}
            )
        if intervals and begin == intervals[-1][1]:
            intervals[-1] = (intervals[-1][0], end)
        else:
            intervals.append((begin, end))
    return tuple(intervals)


def parse_week(raw: object) -> WeekHours:
    """Validate a whole week; missing weekdays are closed. Refuses a week with no hours."""
    if not isinstance(raw, dict):
        raise HoursError(
            _('Giờ làm việc phải là bảng theo thứ trong tuần, khóa "0" (Thứ Hai)…"6".')
        )
    unknown = sorted(str(key) for key in raw if str(key) not in {str(n) for n in range(7)})
    if unknown:
        raise HoursError(
            _("Khóa %(keys)s không phải thứ trong tuần (0 = Thứ Hai … 6).")
            % {"keys": ", ".join(unknown)}
        )
    week = tuple(parse_day(raw.get(str(n)), where=_weekday_hours(n)) for n in range(7))
    if not any(week):
        raise HoursError(
            _("Lịch làm việc không có giờ làm việc nào trong tuần: hãy nhập giờ mở cửa.")
        )
    return week


def _weekday_hours(weekday: int) -> str:
    return _("Giờ làm việc %(weekday)s") % {"weekday": _(WEEKDAY_NAMES[weekday])}


def day_to_json(day: DayHours) -> list[list[str]]:
    return [[format_clock(begin), format_clock(end)] for begin, end in day]


def week_to_json(week: WeekHours) -> dict[str, list[list[str]]]:
    return {str(n): day_to_json(day) for n, day in enumerate(week) if day}


def day_seconds(day: DayHours) -> int:
    return sum(end - begin for begin, end in day)


STANDARD_DAY: DayHours = ((7 * 3600, 11 * 3600 + 1800), (13 * 3600 + 1800, 17 * 3600))
DEFAULT_WEEK: WeekHours = (STANDARD_DAY,) * 5 + ((), ())
"""Monday–Friday 07:00–11:30 and 13:30–17:00: the hours when an agency has set none."""
