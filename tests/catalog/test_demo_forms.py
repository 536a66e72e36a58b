"""The demo declaration forms say what their schemas do: which blocks may stay empty,
which field a filled-in block needs, and how to write a date in words."""

from __future__ import annotations

import json
from typing import Any

import pytest

from motcua.catalog.data.build_demo_catalog import OUTPUT
from motcua.catalog.data.forms import (
    birth_registration,
    death_registration,
    marriage_registration,
)
from motcua.portal import forms_schema as fs

FORMS = [birth_registration, death_registration, marriage_registration]


def demo_schemas() -> list[dict[str, Any]]:
    catalog = json.loads(OUTPUT.read_text(encoding="utf-8"))
    return [
        version["declaration_schema"]
        for procedure in catalog["procedures"]
        for version in procedure["versions"]
        if version["declaration_schema"]
    ]


def problems(schema: dict[str, Any], posted: dict[str, str]) -> dict[str, str]:
    sections = fs.sections_of(schema)
    fs.fill(sections, schema, {})
    declaration, conversion = fs.read(sections, posted, {})
    return fs.check(sections, schema, declaration, conversion)


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.__name__)
def test_the_demo_catalog_carries_the_form_as_written(form: Any) -> None:
    assert form() in demo_schemas(), "rebuild demo_catalog.json (see build_demo_catalog.py)"


@pytest.mark.parametrize(("key", "who"), [("mother", "người mẹ"), ("father", "người cha")])
def test_a_parent_block_may_stay_empty_and_says_that_a_filled_one_needs_the_name(
    key: str, who: str
) -> None:
    schema = birth_registration()
    block = schema["properties"][key]
    hint = block["description"]
    # An abandoned child's birth is registered without knowing either parent.
    assert key not in schema["required"]
    assert "để trống cả phần này" in hint.lower()
    assert f"chưa xác định được {who}" in hint
    assert block["required"] == ["full_name"] and "họ, chữ đệm, tên" in hint

    assert not any(k.startswith(f"{key}.") for k in problems(schema, {}))
    filled = problems(schema, {f"d:{key}.birth_year": "1995"})
    assert f"{key}.full_name" in filled


def test_the_mother_is_asked_for_unless_she_is_not_established() -> None:
    hint = birth_registration()["properties"]["mother"]["description"]
    assert hint.startswith("Ghi thông tin của người mẹ")
    assert "Chỉ để trống" in hint and "trẻ bị bỏ rơi" in hint


def test_the_birth_date_in_words_example_is_correct_vietnamese() -> None:
    from datetime import date

    from motcua.core.date_words import date_in_words

    child = birth_registration()["properties"]["child"]["properties"]
    hint = " ".join(child["birth_date_in_words"]["description"].split())
    assert hint.startswith("Để trống để hệ thống tự ghi theo ngày sinh.")
    assert hint.endswith(f"ví dụ: {date_in_words(date(2026, 11, 20))}.")


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.__name__)
def test_the_copies_hint_matches_a_field_that_starts_empty(form: Any) -> None:
    schema = form()
    copies = schema["properties"]["copies_requested"]
    assert "default" not in copies
    assert copies["description"].startswith("Bỏ trống nếu không cần bản sao")
    sections = fs.sections_of(schema)
    fs.fill(sections, schema, {})
    [field] = [f for s in sections for f in s.fields if f.key == "copies_requested"]
    assert field.value == ""
    assert "copies_requested" not in problems(schema, {"d:copies_requested": ""})
    assert "copies_requested" not in problems(schema, {"d:copies_requested": "0"})


def test_names_are_written_in_capitals_for_the_citizen() -> None:
    schema = birth_registration()
    # Typed in any case, read in capitals, accents kept: the template writes names so.
    sections = fs.sections_of(schema)
    fs.fill(sections, schema, {})
    declaration, conversion = fs.read(sections, {"d:mother.full_name": "nguyễn thị hoa"}, {})
    assert declaration["mother"]["full_name"] == "NGUYỄN THỊ HOA"
    assert conversion == {}
    mother = schema["properties"]["mother"]["properties"]["full_name"]
    assert mother["x-upper"] is True and "in hoa" in mother["description"]


def test_a_name_filled_in_from_the_account_is_in_capitals_too() -> None:
    from django.test import RequestFactory

    from motcua.catalog.data.forms import death_registration
    from motcua.portal.dossier_views import _prefill

    class Version:
        declaration_schema = death_registration()

    class Agency:
        name = "UBND phường Hoàn Kiếm"

    from motcua.accounts.models import User

    person = User(full_name="Nguyễn Thị Hoa", identity_number="001190012345")
    request = RequestFactory().get("/")
    request.user = person
    filled = _prefill(Version(), Agency(), request)  # type: ignore[arg-type]
    assert filled["requester"]["full_name"] == "NGUYỄN THỊ HOA"
    assert filled["requester"]["identity_number"] == "001190012345"
