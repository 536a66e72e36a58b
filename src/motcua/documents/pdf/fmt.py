"""How dates and times are written on documents: dd/mm/yyyy and HH:MM, local time."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone


def _local(moment: datetime) -> datetime:
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment


def vn_date(day: date | datetime | None) -> str:
    if day is None:
        return ""
    if isinstance(day, datetime):
        day = _local(day).date()
    return f"{day:%d/%m/%Y}"


def vn_time(moment: datetime | None) -> str:
    return "" if moment is None else f"{_local(moment):%H:%M}"


def vn_datetime(moment: datetime | None) -> str:
    """``14:05 ngày 03/03/2026``."""
    if moment is None:
        return ""
    return f"{vn_time(moment)} ngày {vn_date(moment)}"


def vn_dated_at(place: str, day: date) -> str:
    """The place-and-date line of an administrative document."""
    prefix = f"{place}, ngày" if place else "Ngày"
    return f"{prefix} {day:%d} tháng {day:%m} năm {day:%Y}"
