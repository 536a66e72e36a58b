"""Properties of the engine, on the national calendar and on randomly drawn agency calendars,
checked against the day-by-day reference walker."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua.workdays.clock import TimelinessAt, TimelinessStatus, timeliness, timeliness_status
from motcua.workdays.durations import Duration, DurationUnit
from motcua.workdays.engine import VN_TZ, Pause, WorkCalendar, pause_shift, paused_working_minutes
from motcua.workdays.hours import DayHours, WeekHours
from motcua.workdays.reference import reference_due, reference_elapsed
from motcua.workdays.schedule import DayOverride, OfficeHours, OverrideKind
from tests.workdays.conftest import make_calendar, national_calendar

FIRST = datetime(2020, 1, 1, tzinfo=VN_TZ)
SPAN = int((datetime(2031, 1, 1, tzinfo=VN_TZ) - FIRST).total_seconds())

starts = st.integers(0, SPAN - 1).map(lambda s: FIRST + timedelta(seconds=s))
working_durations = st.one_of(
    st.integers(1, 120).map(lambda n: Duration.working_days(Decimal(n) / 2)),
    st.integers(1, 800).map(lambda n: Duration.working_hours(Decimal(n) * Decimal("0.05"))),
)
any_durations = st.one_of(
    working_durations,
    st.just(Duration.parse("sd")),
    st.integers(1, 60).map(lambda n: Duration(Decimal(n), DurationUnit.CALENDAR_DAYS)),
)
# No timing thresholds: a slow CI machine must not turn a correct property red.
no_deadline = settings(deadline=None)

cutoffs = st.one_of(st.none(), st.builds(time, st.integers(8, 16), st.sampled_from([0, 30])))


@no_deadline
@given(start=starts, duration=working_durations)
def test_elapsed_from_start_to_due_is_the_duration(start: datetime, duration: Duration) -> None:
    calendar = national_calendar()
    due = calendar.due(start, duration)
    assert calendar.elapsed(start, due) == duration.working_minutes(calendar.minutes_per_day)


@no_deadline
@given(a=starts, b=starts, duration=any_durations, cutoff=cutoffs)
def test_due_is_monotonic_in_start(
    a: datetime, b: datetime, duration: Duration, cutoff: time | None
) -> None:
    calendar = national_calendar()
    early, late = sorted([a, b])
    assert calendar.due(early, duration, cutoff=cutoff) <= calendar.due(
        late, duration, cutoff=cutoff
    )


@no_deadline
@given(start=starts, a=working_durations, b=working_durations, cutoff=cutoffs)
def test_due_is_monotonic_in_duration(
    start: datetime, a: Duration, b: Duration, cutoff: time | None
) -> None:
    calendar = national_calendar()
    short, long = sorted([a, b], key=lambda d: d.working_minutes() or 0)
    assert calendar.due(start, short, cutoff=cutoff) <= calendar.due(start, long, cutoff=cutoff)


@no_deadline
@given(
    start=starts,
    duration=working_durations,
    gaps=st.lists(st.tuples(st.integers(0, 20 * 86400), st.integers(0, 20 * 86400)), max_size=4),
)
def test_paused_deadline_moves_by_exactly_the_paused_working_time(
    start: datetime, duration: Duration, gaps: list[tuple[int, int]]
) -> None:
    calendar = national_calendar()
    pauses, cursor = [], start
    for wait, length in gaps:
        paused_at = cursor + timedelta(seconds=wait)
        cursor = paused_at + timedelta(seconds=length)
        pauses.append(Pause(paused_at, cursor))
    unpaused = calendar.due(start, duration)

    paused = pause_shift(calendar=calendar, due=unpaused, pauses=pauses)

    def walked(pause: Pause) -> int:
        assert pause.resumed_at is not None  # every pause drawn here has resumed
        return reference_elapsed(calendar, pause.paused_at, pause.resumed_at)

    paused_minutes = paused_working_minutes(calendar=calendar, pauses=pauses)
    assert calendar.elapsed(unpaused, paused) == paused_minutes
    assert paused_minutes == sum(walked(p) for p in pauses)


@no_deadline
@given(start=starts, duration=any_durations, cutoff=cutoffs)
def test_engine_agrees_with_the_reference_walker(
    start: datetime, duration: Duration, cutoff: time | None
) -> None:
    calendar = national_calendar()
    assert calendar.due(start, duration, cutoff=cutoff) == reference_due(
        calendar, start, duration, cutoff=cutoff
    )


# -- random agency calendars ---------------------------------------------------------

_HALF_HOURS = st.integers(0, 48).map(lambda n: n * 1800)


@st.composite
def day_hours(draw: st.DrawFn, *, allow_empty: bool = True) -> DayHours:
    marks = sorted(draw(st.sets(_HALF_HOURS, min_size=0 if allow_empty else 2, max_size=6)))
    if len(marks) % 2:
        marks = marks[:-1]
    return tuple((marks[i], marks[i + 1]) for i in range(0, len(marks), 2))


@st.composite
def agency_calendars(draw: st.DrawFn) -> WorkCalendar:
    week: WeekHours = tuple(draw(day_hours()) for _ in range(7))
    if not any(week):
        week = (draw(day_hours(allow_empty=False)), *week[1:])
    overrides = [
        DayOverride(day, kind, "quyết định của cơ quan", hours)
        for day, kind, hours in draw(
            st.lists(
                st.tuples(
                    st.dates(date(2026, 1, 1), date(2027, 12, 31)),
                    st.sampled_from(list(OverrideKind)),
                    day_hours(allow_empty=False),
                ),
                max_size=8,
            )
        )
    ]
    overrides = [
        o if o.kind is not OverrideKind.DAY_OFF else DayOverride(o.day, o.kind, o.reason)
        for o in overrides
    ]
    minutes = draw(st.integers(30, 720))
    return make_calendar(
        years=range(2026, 2029),
        office_hours=[OfficeHours(date(2026, 1, 1), week, minutes)],
        overrides=overrides,
        minutes_per_day=minutes,
    )


agency_starts = st.integers(0, 365 * 86400).map(
    lambda s: datetime(2026, 1, 1, tzinfo=VN_TZ) + timedelta(seconds=s)
)
short_durations = st.one_of(
    st.integers(1, 20).map(lambda n: Duration.working_days(Decimal(n) / 2)),
    st.integers(1, 200).map(lambda n: Duration.working_hours(Decimal(n) * Decimal("0.05"))),
    st.just(Duration.parse("sd")),
    st.integers(1, 40).map(lambda n: Duration(Decimal(n), DurationUnit.CALENDAR_DAYS)),
)


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=60, deadline=None)
@given(calendar=agency_calendars(), start=agency_starts, duration=short_durations, cutoff=cutoffs)
def test_any_agency_calendar_agrees_with_the_reference(
    calendar: WorkCalendar, start: datetime, duration: Duration, cutoff: time | None
) -> None:
    due = calendar.due(start, duration, cutoff=cutoff)
    assert due == reference_due(calendar, start, duration, cutoff=cutoff)
    assert calendar.elapsed(start, due) == reference_elapsed(calendar, start, due)
    if duration.unit in (DurationUnit.WORKING_DAYS, DurationUnit.WORKING_HOURS) and cutoff is None:
        assert calendar.elapsed(start, due) == duration.working_minutes(calendar.minutes_per_day)


@no_deadline
@given(end=starts, minutes=st.integers(0, 60 * 480))
def test_subtracting_working_time_is_exact_and_latest(end: datetime, minutes: int) -> None:
    calendar = national_calendar()
    begin = calendar.subtract_working_minutes(end, minutes)
    assert calendar.elapsed(begin, end) == minutes
    if minutes:
        assert calendar.elapsed(begin + timedelta(seconds=1), end) < minutes


@no_deadline
@given(at=starts, gap=st.integers(-10 * 86_400, 10 * 86_400))
def test_timeliness_status_is_the_rule_and_reads_the_calendar_only_when_not_late(
    at: datetime, gap: int
) -> None:
    """Late when looked at after the deadline, whatever the calendar; otherwise early
    with at least a working day to spare, by the day-by-day walker."""
    due = at + timedelta(seconds=gap)
    calendar = national_calendar()
    asked: list[int] = []

    def calendar_asked() -> WorkCalendar:
        asked.append(1)
        return calendar

    status = timeliness_status(now_or_finished=at, due=due, calendar=calendar_asked)
    if at > due:
        assert status == TimelinessStatus.LATE and asked == []
    else:
        spare = reference_elapsed(calendar, at, due)
        expected = (
            TimelinessStatus.EARLY
            if spare >= calendar.minutes_per_day
            else TimelinessStatus.ON_TIME
        )
        assert status == expected and asked == [1]
    assert status == timeliness(now_or_finished=at, due=due, calendar=calendar).status


@no_deadline
@given(at=starts, gaps=st.lists(st.integers(-10 * 86_400, 10 * 86_400), min_size=1, max_size=8))
def test_many_deadlines_judged_at_one_instant_are_judged_as_each_alone(
    at: datetime, gaps: list[int]
) -> None:
    """One working-day count for a list gives every row the status ``timeliness`` gives
    it alone, and reads the calendar at most once."""
    calendar = national_calendar()
    asked: list[int] = []

    def calendar_asked() -> WorkCalendar:
        asked.append(1)
        return calendar

    judge = TimelinessAt(at, calendar_asked)
    for gap in gaps:
        due = at + timedelta(seconds=gap)
        expected = timeliness(now_or_finished=at, due=due, calendar=calendar).status
        assert judge.status(due) == expected
    assert len(asked) == (0 if all(gap < 0 for gap in gaps) else 1)


def test_near_the_calendars_end_no_deadline_is_a_day_away() -> None:
    # A working day after ``last`` lies past the calendar's years: nothing is early then.
    calendar = national_calendar()
    end = datetime(calendar.years.stop - 1, 12, 31, 23, 0, tzinfo=VN_TZ)
    last = calendar.subtract_working_minutes(end, 60)
    due = last + timedelta(minutes=30)
    judge = TimelinessAt(last, lambda: calendar)
    assert judge.status(due) == TimelinessStatus.ON_TIME
    assert timeliness(now_or_finished=last, due=due, calendar=calendar).status == (
        TimelinessStatus.ON_TIME
    )


@no_deadline
@given(at=starts.filter(lambda s: s.year < 2030))
def test_a_deadline_exactly_one_working_day_away_is_early_and_a_second_less_is_not(
    at: datetime,
) -> None:
    calendar = national_calendar()
    day_after = calendar.add_working_minutes(at, calendar.minutes_per_day)
    judge = TimelinessAt(at, lambda: calendar)
    for due, expected in [
        (day_after, TimelinessStatus.EARLY),
        (day_after - timedelta(seconds=1), TimelinessStatus.ON_TIME),
    ]:
        assert judge.status(due) == expected
        assert timeliness(now_or_finished=at, due=due, calendar=calendar).status == expected
