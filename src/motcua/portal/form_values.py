"""Dates and times as people type them into a declaration form, and dates as shown back.

A phone's digits-only keypad (``inputmode="numeric"`` on iOS) has no "/" or ":", so a
date may come as 8 digits (ddmmyyyy), with "-", "." or spaces between its parts, or year
first as ISO; a time as "1430" or "14h30". Anything else is refused, never guessed.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

_SEP = r"\s*[/.\-\s]\s*"
_DAY_FIRST = re.compile(rf"(\d{{1,2}}){_SEP}(\d{{1,2}}){_SEP}(\d{{4}})")
_YEAR_FIRST = re.compile(rf"(\d{{4}}){_SEP}(\d{{1,2}}){_SEP}(\d{{1,2}})")
_DIGITS_ONLY = re.compile(r"(\d{2})(\d{2})(\d{4})")
_TIME = re.compile(r"(\d{1,2})\s*(?:[:.\s]\s*(\d{2})|[hg]\s*(\d{2})?)", re.IGNORECASE)
_TIME_DIGITS = re.compile(r"(\d{1,2})(\d{2})")


def parse_date(text: str) -> date | None:
    """'5/3/2026', '05-03-2026', '05.03.2026', '05 03 2026', '05032026' and '2026-03-05'
    → 2026-03-05; None when not a real date."""
    text = text.strip()
    if match := _DAY_FIRST.fullmatch(text) or _DIGITS_ONLY.fullmatch(text):
        day, month, year = (int(g) for g in match.groups())
    elif match := _YEAR_FIRST.fullmatch(text):
        year, month, day = (int(g) for g in match.groups())
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_time(text: str) -> tuple[int, int] | None:
    """'14:30', '14h30', '14g30', '14.30', '14 30', '1430' → (14, 30); '14h' → (14, 0);
    None when not a time of day."""
    text = text.strip()
    if match := _TIME.fullmatch(text):
        hour, minute = int(match[1]), int(match[2] or match[3] or 0)
    elif match := _TIME_DIGITS.fullmatch(text):
        hour, minute = int(match[1]), int(match[2])
    else:
        return None
    if hour > 23 or minute > 59:
        return None
    return hour, minute


def show_date(value: Any) -> str:
    """An ISO date as dd/mm/yyyy; anything else as it was typed."""
    if isinstance(value, str):
        try:
            return date.fromisoformat(value).strftime("%d/%m/%Y")
        except ValueError:
            return value
    return "" if value is None else str(value)
