"""The declaration form read from JSON Schemas: dates as dd/mm/yyyy, groups and lists."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.catalog.data.forms import birth_registration, death_registration, residence_change
from motcua.portal import forms_schema as fs
from motcua.portal.form_values import parse_date, show_date


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_a_date_shown_as_dd_mm_yyyy_reads_back_the_same(day: date) -> None:
    assert parse_date(show_date(day.isoformat())) == day


@given(st.text(max_size=20))
def test_anything_typed_is_either_a_real_date_or_refused(text: str) -> None:
    parsed = parse_date(text)
    assert parsed is None or isinstance(parsed, date)


def test_impossible_dates_are_refused() -> None:
    assert parse_date("31/02/2026") is None
    assert parse_date("29/02/2028") == date(2028, 2, 29)
    assert parse_date("5.3.2026") == date(2026, 3, 5)


def written_ways(day: int, month: int, year: int) -> list[str]:
    """The ways a person writes a date, a phone's digits-only keypad included."""
    d, m, y = f"{day:02d}", f"{month:02d}", f"{year:04d}"
    return [
        f"{d}/{m}/{y}",
        f"{day}/{month}/{y}",
        f"{d}{m}{y}",
        f"{d}-{m}-{y}",
        f"{d}.{m}.{y}",
        f"{d} {m} {y}",
        f" {d} {m} {y} ",
        f"{y}-{m}-{d}",
    ]


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)))
def test_a_date_written_any_usual_way_reads_as_that_date(day: date) -> None:
    for text in written_ways(day.day, day.month, day.year):
        assert parse_date(text) == day, text


@given(st.integers(1, 31), st.integers(1, 12), st.integers(1000, 9999))
def test_a_day_that_does_not_exist_is_refused_however_it_is_written(
    day: int, month: int, year: int
) -> None:
    try:
        date(year, month, day)
    except ValueError:
        for text in written_ways(day, month, year):
            assert parse_date(text) is None, text


def test_a_day_typed_on_a_phone_keypad_is_stored_as_iso_and_shown_as_dd_mm_yyyy() -> None:
    schema = birth_registration()
    sections = fs.sections_of(schema)
    child = [s for s in sections if s.key == "child"]
    declaration, errors = fs.read(child, {"d:child.birth_date": "20112026"}, {})
    assert errors == {}
    assert declaration["child"]["birth_date"] == "2026-11-20"
    fs.fill(child, schema, declaration)
    shown = next(f for f in child[0].fields if f.key == "child.birth_date")
    assert shown.value == "20/11/2026"


@pytest.mark.parametrize("typed", ["31/02/2026", "31022026", "2026-02-31", "20/13/2026"])
def test_a_day_that_does_not_exist_gets_the_usual_message_and_is_kept_as_typed(
    typed: str,
) -> None:
    sections = [s for s in fs.sections_of(birth_registration()) if s.key == "child"]
    declaration, errors = fs.read(sections, {"d:child.birth_date": typed}, {})
    assert errors["child.birth_date"] == (
        "«Ngày, tháng, năm sinh» phải là ngày có thật, viết dạng ngày/tháng/năm, ví dụ 05/03/2026."
    )
    assert declaration["child"]["birth_date"] == typed


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("14:30", "14:30:00+07:00"),
        ("14h30", "14:30:00+07:00"),
        ("1430", "14:30:00+07:00"),
        ("930", "09:30:00+07:00"),
        ("14.30", "14:30:00+07:00"),
        ("14 30", "14:30:00+07:00"),
        ("14h", "14:00:00+07:00"),
    ],
)
def test_a_time_typed_without_a_colon_is_read(typed: str, stored: str) -> None:
    sections = fs.sections_of(death_registration())
    declaration, errors = fs.read(sections, {"d:death_time": typed}, {})
    assert errors == {} and declaration["death_time"] == stored


@pytest.mark.parametrize("typed", ["2460", "25:00", "14", "14:3", "chiều"])
def test_a_time_that_is_not_one_is_refused(typed: str) -> None:
    sections = fs.sections_of(death_registration())
    _, errors = fs.read(sections, {"d:death_time": typed}, {})
    assert errors["death_time"] == "«Giờ chết» phải là giờ:phút, ví dụ 14:30."


def test_birth_form_has_one_step_per_group_and_the_commitment_last() -> None:
    sections = fs.sections_of(birth_registration())
    assert [s.title for s in sections] == [
        "Thông tin chung",
        "Người yêu cầu",
        "Người được khai sinh",
        "Người mẹ",
        "Người cha",
        "Cam đoan",
    ]
    child = sections[2]
    kinds = {f.key: f.kind for f in child.fields}
    assert kinds["child.birth_date"] == "date" and kinds["child.sex"] == "radio"


def test_optional_groups_left_empty_are_not_checked_but_required_ones_are() -> None:
    schema = birth_registration()
    sections = fs.sections_of(schema)
    fs.fill(sections, schema, {})
    declaration, conversion = fs.read(sections, {"d:child.full_name": "AN"}, {})
    errors = fs.check(sections, schema, declaration, conversion)
    assert "child.birth_date" in errors
    assert not any(key.startswith("mother.") for key in errors)
    assert "commitment" in errors


def test_rows_of_a_list_are_read_and_blank_rows_dropped() -> None:
    schema = residence_change()
    sections = fs.sections_of(schema)
    fs.fill(sections, schema, {"members": [{"full_name": "A"}]})
    members = next(s for s in sections if s.key == "members")
    assert len(members.rows) == 2
    declaration, _ = fs.read(
        [members], {"d:members.0.full_name": "A", "d:members.0.birth_date": "01/02/2000"}, {}
    )
    assert declaration == {"members": [{"full_name": "A", "birth_date": "2000-02-01"}]}


def test_a_name_longer_than_the_birth_form_takes_is_refused_with_both_lengths() -> None:
    schema = birth_registration()
    child = [s for s in fs.sections_of(schema) if s.key == "child"]
    name = next(f for f in child[0].fields if f.key == "child.full_name")
    assert name.max_length == 100  # the input's maxlength
    birth_day = next(f for f in child[0].fields if f.key == "child.birth_date")
    assert birth_day.max_length == 0  # not a text
    declaration, errors = fs.read(child, {"d:child.full_name": "A" * 101}, {})
    assert errors["child.full_name"].endswith(
        "không được dài quá 100 ký tự; nội dung nhập dài 101 ký tự."
    )
    assert declaration["child"]["full_name"] == "A" * 101  # kept, so it stays refused
    declaration, errors = fs.read(child, {"d:child.full_name": "A" * 9000}, {})
    assert errors["child.full_name"].endswith("nội dung nhập dài 9.000 ký tự.")
    assert declaration["child"]["full_name"] == "A" * 101  # one past the limit, no more
    declaration, errors = fs.read(child, {"d:child.full_name": "  " + "A" * 100 + " "}, {})
    assert "child.full_name" not in errors
