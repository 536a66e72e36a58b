"""Working time in the reader's words: English for a reader who chose it, and for
everyone else exactly the Vietnamese the slips print."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from motcua.workdays.durations import Duration, DurationUnit
from motcua.workdays.schedule import DayKind
from motcua.workdays.wording import day_kind_text, duration_text

durations = st.one_of(
    st.integers(1, 5220).map(lambda n: Duration.working_days(Decimal(n) / 2)),
    st.integers(1, 4000).map(lambda n: Duration.working_hours(Decimal(n) * Decimal("0.05"))),
    st.integers(1, 3653).map(lambda n: Duration(Decimal(n), DurationUnit.CALENDAR_DAYS)),
    st.just(Duration.parse("sd")),
)


@given(durations)
def test_in_vietnamese_a_duration_reads_as_the_slips_print_it(duration: Duration) -> None:
    with translation.override("vi"):
        assert duration_text(duration) == duration.describe()


@pytest.mark.parametrize(
    ("written", "english", "vietnamese"),
    [
        ("5d", "5 working days", "5 ngày làm việc"),
        ("1d", "1 working day", "1 ngày làm việc"),
        ("0.5d", "0.5 working days", "0,5 ngày làm việc"),
        ("4h", "4 working hours", "4 giờ làm việc"),
        ("1h", "1 working hour", "1 giờ làm việc"),
        ("10cd", "10 calendar days", "10 ngày"),
        ("sd", "Within the same working day", "Trong ngày làm việc"),
    ],
)
def test_a_duration_in_english(written: str, english: str, vietnamese: str) -> None:
    duration = Duration.parse(written)
    with translation.override("en"):
        assert duration_text(duration) == english
    with translation.override("vi"):
        assert duration_text(duration) == vietnamese


@pytest.mark.parametrize(
    ("kind", "english", "vietnamese"),
    [
        (DayKind.WORKING, "working day", "ngày làm việc"),
        (DayKind.WEEKEND, "weekly day off", "ngày nghỉ hằng tuần"),
        (DayKind.HOLIDAY, "public holiday or Tết", "ngày nghỉ lễ, Tết"),
        (DayKind.DAY_OFF, "day off", "ngày nghỉ"),
        (DayKind.EXTRA_WORKING, "make-up working day", "ngày làm việc bù"),
        (DayKind.CHANGED_HOURS, "day with changed working hours", "ngày đổi giờ làm việc"),
    ],
)
def test_each_kind_of_day_has_english_words(kind: DayKind, english: str, vietnamese: str) -> None:
    with translation.override("en"):
        assert day_kind_text(kind) == english
    with translation.override("vi"):
        assert day_kind_text(kind) == vietnamese
    assert kind.label == vietnamese  # the value's own words stay Vietnamese
