"""How long to wait is said in the unit a person would use, and never promises less."""

from __future__ import annotations

import re

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from motcua.core.text import wait_phrase


@pytest.mark.parametrize(
    ("seconds", "said"),
    [
        (0, "1 giây"),
        (45, "45 giây"),
        (59, "59 giây"),
        (60, "1 phút"),
        (61, "2 phút"),
        (718, "12 phút"),
        (3600, "1 giờ"),
        (3601, "1 giờ 1 phút"),
        (5400, "1 giờ 30 phút"),
    ],
)
def test_a_wait_is_said_in_seconds_minutes_or_hours(seconds: int, said: str) -> None:
    assert wait_phrase(seconds) == said


def test_in_english_the_units_take_plurals() -> None:
    with translation.override("en"):
        assert wait_phrase(1) == "1 second"
        assert wait_phrase(718) == "12 minutes"
        assert wait_phrase(3660) == "1 hour 1 minute"


@given(st.integers(min_value=1, max_value=7 * 24 * 3600))
def test_the_phrase_never_promises_less_than_the_wait(seconds: int) -> None:
    said = wait_phrase(seconds)
    units = {"giây": 1, "phút": 60, "giờ": 3600}
    total = sum(int(n) * units[unit] for n, unit in re.findall(r"(\d+) (giây|phút|giờ)", said))
    assert seconds <= total < seconds + 60
