"""100,000 deadlines over 2020–2030 on one core, checked against the day-by-day walker.

Mixed durations: 0.5–60 working days in half days, 1–40 working hours, some same-day
and calendar-day ones; random reception instants (to the second) with or without a
15:00 cut-off. Prints the engine's rate, the reference's, their ratio, and fails if any
deadline differs or the engine is under 100,000 due dates per second.
"""

from __future__ import annotations

import random
import time as clock
from datetime import datetime, time, timedelta
from decimal import Decimal

from motcua.workdays.durations import Duration
from motcua.workdays.engine import VN_TZ, WorkCalendar
from motcua.workdays.national import national_days
from motcua.workdays.reference import reference_due, reference_elapsed
from motcua.workdays.schedule import build_days

CASES = 100_000
TARGET_PER_SECOND = 100_000
YEARS = range(2019, 2032)  # the starts' years with room on both sides


def national_calendar() -> WorkCalendar:
    holidays, worked = national_days(YEARS)
    days = build_days(
        years=YEARS, office_hours=[], holidays=holidays, worked_weekends=worked, overrides=[]
    )
    return WorkCalendar(days=days)


def make_cases(count: int, seed: int = 20270203) -> list[tuple[datetime, Duration, time | None]]:
    rng = random.Random(seed)
    first = datetime(2020, 1, 1, tzinfo=VN_TZ)
    span = int((datetime(2031, 1, 1, tzinfo=VN_TZ) - first).total_seconds())
    day_durations = [Duration.working_days(Decimal(n) / 2) for n in range(1, 121)]
    hour_durations = [Duration.working_hours(n) for n in range(1, 41)]
    others = [Duration.parse("sd"), *(Duration.parse(f"{n}cd") for n in (1, 3, 7, 15, 30))]
    cases = []
    for _ in range(count):
        start = first + timedelta(seconds=rng.randrange(span))
        pick = rng.random()
        pool = day_durations if pick < 0.8 else hour_durations if pick < 0.95 else others
        cutoff = time(15) if rng.random() < 0.3 else None
        cases.append((start, rng.choice(pool), cutoff))
    return cases


def main() -> int:
    built = clock.perf_counter()
    calendar = national_calendar()
    print(f"calendar {YEARS.start}–{YEARS.stop - 1} built in {clock.perf_counter() - built:.3f}s")
    cases = make_cases(CASES)

    began = clock.perf_counter()
    due = calendar.due
    engine = [due(start, duration, cutoff=cutoff) for start, duration, cutoff in cases]
    engine_seconds = clock.perf_counter() - began
    rate = CASES / engine_seconds
    print(f"engine:    {CASES:,} due dates in {engine_seconds:.3f}s = {rate:,.0f}/s")

    began = clock.perf_counter()
    naive = [reference_due(calendar, s, d, cutoff=c) for s, d, c in cases]
    naive_seconds = clock.perf_counter() - began
    print(
        f"reference: {CASES:,} due dates in {naive_seconds:.3f}s = {CASES / naive_seconds:,.0f}/s"
    )
    print(f"engine / reference speed: {naive_seconds / engine_seconds:.1f}x")

    mismatches = [(c, e, n) for c, e, n in zip(cases, engine, naive, strict=True) if e != n]
    for case, got, want in mismatches[:5]:
        print(f"MISMATCH {case}: engine {got} reference {want}")
    print(f"agreement: {CASES - len(mismatches):,}/{CASES:,} cases")

    elapsed_ok = _check_elapsed(calendar, cases[:10_000], engine[:10_000])
    if mismatches or not elapsed_ok:
        return 1
    if rate < TARGET_PER_SECOND:
        print(f"FAIL: below {TARGET_PER_SECOND:,} due dates per second")
        return 1
    print(f"OK: >= {TARGET_PER_SECOND:,} due dates per second on one core")
    return 0


def _check_elapsed(
    calendar: WorkCalendar,
    cases: list[tuple[datetime, Duration, time | None]],
    dues: list[datetime],
) -> bool:
    began = clock.perf_counter()
    fast = [calendar.elapsed(start, due) for (start, _, _), due in zip(cases, dues, strict=True)]
    fast_seconds = clock.perf_counter() - began
    slow = [reference_elapsed(calendar, s, due) for (s, _, _), due in zip(cases, dues, strict=True)]
    wrong = sum(1 for a, b in zip(fast, slow, strict=True) if a != b)
    print(
        f"elapsed:   {len(cases):,} in {fast_seconds:.3f}s = {len(cases) / fast_seconds:,.0f}/s, "
        f"{len(cases) - wrong:,}/{len(cases):,} agree with the reference"
    )
    return wrong == 0
