from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from motcua.core.validators import (
    IDENTITY_PROVINCE_CODES,
    identity_birth_year,
    validate_agency_code,
    validate_identity_number,
    validate_procedure_code,
)

TODAY = date(2026, 11, 23)


@st.composite
def identity_numbers(draw: st.DrawFn) -> str:
    province = draw(st.sampled_from(sorted(IDENTITY_PROVINCE_CODES)))
    year = draw(st.integers(1900, 2026))
    gender = draw(st.integers(0, 1))
    century_digit = (0 if year < 2000 else 2) + gender
    serial = draw(st.integers(0, 999_999))
    return f"{province}{century_digit}{year % 100:02d}{serial:06d}"


@given(identity_numbers())
def test_well_formed_identity_numbers_are_accepted(number: str) -> None:
    validate_identity_number(number, today=TODAY)
    assert 1900 <= identity_birth_year(number) <= 2026


@given(st.text(max_size=20).filter(lambda s: not (len(s) == 12 and s.isascii() and s.isdigit())))
def test_anything_but_twelve_digits_is_refused(text: str) -> None:
    with pytest.raises(ValidationError, match="12 chữ số"):
        validate_identity_number(text, today=TODAY)


@given(identity_numbers(), st.sampled_from(["000", "003", "050", "097", "999"]))
def test_unknown_province_code_is_refused(number: str, province: str) -> None:
    with pytest.raises(ValidationError, match="mã tỉnh"):
        validate_identity_number(province + number[3:], today=TODAY)


@pytest.mark.parametrize("digit", ["8", "9"])
def test_unused_century_digits_are_refused(digit: str) -> None:
    with pytest.raises(ValidationError, match="thế kỷ"):
        validate_identity_number(f"001{digit}90123456", today=TODAY)


def test_birth_year_in_the_future_is_refused() -> None:
    with pytest.raises(ValidationError, match="tương lai"):
        validate_identity_number("001227123456", today=TODAY)  # born 2027


@given(
    st.lists(
        st.text("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=5),
        min_size=1,
        max_size=5,
    )
)
def test_dotted_groups_of_digits_and_capitals_are_agency_codes(groups: list[str]) -> None:
    code = ".".join(groups)
    if len(code) <= 35:
        validate_agency_code(code)
    else:
        with pytest.raises(ValidationError, match="35"):
            validate_agency_code(code)


@pytest.mark.parametrize(
    "code", ["", "000.00.00.h56", "000..00", ".000", "000.", "000 00", "Đ00.00", "A" * 36]
)
def test_malformed_agency_codes_are_refused(code: str) -> None:
    with pytest.raises(ValidationError):
        validate_agency_code(code)


@pytest.mark.parametrize("code", ["1.001193", "2.000815", "3.000722"])
def test_national_procedure_codes(code: str) -> None:
    validate_procedure_code(code)


@pytest.mark.parametrize("code", ["1001193", "1.00119", "10.001193", "1.0011933", "a.001193"])
def test_malformed_procedure_codes_are_refused(code: str) -> None:
    with pytest.raises(ValidationError, match="Mã thủ tục"):
        validate_procedure_code(code)
