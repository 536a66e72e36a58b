"""Early, on time, late: late after the deadline; early with a full working day to spare."""

from __future__ import annotations

import pytest

from motcua.workdays.engine import (
    TimelinessStatus,
    WorkCalendar,
    apology_deadline,
    remaining,
    timeliness,
)
from tests.workdays.conftest import vn

DUE = vn(2027, 3, 8, 17)  # Monday closing


@pytest.mark.parametrize(
    ("finished", "status", "early", "late"),
    [
        (vn(2027, 3, 5, 16, 59), TimelinessStatus.EARLY, 481, 0),
        (vn(2027, 3, 5, 17, 30), TimelinessStatus.EARLY, 480, 0),
        (vn(2027, 3, 8, 7, 1), TimelinessStatus.ON_TIME, 479, 0),
        (DUE, TimelinessStatus.ON_TIME, 0, 0),
        (vn(2027, 3, 8, 18), TimelinessStatus.LATE, 0, 0),
        (vn(2027, 3, 9, 8), TimelinessStatus.LATE, 0, 60),
    ],
)
def test_status_and_working_minutes(
    national: WorkCalendar, finished: object, status: TimelinessStatus, early: int, late: int
) -> None:
    result = timeliness(now_or_finished=finished, due=DUE, calendar=national)  # type: ignore[arg-type]
    assert (result.status, result.early_minutes, result.late_minutes) == (status, early, late)


def test_status_labels_are_vietnamese() -> None:
    assert TimelinessStatus.LATE.label == "Quá hạn"
    assert TimelinessStatus.ON_TIME.label == "Đúng hạn"
    assert TimelinessStatus.EARLY.label == "Trước hạn"


def test_remaining_goes_negative_after_the_deadline(national: WorkCalendar) -> None:
    assert remaining(now=vn(2027, 3, 8, 16), due=DUE, calendar=national) == 60
    assert remaining(now=vn(2027, 3, 9, 7, 30), due=DUE, calendar=national) == -30


@pytest.mark.parametrize(
    ("due", "latest_apology"),
    [
        (vn(2027, 3, 10, 16, 10), vn(2027, 3, 9, 16, 10)),
        (vn(2027, 3, 8, 17), vn(2027, 3, 8, 7)),
        (vn(2027, 3, 8, 10), vn(2027, 3, 5, 10)),
        (vn(2027, 2, 11, 9), vn(2027, 2, 3, 9)),
    ],
)
def test_apology_is_due_one_working_day_before_the_deadline(
    national: WorkCalendar, due: object, latest_apology: object
) -> None:
    assert apology_deadline(due=due, calendar=national) == latest_apology  # type: ignore[arg-type]
