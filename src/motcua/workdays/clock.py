"""Timeliness, pausing the clock, and step budgets: everything measured against a deadline.

Timeliness of a dossier (or a step) finished — or looked at — at instant ``t`` with
deadline ``due``:

- **late** if ``t`` is after ``due`` (even when no working time passed in between, e.g.
  finished at 18:00 on the due day: ``late_minutes`` is then 0);
- **early** if at least one full working day (``calendar.minutes_per_day`` working
  minutes) remained before ``due``;
- **on_time** otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, time
from enum import StrEnum
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from motcua.workdays.durations import Duration
from motcua.workdays.errors import CalendarError, CalendarRangeError

if TYPE_CHECKING:
    from motcua.workdays.engine import WorkCalendar


class TimelinessStatus(StrEnum):
    EARLY = "early"
    ON_TIME = "on_time"
    LATE = "late"

    @property
    def label(self) -> str:
        return {"early": "Trước hạn", "on_time": "Đúng hạn", "late": "Quá hạn"}[self.value]


@dataclass(frozen=True, slots=True)
class Timeliness:
    status: TimelinessStatus
    early_minutes: int
    """Working minutes left before the deadline (0 when late)."""
    late_minutes: int
    """Working minutes past the deadline (0 unless late)."""


def timeliness(*, now_or_finished: datetime, due: datetime, calendar: WorkCalendar) -> Timeliness:
    """Early / on time / late as the module docstring defines them."""
    if now_or_finished > due:
        late = calendar.elapsed(due, now_or_finished)
        return Timeliness(TimelinessStatus.LATE, 0, late)
    left = calendar.elapsed(now_or_finished, due)
    status = (
        TimelinessStatus.EARLY if left >= calendar.minutes_per_day else TimelinessStatus.ON_TIME
    )
    return Timeliness(status, left, 0)


def timeliness_status(
    *, now_or_finished: datetime, due: datetime, calendar: Callable[[], WorkCalendar]
) -> TimelinessStatus:
    """``timeliness(...).status``, asking for the calendar only when it matters: being
    late needs no working minute counted (a list's most urgent rows mostly are)."""
    if now_or_finished > due:
        return TimelinessStatus.LATE
    return timeliness(now_or_finished=now_or_finished, due=due, calendar=calendar()).status


class TimelinessAt:
    """The status of many deadlines looked at the same instant ``now`` on one calendar,
    with no working minute counted per deadline.

    A deadline not yet passed is early exactly when it lies at or after the earliest
    instant one full working day after ``now`` (a deadline earlier than that leaves less
    than a day; one at or after it leaves at least a day, since working time only grows).
    That instant is found once, the first time a deadline is not late."""

    __slots__ = ("_calendar", "_early_from", "_looked_up", "now")

    def __init__(self, now: datetime, calendar: Callable[[], WorkCalendar]) -> None:
        self.now = now
        self._calendar = calendar
        self._early_from: datetime | None = None
        self._looked_up = False

    def status(self, due: datetime) -> TimelinessStatus:
        if self.now > due:
            return TimelinessStatus.LATE
        if not self._looked_up:
            self._early_from = _early_from(self.now, self._calendar())
            self._looked_up = True
        if self._early_from is not None and due >= self._early_from:
            return TimelinessStatus.EARLY
        return TimelinessStatus.ON_TIME


def _early_from(now: datetime, calendar: WorkCalendar) -> datetime | None:
    """One full working day after ``now``; None when the calendar's years end sooner
    (then no deadline it can count to is a day away)."""
    try:
        return calendar.add_working_minutes(now, calendar.minutes_per_day)
    except CalendarRangeError:
        return None


def remaining(*, now: datetime, due: datetime, calendar: WorkCalendar) -> int:
    """Working minutes left until ``due``; negative once it has passed."""
    if now > due:
        return -calendar.elapsed(due, now)
    return calendar.elapsed(now, due)


def apology_deadline(*, due: datetime, calendar: WorkCalendar) -> datetime:
    """The latest instant to issue the apology and new appointment for a deadline that
    will be missed: one full working day before ``due``."""
    return calendar.subtract_working_minutes(due, calendar.minutes_per_day)


# -- pausing -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Pause:
    """The clock stopped at ``paused_at`` (supplement request, financial obligation) and
    resumed at ``resumed_at``; ``None`` while the dossier still waits for the citizen."""

    paused_at: datetime
    resumed_at: datetime | None = None


def paused_working_minutes(
    *, calendar: WorkCalendar, pauses: Sequence[Pause], now: datetime | None = None
) -> int:
    """Working minutes the clock stood still; an open pause counts up to ``now``."""
    total = 0
    previous_end: datetime | None = None
    for number, pause in enumerate(pauses, start=1):
        end = pause.resumed_at
        if end is None:
            if number != len(pauses):
                raise CalendarError(
                    _("Lần tạm dừng thứ %(number)s chưa tiếp tục mà đã có lần sau.")
                    % {"number": number}
                )
            if now is None:
                raise CalendarError(_("Đồng hồ đang tạm dừng: cần thời điểm hiện tại để tính hạn."))
            end = max(now, pause.paused_at)
        if previous_end is not None and pause.paused_at < previous_end:
            raise CalendarError(
                _("Lần tạm dừng thứ %(number)s bắt đầu trước khi lần trước kết thúc.")
                % {"number": number}
            )
        if end < pause.paused_at:
            raise CalendarError(
                _("Lần tạm dừng thứ %(number)s tiếp tục trước khi tạm dừng.") % {"number": number}
            )
        total += calendar.elapsed(pause.paused_at, end)
        previous_end = end
    return total


def pause_shift(
    *,
    calendar: WorkCalendar,
    due: datetime,
    pauses: Sequence[Pause],
    now: datetime | None = None,
) -> datetime:
    """The deadline moved later by exactly the paused working time (several pauses add up)."""
    minutes = paused_working_minutes(calendar=calendar, pauses=pauses, now=now)
    return calendar.add_working_minutes(due, minutes) if minutes else due


@dataclass(frozen=True, slots=True)
class Clock:
    """A dossier's clock: reception, legal duration and its pauses. Immutable: ``pause``
    and ``resume`` return a new Clock, so the caller stores what changed."""

    calendar: WorkCalendar
    received: datetime
    duration: Duration
    cutoff: time | None = None
    pauses: tuple[Pause, ...] = ()

    @property
    def is_paused(self) -> bool:
        return bool(self.pauses) and self.pauses[-1].resumed_at is None

    def pause(self, at: datetime) -> Clock:
        if self.is_paused:
            raise CalendarError(_("Đồng hồ đã đang tạm dừng."))
        return replace(self, pauses=(*self.pauses, Pause(at)))

    def resume(self, at: datetime) -> Clock:
        if not self.is_paused:
            raise CalendarError(_("Đồng hồ không tạm dừng nên không thể tiếp tục."))
        last = self.pauses[-1]
        if at < last.paused_at:
            raise CalendarError(_("Thời điểm tiếp tục trước thời điểm tạm dừng."))
        return replace(self, pauses=(*self.pauses[:-1], Pause(last.paused_at, at)))

    def base_due(self) -> datetime:
        """The deadline as if the clock had never stopped."""
        return self.calendar.due(self.received, self.duration, cutoff=self.cutoff)

    def paused_minutes(self, now: datetime | None = None) -> int:
        return paused_working_minutes(calendar=self.calendar, pauses=self.pauses, now=now)

    def due(self, now: datetime | None = None) -> datetime:
        """The deadline after pauses; while paused, provisional as of ``now``."""
        return pause_shift(calendar=self.calendar, due=self.base_due(), pauses=self.pauses, now=now)


# -- step budgets ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StepBudget:
    name: str
    budget: Duration
    responsible: str = ""
    """The unit or person answerable for the step, as the caller wants it reported."""


@dataclass(frozen=True, slots=True)
class StepResult:
    step: StepBudget
    started: datetime
    due: datetime
    finished: datetime | None
    used_minutes: int
    overrun_minutes: int
    timeliness: Timeliness
    caused_lateness: bool


@dataclass(frozen=True, slots=True)
class StepAttribution:
    steps: tuple[StepResult, ...]
    due: datetime
    late_minutes: int
    culprit: StepResult | None
    """The step that overran its budget the most when the dossier is late (the earliest
    such step on a tie); None when the dossier is not late."""


def attribute_step_lateness(
    *,
    calendar: WorkCalendar,
    start: datetime,
    steps: Sequence[StepBudget],
    handoffs: Sequence[datetime],
    due: datetime | None = None,
    now: datetime | None = None,
) -> StepAttribution:
    """Measure each step against its own budget and say which step made the dossier late.

    Step *i* starts when step *i-1* hands off (the first at ``start``) and is due its
    budget of working time later; ``handoffs[i]`` is when step *i* handed off. A step
    without a hand-off yet is measured up to ``now``. The dossier's deadline is ``due``
    (its legal deadline) or, if not given, the sum of the budgets from ``start``. When
    the last instant measured is after that deadline, every step that overran its budget
    shares the blame (``caused_lateness``) and the biggest overrun is the culprit.
    """
    if len(handoffs) > len(steps):
        raise CalendarError(_("Số lần chuyển bước nhiều hơn số bước của quy trình."))
    if not steps:
        raise CalendarError(_("Quy trình không có bước nào."))
    total = sum(calendar.working_minutes(step.budget) for step in steps)
    deadline = due or calendar.add_working_minutes(calendar.effective_start(start), total)
    measured = _measure_steps(calendar, start, steps, handoffs, now)
    end = measured[-1].finished or now
    late = end is not None and end > deadline
    culprit_index = None
    if late:
        overruns = [result.overrun_minutes for result in measured]
        if max(overruns) > 0:
            culprit_index = overruns.index(max(overruns))
    results = tuple(
        replace(result, caused_lateness=late and result.overrun_minutes > 0) for result in measured
    )
    late_minutes = calendar.elapsed(deadline, end) if late and end is not None else 0
    culprit = results[culprit_index] if culprit_index is not None else None
    return StepAttribution(results, deadline, late_minutes, culprit)


def _measure_steps(
    calendar: WorkCalendar,
    start: datetime,
    steps: Sequence[StepBudget],
    handoffs: Sequence[datetime],
    now: datetime | None,
) -> list[StepResult]:
    results: list[StepResult] = []
    started = start
    for index, step in enumerate(steps):
        finished = handoffs[index] if index < len(handoffs) else None
        if finished is not None and finished < started:
            raise CalendarError(
                _("Bước '%(step)s' chuyển đi trước khi nhận.") % {"step": step.name}
            )
        end = finished or now
        step_due = calendar.due(started, step.budget)
        used = calendar.elapsed(started, end) if end is not None and end >= started else 0
        budget = calendar.working_minutes(step.budget)
        status = timeliness(now_or_finished=end or started, due=step_due, calendar=calendar)
        results.append(
            StepResult(
                step, started, step_due, finished, used, max(0, used - budget), status, False
            )
        )
        if finished is None:
            break
        started = finished
    return results
