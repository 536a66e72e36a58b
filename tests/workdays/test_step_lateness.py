"""Each step of the internal process has a budget; lateness goes to the step that overran.

The process: reception 4 hours (Lan), civil-status specialist 16 hours (Minh), signing
by the vice-chairman 8 hours (Hùng); received Monday 1/3/2027 08:00, so the 28 hours
are due Thursday 4/3 at 14:00.
"""

from __future__ import annotations

import pytest

from motcua.workdays.durations import Duration
from motcua.workdays.engine import (
    CalendarError,
    StepBudget,
    TimelinessStatus,
    WorkCalendar,
    attribute_step_lateness,
)
from tests.workdays.conftest import vn

STEPS = [
    StepBudget("Tiếp nhận", Duration.parse("4h"), "Lan – Bộ phận Một cửa"),
    StepBudget("Thẩm định", Duration.parse("16h"), "Minh – chuyên viên"),
    StepBudget("Ký duyệt", Duration.parse("8h"), "Hùng – lãnh đạo"),
]
START = vn(2027, 3, 1, 8)


def test_the_specialist_who_overran_caused_the_lateness(national: WorkCalendar) -> None:
    handoffs = [vn(2027, 3, 1, 11), vn(2027, 3, 4, 11), vn(2027, 3, 4, 16)]

    result = attribute_step_lateness(calendar=national, start=START, steps=STEPS, handoffs=handoffs)

    assert result.due == vn(2027, 3, 4, 14)
    assert result.late_minutes == 120
    assert result.culprit is not None
    assert result.culprit.step.responsible == "Minh – chuyên viên"
    assert [s.overrun_minutes for s in result.steps] == [0, 480, 0]
    assert [s.caused_lateness for s in result.steps] == [False, True, False]
    assert result.steps[1].due == vn(2027, 3, 3, 11)
    assert result.steps[1].timeliness.status is TimelinessStatus.LATE
    assert result.steps[2].timeliness.status is TimelinessStatus.ON_TIME


def test_an_overrun_made_up_later_blames_nobody(national: WorkCalendar) -> None:
    handoffs = [vn(2027, 3, 1, 15), vn(2027, 3, 2, 15), vn(2027, 3, 2, 16)]

    result = attribute_step_lateness(calendar=national, start=START, steps=STEPS, handoffs=handoffs)

    assert result.steps[0].overrun_minutes == 60
    assert result.culprit is None
    assert result.late_minutes == 0
    assert not any(s.caused_lateness for s in result.steps)


def test_two_overruns_share_the_blame_and_the_bigger_is_the_culprit(
    national: WorkCalendar,
) -> None:
    handoffs = [vn(2027, 3, 1, 15), vn(2027, 3, 3, 14), vn(2027, 3, 5, 16)]

    result = attribute_step_lateness(calendar=national, start=START, steps=STEPS, handoffs=handoffs)

    assert [s.overrun_minutes for s in result.steps] == [60, 0, 600]
    assert [s.caused_lateness for s in result.steps] == [True, False, True]
    assert result.culprit is result.steps[2]


def test_a_step_still_open_is_measured_until_now_against_the_legal_due(
    national: WorkCalendar,
) -> None:
    result = attribute_step_lateness(
        calendar=national,
        start=START,
        steps=STEPS,
        handoffs=[vn(2027, 3, 1, 9)],
        due=vn(2027, 3, 3, 17),
        now=vn(2027, 3, 4, 9),
    )

    assert len(result.steps) == 2
    assert result.steps[1].finished is None
    assert result.steps[1].used_minutes == 24 * 60
    assert result.culprit is result.steps[1]
    assert result.late_minutes == 120


def test_handoffs_out_of_order_are_refused(national: WorkCalendar) -> None:
    with pytest.raises(CalendarError, match="Thẩm định"):
        attribute_step_lateness(
            calendar=national,
            start=START,
            steps=STEPS,
            handoffs=[vn(2027, 3, 2, 9), vn(2027, 3, 1, 9)],
        )


def test_more_handoffs_than_steps_are_refused(national: WorkCalendar) -> None:
    with pytest.raises(CalendarError):
        attribute_step_lateness(
            calendar=national, start=START, steps=STEPS[:1], handoffs=[START, START]
        )
