"""Dates in Vietnamese words: written as the civil-status papers write them, and read
back however a person wrote them."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.core.date_words import date_in_words, number_words, parse_date_words, parse_number
from motcua.core.text import tokens


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (1, "một"),
        (10, "mười"),
        (15, "mười lăm"),
        (21, "hai mươi mốt"),
        (24, "hai mươi tư"),
        (25, "hai mươi lăm"),
        (30, "ba mươi"),
        (1990, "một nghìn chín trăm chín mươi"),
        (2000, "hai nghìn"),
        (2005, "hai nghìn không trăm linh năm"),
        (2010, "hai nghìn không trăm mười"),
        (2026, "hai nghìn không trăm hai mươi sáu"),
    ],
)
def test_numbers_are_written_as_papers_write_them(n: int, words: str) -> None:
    assert number_words(n) == words


def test_the_form_s_example_date() -> None:
    assert date_in_words(date(2026, 11, 20)) == (
        "Ngày hai mươi tháng mười một năm hai nghìn không trăm hai mươi sáu"
    )


@given(st.integers(min_value=0, max_value=9999))
def test_every_number_reads_back(n: int) -> None:
    assert parse_number(tokens(number_words(n))) == n


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_every_date_reads_back_with_or_without_accents(day: date) -> None:
    words = date_in_words(day)
    assert parse_date_words(words) == day
    assert parse_date_words(words.upper() + ".") == day


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Ngày mùng năm tháng năm năm hai ngàn lẻ năm", date(2005, 5, 5)),
        ("ngay 5 thang 3 nam 2026", date(2026, 3, 5)),
        (
            "Ngày hai mươi bốn, tháng giêng, năm hai nghìn không trăm hai mươi sáu",
            date(2026, 1, 24),
        ),
        ("Ngày ba mươi tháng hai năm hai nghìn", None),  # no such day
        ("hai mươi tháng mười một", None),
        ("Ngày mười tháng mười hai năm hai nghìn", date(2000, 12, 10)),
    ],
)
def test_what_people_write_is_read(text: str, day: date | None) -> None:
    assert parse_date_words(text) == day
