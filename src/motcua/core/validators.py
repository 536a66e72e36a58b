"""Validators for Vietnamese identifiers: pure functions, reused by models, forms and the API."""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Codes of the 63 provinces as they stood before the 2025 merger. Identity numbers issued
# since 2016 start with the code of the province where the birth was registered, so old
# codes stay valid for life; the 34 merged provinces kept codes from this same list.
IDENTITY_PROVINCE_CODES = frozenset(
    "001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 "
    "034 035 036 037 038 040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 "
    "067 068 070 072 074 075 077 079 080 082 083 084 086 087 089 091 092 093 094 095 096".split()
)

# Century/gender digit → first year of the century (even: male, odd: female).
_CENTURY_BY_DIGIT = {0: 1900, 1: 1900, 2: 2000, 3: 2000, 4: 2100, 5: 2100, 6: 2200, 7: 2200}

_AGENCY_CODE = re.compile(r"^[0-9A-Z]+(\.[0-9A-Z]+)*$")

# A person's name: words of letters (any script's, accents included), joined by spaces,
# hyphens, apostrophes or dots ("Nguyễn Thị Hoa", "H'Hen Niê", "Jean-Luc O'Brien").
_PERSON_NAME = re.compile(r"[^\W\d_]+(?:[ '’.-]+[^\W\d_]+)*\.?")


def is_person_name(text: str) -> bool:
    """Letters in words, at least two of them; no digits, tags or symbols, which no one's
    name has. Runs of spaces count as one."""
    words = " ".join(text.split())
    return sum(ch.isalpha() for ch in words) >= 2 and bool(_PERSON_NAME.fullmatch(words))


_PROCEDURE_CODE = re.compile(r"^\d\.\d{6}$")


def identity_birth_year(number: str) -> int:
    """Birth year encoded in a valid identity number."""
    return _CENTURY_BY_DIGIT[int(number[3])] + int(number[4:6])


def identity_sex(number: object) -> str | None:
    """ "Nam" or "Nữ", as the fourth digit of a 12-digit identity number says (even: male,
    odd: female); None for anything else, which the pattern check names."""
    if not isinstance(number, str) or len(number) != 12 or not number.isdigit():
        return None
    return "Nữ" if int(number[3]) % 2 == 1 else "Nam"


def validate_identity_number(number: str, *, today: date | None = None) -> None:
    """A 12-digit citizen identity number: PPP G YY NNNNNN. There is no check digit."""
    if not isinstance(number, str) or not re.fullmatch(r"\d{12}", number):
        raise ValidationError(
            _("Số định danh cá nhân phải gồm đúng 12 chữ số."), code="identity_format"
        )
    if number[:3] not in IDENTITY_PROVINCE_CODES:
        raise ValidationError(
            _("Ba chữ số đầu của số định danh (%(code)s) không phải mã tỉnh hợp lệ."),
            code="identity_province",
            params={"code": number[:3]},
        )
    if int(number[3]) not in _CENTURY_BY_DIGIT:
        raise ValidationError(
            _("Chữ số thứ tư của số định danh (mã thế kỷ và giới tính) không hợp lệ."),
            code="identity_century",
        )
    year = identity_birth_year(number)
    current = (today or date.today()).year  # noqa: DTZ011 - a calendar year, not an instant
    if year > current:
        raise ValidationError(
            _("Năm sinh trong số định danh (%(year)s) ở tương lai."),
            code="identity_year",
            params={"year": year},
        )


def validate_agency_code(code: str) -> None:
    """An agency's electronic code, e.g. ``000.00.00.H56``: ≤ 35 of 0-9, A-Z and dots."""
    if not isinstance(code, str) or not code:
        raise ValidationError("Mã định danh cơ quan không được để trống.", code="agency_empty")
    if len(code) > 35:
        raise ValidationError(
            "Mã định danh cơ quan dài tối đa 35 ký tự (đang có %(n)s).",
            code="agency_length",
            params={"n": len(code)},
        )
    if not _AGENCY_CODE.fullmatch(code):
        raise ValidationError(
            "Mã định danh cơ quan chỉ gồm chữ số, chữ in hoa A–Z và dấu chấm giữa các nhóm "
            "(ví dụ 000.00.00.H56).",
            code="agency_format",
        )


def validate_procedure_code(code: str) -> None:
    """A national procedure code such as ``1.002835``."""
    if not isinstance(code, str) or not _PROCEDURE_CODE.fullmatch(code):
        raise ValidationError(
            "Mã thủ tục phải có dạng một chữ số, dấu chấm và sáu chữ số (ví dụ 1.001193).",
            code="procedure_code",
        )
