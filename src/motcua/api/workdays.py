"""Deadlines and calendars: ``/api/v1/workdays/due``, ``/elapsed`` and ``/calendar``."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError

from motcua.core.text import hours_and_minutes
from motcua.organizations.models import Agency
from motcua.workdays.engine import CalendarError, WorkCalendar
from motcua.workdays.hours import day_to_json
from motcua.workdays.requests import InputError, read_cutoff, read_duration, read_start
from motcua.workdays.schedule import DayKind
from motcua.workdays.selectors import agency_by_code, calendar_for_agency
from motcua.workdays.wording import day_kind_text, duration_text

router = Router(tags=["Lịch làm việc"])


class DueOut(Schema):
    agency: str
    start: str
    effective_start: str
    duration: str
    duration_text: str
    cutoff: str | None
    due: str
    explanation: list[dict[str, Any]] | None = None
    explanation_text: list[str] | None = None


class ElapsedOut(Schema):
    agency: str
    start: str
    end: str
    working_minutes: int
    text: str


class SpecialDayOut(Schema):
    date: str
    kind: str
    kind_text: str
    working: bool
    hours: list[list[str]]
    reason: str


class CalendarOut(Schema):
    agency: str
    year: int
    working_days: int
    days: list[SpecialDayOut]


def _agency(code: str) -> Agency:
    agency = agency_by_code(code)
    if agency is None:
        raise HttpError(404, _("'agency': không tìm thấy cơ quan có mã %(code)r.") % {"code": code})
    return agency


@router.get("/due", response=DueOut, summary="Tính hạn giải quyết")
def due(
    request: HttpRequest,
    agency: str,
    start: str,
    duration: str,
    cutoff: str | None = None,
    explain: bool = False,
) -> dict[str, Any]:
    """Hạn giải quyết của hồ sơ nhận lúc `start` (ISO 8601 có múi giờ) với thời hạn
    `duration` (5d, 0.5d, 4h, 3cd, sd) và giờ chốt `cutoff` (ví dụ 15:00)."""
    found = _agency(agency)
    try:
        received = read_start(start)
        length = read_duration(duration)
        cut = read_cutoff(cutoff)
        calendar = calendar_for_agency(found)
        explanation = calendar.explain(received, length, cutoff=cut)
    except (InputError, CalendarError) as exc:
        raise HttpError(400, str(exc)) from exc
    result: dict[str, Any] = {
        "agency": found.code,
        "start": received.isoformat(),
        "effective_start": explanation.effective_start.isoformat(),
        "duration": str(length),
        "duration_text": duration_text(length),
        "cutoff": cut.strftime("%H:%M") if cut else None,
        "due": explanation.due.isoformat(),
    }
    if explain:
        result["explanation"] = explanation.as_list()
        result["explanation_text"] = explanation.lines()
    return result


@router.get("/elapsed", response=ElapsedOut, summary="Thời gian làm việc giữa hai thời điểm")
def elapsed(request: HttpRequest, agency: str, start: str, end: str) -> dict[str, Any]:
    """Số phút làm việc từ `start` đến `end` (ISO 8601 có múi giờ) theo lịch của cơ quan."""
    found = _agency(agency)
    try:
        begin, finish = read_start(start), read_start(end, field="end")
        minutes = calendar_for_agency(found).elapsed(begin, finish)
    except (InputError, CalendarError) as exc:
        raise HttpError(400, str(exc)) from exc
    return {
        "agency": found.code,
        "start": begin.isoformat(),
        "end": finish.isoformat(),
        "working_minutes": minutes,
        "text": hours_and_minutes(minutes),
    }


@router.get("/calendar", response=CalendarOut, summary="Ngày nghỉ và ngày làm bù trong năm")
def calendar(request: HttpRequest, agency: str, year: int) -> dict[str, Any]:
    """Các ngày khác lịch thường (ngày lễ, Tết, nghỉ bù, làm bù, đổi giờ) của cơ quan trong
    năm `year`; Thứ Bảy, Chủ nhật thường lệ không liệt kê."""
    found = _agency(agency)
    work_calendar = calendar_for_agency(found)
    if year not in work_calendar.years:
        years = work_calendar.years
        raise HttpError(
            400,
            _("'year': lịch làm việc chỉ tính được các năm %(first)s–%(last)s.")
            % {"first": years.start, "last": years.stop - 1},
        )
    return {
        "agency": found.code,
        "year": year,
        "working_days": sum(1 for d in work_calendar.days_of_year(year) if d.is_working),
        "days": _special_days(work_calendar, year),
    }


def _special_days(work_calendar: WorkCalendar, year: int) -> list[dict[str, Any]]:
    return [
        {
            "date": day.day.isoformat(),
            "kind": day.kind.value,
            "kind_text": day_kind_text(day.kind),
            "working": day.is_working,
            "hours": day_to_json(day.intervals),
            "reason": day.reason,
        }
        for day in work_calendar.days_of_year(year)
        if day.kind not in (DayKind.WORKING, DayKind.WEEKEND)
    ]
