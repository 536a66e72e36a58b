"""A deadline explains itself in the words a clerk would use at the counter."""

from __future__ import annotations

from datetime import date, time

from motcua.workdays.durations import Duration
from motcua.workdays.engine import WorkCalendar
from tests.workdays.conftest import vn

D = Duration.parse


def _by_day(explanation: object) -> dict[date, tuple[str, int, str]]:
    return {d.day: (d.status, d.counted_minutes, d.reason) for d in explanation.days}  # type: ignore[attr-defined]


def test_tet_and_weekend_days_are_skipped_with_their_reasons(national: WorkCalendar) -> None:
    explanation = national.explain(vn(2027, 2, 3, 16, 10), D("5d"))
    days = _by_day(explanation)

    assert days[date(2027, 2, 3)] == ("counted", 50, "từ 16:10")
    assert days[date(2027, 2, 4)][0] == "skipped"
    assert "Tết Nguyên Đán" in days[date(2027, 2, 4)][2]
    assert days[date(2027, 2, 13)] == ("skipped", 0, "Thứ Bảy")
    assert days[date(2027, 2, 14)] == ("skipped", 0, "Chủ nhật")
    assert days[date(2027, 2, 17)] == ("counted", 430, "đến 16:10")
    assert sum(minutes for _, minutes, _ in days.values()) == 5 * 480
    assert explanation.lines()[-1] == "Hạn giải quyết: Thứ Tư 17/02/2027 16:10"


def test_after_cutoff_the_reception_day_says_so(national: WorkCalendar) -> None:
    explanation = national.explain(vn(2027, 3, 1, 15, 1), D("1d"), cutoff=time(15))

    assert "sau 15:00" in explanation.start_reason
    assert _by_day(explanation)[date(2027, 3, 1)][0] == "skipped"
    assert "sau 15:00" in _by_day(explanation)[date(2027, 3, 1)][2]


def test_outside_office_hours_is_named(national: WorkCalendar) -> None:
    explanation = national.explain(vn(2027, 3, 1, 18), D("1d"))
    assert explanation.start_reason == "ngoài giờ làm việc"


def test_received_on_saturday_is_named(national: WorkCalendar) -> None:
    explanation = national.explain(vn(2027, 3, 6, 9), D("1d"))
    assert explanation.start_reason == "nhận vào ngày nghỉ: Thứ Bảy"


def test_swapped_days_read_nghi_bu_and_lam_bu(national: WorkCalendar) -> None:
    days = _by_day(national.explain(vn(2026, 8, 20, 9), D("8d")))
    assert days[date(2026, 8, 22)][0] == "counted"
    assert "làm bù" in days[date(2026, 8, 22)][2]
    assert days[date(2026, 8, 31)][0] == "skipped"
    assert "nghỉ bù" in days[date(2026, 8, 31)][2]


def test_observed_holiday_reads_nghi_bu(national: WorkCalendar) -> None:
    # Hùng Kings 2026 fell on Sunday 26/4; Monday 27/4 is its day in lieu.
    days = _by_day(national.explain(vn(2026, 4, 24, 9), D("2d")))
    assert "nghỉ bù" in days[date(2026, 4, 27)][2]


def test_calendar_days_cite_the_civil_code(national: WorkCalendar) -> None:
    explanation = national.explain(vn(2027, 3, 4, 10), D("3cd"))
    days = _by_day(explanation)

    assert days[date(2027, 3, 4)][0] == "received"
    assert [days[date(2027, 3, d)][0] for d in (5, 6, 7)] == ["calendar"] * 3
    assert days[date(2027, 3, 8)][0] == "moved"
    assert "148" in days[date(2027, 3, 8)][2]
    assert explanation.due == vn(2027, 3, 8, 17)


def test_as_list_is_plain_json(national: WorkCalendar) -> None:
    first = national.explain(vn(2027, 3, 1, 9), D("1d")).as_list()[0]
    assert first["date"] == "2027-03-01"
    assert first["weekday"] == "Thứ Hai"
    assert first["text"] == "Thứ Hai 01/03/2027: tính 6 giờ — từ 09:00"
