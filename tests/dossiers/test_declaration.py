"""Declaration checks beyond plain JSON Schema: dates of past events cannot be in the future."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine

from motcua.dossiers.errors import InvalidInput
from motcua.dossiers.services.declaration import declaration_validate

SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "child": {
            "type": "object",
            "properties": {
                "birth_date": {
                    "type": "string",
                    "format": "date",
                    "x-past": True,
                    "title": "Ngày, tháng, năm sinh",
                }
            },
        },
        "appointment": {"type": "string", "format": "date", "title": "Ngày hẹn"},
    },
}


@time_machine.travel("2026-11-18 23:30 +0700", tick=False)  # 16:30 UTC: still the 18th here
@pytest.mark.parametrize("day", ["2026-11-18", "2026-11-17", "1950-01-01"])
def test_today_and_earlier_are_accepted(day: str) -> None:
    declaration_validate({"child": {"birth_date": day}}, SCHEMA)


@time_machine.travel("2026-11-18 23:30 +0700", tick=False)
def test_a_birth_tomorrow_is_refused_and_named() -> None:
    with pytest.raises(InvalidInput) as refused:
        declaration_validate({"child": {"birth_date": "2026-11-19"}}, SCHEMA)
    assert refused.value.field == "declaration.child.birth_date"
    assert str(refused.value) == "«Ngày, tháng, năm sinh» không được sau ngày hôm nay."


@time_machine.travel("2026-11-18 09:00 +0700", tick=False)
def test_dates_without_the_keyword_may_be_in_the_future() -> None:
    declaration_validate({"appointment": "2027-01-01"}, SCHEMA)


def test_every_demo_date_field_is_a_past_event() -> None:
    from motcua.catalog.data.build_demo_catalog import OUTPUT

    text = OUTPUT.read_text(encoding="utf-8")
    assert text.count('"format": "date"') == text.count('"x-past": true') > 0
