"""An agency's own calendar: its office hours, its overrides, and national overrides.

Phường Hoàn Kiếm (commune_agency) is the agency whose calendar we change; Ba Đình
(other_agency) keeps the default and must not see Hoàn Kiếm's changes.
"""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError

from motcua.accounts.models import User
from motcua.audit.models import AuditEvent
from motcua.organizations.models import Agency
from motcua.workdays.durations import Duration
from motcua.workdays.models import AgencyCalendar, CalendarOverride
from motcua.workdays.selectors import calendar_for_agency
from motcua.workdays.services import (
    agency_calendar_delete,
    agency_calendar_save,
    calendar_override_delete,
    calendar_override_save,
)
from tests.workdays.conftest import vn

D = Duration.parse
SATURDAY_MORNINGS = {
    **{str(n): [["07:00", "11:30"], ["13:30", "17:00"]] for n in range(5)},
    "5": [["07:30", "11:30"]],
}

pytestmark = pytest.mark.django_db


def _override(
    agency: Agency | None,
    day: date,
    kind: str,
    hours: list[list[str]] | None = None,
    reason: str = "Quyết định của UBND phường",
) -> CalendarOverride:
    return calendar_override_save(
        override=CalendarOverride(
            agency=agency, date=day, kind=kind, hours=hours or [], reason=reason
        ),
        actor=None,
    )


def test_an_agency_without_a_calendar_keeps_the_default_hours(commune_agency: Agency) -> None:
    calendar = calendar_for_agency(commune_agency)
    assert calendar.minutes_per_day == 480
    assert calendar.due(vn(2027, 3, 1, 7), D("1d")) == vn(2027, 3, 1, 17)
    assert not calendar.day(date(2027, 3, 6)).is_working


def test_saturday_mornings_count(commune_agency: Agency, other_agency: Agency) -> None:
    agency_calendar_save(
        calendar=AgencyCalendar(
            agency=commune_agency, effective_from=date(2026, 1, 1), hours=SATURDAY_MORNINGS
        ),
        actor=None,
    )
    # Friday 16:00 + 1 day: one hour Friday, four on Saturday morning, three on Monday.
    assert calendar_for_agency(commune_agency).due(vn(2027, 3, 5, 16), D("1d")) == vn(
        2027, 3, 8, 10
    )
    assert calendar_for_agency(other_agency).due(vn(2027, 3, 5, 16), D("1d")) == vn(2027, 3, 8, 16)


def test_new_hours_apply_only_from_their_date(commune_agency: Agency) -> None:
    agency_calendar_save(
        calendar=AgencyCalendar(
            agency=commune_agency, effective_from=date(2027, 3, 8), hours=SATURDAY_MORNINGS
        ),
        actor=None,
    )
    calendar = calendar_for_agency(commune_agency)
    assert not calendar.day(date(2027, 3, 6)).is_working
    assert calendar.day(date(2027, 3, 13)).is_working


def test_extra_day_off_is_skipped_with_its_reason(commune_agency: Agency) -> None:
    _override(commune_agency, date(2027, 3, 2), "day_off", reason="Đại hội Đảng bộ phường")

    calendar = calendar_for_agency(commune_agency)

    assert calendar.due(vn(2027, 3, 1, 16), D("1d")) == vn(2027, 3, 3, 16)
    skipped = {d.day: d.reason for d in calendar.explain(vn(2027, 3, 1, 16), D("1d")).days}
    assert skipped[date(2027, 3, 2)] == "Đại hội Đảng bộ phường"


def test_extra_working_day_counts_with_standard_hours(commune_agency: Agency) -> None:
    _override(commune_agency, date(2027, 3, 6), "working_day", reason="Làm việc Thứ Bảy")
    calendar = calendar_for_agency(commune_agency)
    assert calendar.due(vn(2027, 3, 5, 16), D("1d")) == vn(2027, 3, 6, 16)


def test_changed_hours_for_one_day(commune_agency: Agency) -> None:
    _override(
        commune_agency,
        date(2027, 3, 2),
        "changed_hours",
        [["07:00", "11:30"]],
        reason="Chiều nghỉ họp",
    )
    calendar = calendar_for_agency(commune_agency)
    # Monday 13:30 + 8h: 3.5h Monday, 4.5h Tuesday morning — all Tuesday has.
    assert calendar.due(vn(2027, 3, 1, 13, 30), D("1d")) == vn(2027, 3, 2, 11, 30)
    assert calendar.due(vn(2027, 3, 1, 13, 30), D("9h")) == vn(2027, 3, 3, 8)


def test_national_override_applies_to_every_agency(
    commune_agency: Agency, other_agency: Agency
) -> None:
    _override(None, date(2027, 3, 2), "day_off", reason="Nghỉ theo thông báo của Chính phủ")
    for agency in (commune_agency, other_agency):
        assert not calendar_for_agency(agency).day(date(2027, 3, 2)).is_working


def test_agency_override_beats_the_national_one(commune_agency: Agency) -> None:
    _override(None, date(2027, 3, 2), "day_off", reason="Nghỉ toàn quốc")
    _override(commune_agency, date(2027, 3, 2), "working_day", reason="Trực tiếp nhận hồ sơ")
    assert calendar_for_agency(commune_agency).day(date(2027, 3, 2)).is_working


def test_cached_calendar_sees_changes_and_deletions(commune_agency: Agency) -> None:
    before = calendar_for_agency(commune_agency)
    assert calendar_for_agency(commune_agency) is before

    override = _override(commune_agency, date(2027, 3, 2), "day_off")
    changed = calendar_for_agency(commune_agency)
    assert changed is not before
    assert not changed.day(date(2027, 3, 2)).is_working

    override.kind = "changed_hours"
    override.hours = [["08:00", "10:00"]]
    calendar_override_save(override=override, actor=None)
    assert calendar_for_agency(commune_agency).day(date(2027, 3, 2)).working_minutes == 120

    calendar_override_delete(override=override, actor=None)
    assert calendar_for_agency(commune_agency).day(date(2027, 3, 2)).working_minutes == 480


def test_deleting_the_agency_calendar_restores_the_default(commune_agency: Agency) -> None:
    row = agency_calendar_save(
        calendar=AgencyCalendar(
            agency=commune_agency, effective_from=date(2026, 1, 1), hours=SATURDAY_MORNINGS
        ),
        actor=None,
    )
    assert calendar_for_agency(commune_agency).day(date(2027, 3, 6)).is_working
    agency_calendar_delete(calendar=row, actor=None)
    assert not calendar_for_agency(commune_agency).day(date(2027, 3, 6)).is_working


@time_machine.travel(vn(2027, 2, 20, 9), tick=False)
def test_as_of_leaves_out_overrides_announced_later(commune_agency: Agency) -> None:
    announced_today = _override(commune_agency, date(2027, 3, 2), "day_off")
    assert announced_today.effective_from == date(2027, 2, 20)

    promised = calendar_for_agency(commune_agency, as_of=date(2027, 2, 19))
    assert promised.day(date(2027, 3, 2)).is_working
    assert not calendar_for_agency(commune_agency).day(date(2027, 3, 2)).is_working


def test_calendar_with_no_working_time_is_refused(commune_agency: Agency) -> None:
    empty = AgencyCalendar(agency=commune_agency, effective_from=date(2026, 1, 1), hours={})
    with pytest.raises(ValidationError, match="không có giờ làm việc"):
        agency_calendar_save(calendar=empty, actor=None)
    with pytest.raises(ValidationError, match="không có giờ làm việc"):
        empty.save()
    assert not AgencyCalendar.objects.exists()


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        ({"0": [["7:00", "11:30"]]}, "HH:MM"),
        ({"0": [["11:30", "07:00"]]}, "kết thúc sau khi bắt đầu"),
        ({"0": [["07:00", "12:00"], ["11:00", "17:00"]]}, "chồng lên nhau"),
        ({"7": [["07:00", "11:00"]]}, "không phải thứ trong tuần"),
        ({"0": [["07:00", "25:00"]]}, "HH:MM"),
        ([["07:00", "11:00"]], "theo thứ"),
    ],
)
def test_malformed_hours_are_refused_naming_the_problem(
    commune_agency: Agency, hours: object, message: str
) -> None:
    calendar = AgencyCalendar(agency=commune_agency, effective_from=date(2026, 1, 1), hours=hours)
    with pytest.raises(ValidationError, match=message):
        agency_calendar_save(calendar=calendar, actor=None)


def test_changed_hours_need_hours_and_a_day_off_has_none(commune_agency: Agency) -> None:
    with pytest.raises(ValidationError, match="phải có giờ làm việc"):
        _override(commune_agency, date(2027, 3, 2), "changed_hours", [])
    with pytest.raises(ValidationError, match="không có giờ làm việc"):
        _override(commune_agency, date(2027, 3, 2), "day_off", [["07:00", "09:00"]])


def test_one_override_per_agency_and_date(commune_agency: Agency) -> None:
    _override(commune_agency, date(2027, 3, 2), "day_off")
    with pytest.raises(ValidationError):
        _override(commune_agency, date(2027, 3, 2), "working_day")
    _override(None, date(2027, 3, 2), "day_off")
    with pytest.raises(ValidationError):
        _override(None, date(2027, 3, 2), "working_day")


def test_every_change_leaves_an_audit_row(commune_agency: Agency, clerk: User) -> None:
    override = calendar_override_save(
        override=CalendarOverride(
            agency=commune_agency, date=date(2027, 3, 2), kind="day_off", reason="Nghỉ"
        ),
        actor=clerk,
    )
    calendar_override_delete(override=override, actor=clerk)

    actions = list(AuditEvent.objects.values_list("action", "actor__username"))
    assert actions == [
        ("workdays.override_created", "lan.tiepnhan"),
        ("workdays.override_deleted", "lan.tiepnhan"),
    ]
