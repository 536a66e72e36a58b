"""The declaration form read from JSON Schemas: dates as dd/mm/yyyy, groups and lists."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from motcua.catalog.data.forms import birth_registration, residence_change
from motcua.portal import forms_schema as fs


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_a_date_shown_as_dd_mm_yyyy_reads_back_the_same(day: date) -> None:
    assert fs.parse_date(fs.show_date(day.isoformat())) == day


@given(st.text(max_size=20))
def test_anything_typed_is_either_a_real_date_or_refused(text: str) -> None:
    parsed = fs.parse_date(text)
    assert parsed is None or isinstance(parsed, date)


def test_impossible_dates_are_refused() -> None:
    assert fs.parse_date("31/02/2026") is None
    assert fs.parse_date("29/02/2028") == date(2028, 2, 29)
    assert fs.parse_date("5.3.2026") == date(2026, 3, 5)


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
