"""Whatever a file holds, reading it either gives a catalog or a list of problems."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from motcua.catalog.io import CatalogFileError, read_catalog
from motcua.catalog.io import fields as f
from tests.catalog.io_helpers import demo_bytes

# One procedure is enough to reach every reader; the whole demo file would make each
# example read 38 JSON Schemas.
_demo = json.loads(demo_bytes())
DEMO = {**_demo, "procedures": _demo["procedures"][:2]}

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)


def reads_or_explains(content: bytes) -> None:
    problems: list[str] = []
    try:
        read_catalog(content)
    except CatalogFileError as exc:
        problems = exc.lines() or ["(trống)"]
    assert all(p.strip() for p in problems)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=4096))
def test_arbitrary_bytes_never_crash_the_reader(content: bytes) -> None:
    reads_or_explains(content)


@settings(max_examples=100, deadline=None)
@given(
    procedure=st.integers(0, 1),
    key=st.sampled_from(
        ["name", "level", "is_demo", "abolished_on", "replaced_by", "versions", "code"]
    ),
    value=json_values,
)
def test_any_json_value_in_a_procedure_field_is_read_or_explained(
    procedure: int, key: str, value: Any
) -> None:
    document = json.loads(json.dumps(DEMO))
    document["procedures"][procedure][key] = value

    reads_or_explains(json.dumps(document).encode())


@settings(max_examples=100, deadline=None)
@given(
    key=st.sampled_from(
        [
            "duration",
            "cutoff_time",
            "results",
            "declaration_schema",
            "channel_durations",
            "effective_from",
            "published_at",
            "number",
            "fees",
            "steps",
            "documents",
        ]
    ),
    value=json_values,
)
@example(key="number", value=float("inf"))
def test_any_json_value_in_a_version_field_is_read_or_explained(key: str, value: Any) -> None:
    document = json.loads(json.dumps(DEMO))
    document["procedures"][1]["versions"][0][key] = value

    reads_or_explains(json.dumps(document).encode())


@given(st.decimals(min_value="0.25", max_value="9999", places=2))
def test_working_hours_read_back_from_excel_numbers_and_vietnamese_text(value: Any) -> None:
    assert f.hours(float(value)) == value
    assert f.hours(str(value).replace(".", ",")) == value


@pytest.mark.parametrize(
    "value", [float("inf"), float("-inf"), float("nan"), Decimal("Infinity"), Decimal("NaN")]
)
def test_a_number_with_no_integer_is_explained_not_a_crash(value: Any) -> None:
    # JSON read by Python admits Infinity and NaN; a version number of Infinity crashed.
    with pytest.raises(f.FieldError, match="số nguyên"):
        f.integer()(value)
