"""Small Vietnamese text helpers: the order lists are read in, and plural counts."""

from __future__ import annotations

import pytest

from motcua.core.templatetags.motcua import plural_count
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
