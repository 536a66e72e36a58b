"""Dates written in Vietnamese words, as civil-status papers write a birth date:
"Ngày hai mươi tháng mười một năm hai nghìn không trăm hai mươi sáu".

``date_in_words`` writes one; ``parse_date_words`` reads what a person wrote (with or
without accents, "mùng"/"mồng", "tư" or "bốn", "lăm" or "năm", "linh" or "lẻ", "nghìn"
or "ngàn", even digits) back into a date, so a declaration can be checked against its
own date field.
"""

from __future__ import annotations

from datetime import date

from motcua.core.text import tokens

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")

# Folded words and their values; "nam" is five (năm) as well as "year", told apart by
# where it stands.
_VALUES = {
    "khong": 0,
    "mot": 1,
    "hai": 2,
    "ba": 3,
    "bon": 4,
    "tu": 4,
    "nam": 5,
    "lam": 5,
    "sau": 6,
    "bay": 7,
    "tam": 8,
    "chin": 9,
}
_SKIPPED = {"linh", "le", "mung", "mong"}
_MONTH_NAMES = {"gieng": 1, "chap": 12}


def number_words(n: int) -> str:
    """0 ≤ n ≤ 9999 in words: 2026 → "hai nghìn không trăm hai mươi sáu"."""
    if not 0 <= n <= 9999:
        raise ValueError(f"{n} is outside 0..9999")
    if n == 0:
        return _DIGITS[0]
    thousands, rest = divmod(n, 1000)
    parts = []
    if thousands:
        parts.append(f"{_DIGITS[thousands]} nghìn")
    if rest:
        parts.append(_below_thousand(rest, whole=bool(thousands)))
    return " ".join(parts)


def _below_thousand(n: int, *, whole: bool) -> str:
    """``whole``: a group after thousands, which says its hundreds even when none."""
    hundreds, rest = divmod(n, 100)
    parts = []
    if hundreds or whole:
        parts.append(f"{_DIGITS[hundreds]} trăm")
    tens, units = divmod(rest, 10)
    if tens == 0:
        if units:
            parts.append(f"linh {_DIGITS[units]}" if parts else _DIGITS[units])
    elif tens == 1:
        parts.append("mười" + ("" if not units else " lăm" if units == 5 else f" {_DIGITS[units]}"))
    else:
        unit = {0: "", 1: " mốt", 4: " tư", 5: " lăm"}.get(units, f" {_DIGITS[units]}")
        parts.append(f"{_DIGITS[tens]} mươi{unit}")
    return " ".join(parts)


def date_in_words(day: date) -> str:
    return (
        f"Ngày {number_words(day.day)} tháng {number_words(day.month)} năm {number_words(day.year)}"
    )


def parse_number(words: list[str]) -> int | None:
    """Folded number words (or one number in digits) as an integer; None if they are
    not a number."""
    words = [w for w in words if w not in _SKIPPED]
    if not words:
        return None
    if len(words) == 1 and words[0].isdigit():
        return int(words[0])
    total, group, pending = 0, 0, None
    for word in words:
        if word in _VALUES:
            if pending is not None:
                return None
            pending = _VALUES[word]
        elif word == "muoi":  # mười (ten) and mươi (tens) fold alike
            group += (pending if pending is not None else 1) * 10
            pending = None
        elif word == "tram":
            group += (pending if pending is not None else 1) * 100
            pending = None
        elif word in ("nghin", "ngan"):
            value = group + (pending or 0)
            total += (value or 1) * 1000
            group, pending = 0, None
        else:
            return None
    return total + group + (pending or 0)


def parse_date_words(text: str) -> date | None:
    """The date written in ``text`` ("Ngày … tháng … năm …"), or None when it cannot be
    read as one."""
    words = tokens(text)
    if len(words) < 6 or words[0] != "ngay" or "thang" not in words:
        return None
    month_at = words.index("thang")
    day = parse_number(words[1:month_at])
    # "năm" may be the month (five), a digit of the year, or "year" itself: the word
    # "year" is the one that leaves a month before it and a year after it.
    for at in range(month_at + 1, len(words)):
        if words[at] != "nam":
            continue
        month_words = words[month_at + 1 : at]
        month = (
            _MONTH_NAMES[month_words[0]]
            if len(month_words) == 1 and month_words[0] in _MONTH_NAMES
            else parse_number(month_words)
        )
        year = parse_number(words[at + 1 :])
        if day is None or month is None or year is None:
            continue
        try:
            return date(year, month, day)
        except ValueError:
            continue
    return None
