"""Small Vietnamese text helpers: the order lists are read in, plural counts and plain
numbers."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from motcua.core.templatetags.motcua import plain_number, plural_count
from motcua.core.text import hours_and_minutes, sort_key


def test_vietnamese_order_puts_d_bar_among_the_d_s_not_after_z() -> None:
    names = ["Đăng ký khai sinh", "Xác nhận", "Cấp bản sao", "Chứng thực", "Dịch vụ", "Thủ tục"]
    assert sorted(names, key=sort_key) == [
        "Cấp bản sao",
        "Chứng thực",
        "Dịch vụ",
        "Đăng ký khai sinh",
        "Thủ tục",
        "Xác nhận",
    ]


@pytest.mark.parametrize(
    ("amount", "count"), [(1, 1), ("1.00", 1), (0.5, 2), (1.5, 2), (4, 4), (0, 0), (None, 0)]
)
def test_an_amount_with_a_fraction_counts_as_plural(amount: object, count: int) -> None:
    assert plural_count(amount) == count


@pytest.mark.parametrize(
    ("amount", "vietnamese", "english"),
    [
        (Decimal("0.50"), "0,5", "0.5"),
        (Decimal("2.00"), "2", "2"),
        (Decimal("10"), "10", "10"),
        (Decimal("1.25"), "1,25", "1.25"),
        (4, "4", "4"),
        (0.5, "0,5", "0.5"),
    ],
)
def test_a_plain_number_has_no_trailing_zeros_and_the_language_s_separator(
    amount: object, vietnamese: str, english: str
) -> None:
    with translation.override("vi"):
        assert plain_number(amount) == vietnamese
    with translation.override("en"):
        assert plain_number(amount) == english


@given(st.decimals(min_value=0, max_value=10_000, places=2, allow_nan=False))
def test_a_plain_number_reads_back_as_the_same_amount(amount: Decimal) -> None:
    with translation.override("vi"):
        written = plain_number(amount)
    assert Decimal(written.replace(",", ".")) == amount
    assert not ("," in written and written.endswith("0"))


@pytest.mark.parametrize(
    ("minutes", "english", "vietnamese"),
    [
        (0, "0 minutes", "0 phút"),
        (1, "1 minute", "1 phút"),
        (45, "45 minutes", "45 phút"),
        (60, "1 hour", "1 giờ"),
        (61, "1 hour 1 minute", "1 giờ 1 phút"),
        (90, "1 hour 30 minutes", "1 giờ 30 phút"),
        (120, "2 hours", "2 giờ"),
        (150, "2 hours 30 minutes", "2 giờ 30 phút"),
    ],
)
def test_minutes_are_said_in_hours_and_minutes_in_the_reader_s_language(
    minutes: int, english: str, vietnamese: str
) -> None:
    with translation.override("en"):
        assert hours_and_minutes(minutes) == english
    with translation.override("vi"):
        assert hours_and_minutes(minutes) == vietnamese


_ENGLISH_TIME = re.compile(r"^(?:(\d+) hours?(?: |$))?(?:(\d+) minutes?)?$")


@given(st.integers(0, 10_000))
def test_english_hours_and_minutes_read_back_as_the_same_minutes(minutes: int) -> None:
    with translation.override("en"):
        written = hours_and_minutes(minutes)
    match = _ENGLISH_TIME.match(written)
    assert match is not None and written, written
    hours, rest = int(match.group(1) or 0), int(match.group(2) or 0)
    assert hours * 60 + rest == minutes
    assert rest < 60
    for amount, unit in re.findall(r"(\d+) (\w+)", written):
        assert unit.endswith("s") == (amount != "1"), written
