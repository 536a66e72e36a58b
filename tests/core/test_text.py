"""Small Vietnamese text helpers: the order lists are read in, plural counts and plain
numbers."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from motcua.core.templatetags.motcua import plain_number, plural_count
from motcua.core.text import sort_key


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
