"""Vietnam's public holidays and announced swaps, as the `holidays` package models them.

The package computes lunar Tết and Hùng Kings, observed days (nghỉ bù) and the swaps the
government announces (2026: Monday 31/8 off, worked back on Saturday 22/8), in Vietnamese.
We only reword the reasons so an explanation reads like a clerk would say it.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

import holidays

_SWAP_DATE = re.compile(r"(\d{2}/\d{2}/\d{4})")


def national_days(years: range) -> tuple[dict[date, str], dict[date, str]]:
    """(days off, worked weekend days), each with its Vietnamese reason."""
    days_off, worked = _national_days(years.start, years.stop)
    return dict(days_off), dict(worked)


@lru_cache(maxsize=8)
def _national_days(
    start: int, stop: int
) -> tuple[tuple[tuple[date, str], ...], tuple[tuple[date, str], ...]]:
    calendar = holidays.country_holidays("VN", years=range(start, stop), language="vi")
    worked_days = sorted(d for d in calendar.weekend_workdays if start <= d.year < stop)
    days_off = {day: _reason(name) for day, name in calendar.items()}
    worked: dict[date, str] = {}
    for day in worked_days:
        stamp = day.strftime("%d/%m/%Y")
        swapped = [off for off, name in calendar.items() if stamp in name]
        worked[day] = (
            f"làm bù cho ngày nghỉ {swapped[0]:%d/%m/%Y}" if swapped else "làm bù (Thứ Bảy)"
        )
        for off in swapped:
            days_off[off] = f"nghỉ bù (làm bù vào Thứ Bảy {stamp})"
    return tuple(sorted(days_off.items())), tuple(sorted(worked.items()))


def _reason(name: str) -> str:
    """'29 Tết' → 'Tết Nguyên Đán (29 Tết)'; the package's other names read well as they are."""
    if "Tết" in name and "Tết Nguyên Đán" not in name and "Dương lịch" not in name:
        return f"Tết Nguyên Đán ({name})"
    return name
