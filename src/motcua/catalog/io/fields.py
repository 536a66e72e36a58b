"""Reading one value of an imported file into a typed value, with a Vietnamese complaint.

Each converter accepts what either format naturally holds: JSON gives strings, numbers,
lists and objects; a workbook gives strings, numbers, dates and times typed by Excel.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import TextChoices
from django.utils import timezone
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from motcua.catalog.validation import CHANNEL_KEYS, validate_declaration_schema
from motcua.core.text import fold
from motcua.workdays.durations import Duration, DurationError


class FieldError(ValueError):
    """One value that cannot be read; the message completes '<where>: ...'."""


Converter = Callable[[Any], Any]

_MIME = re.compile(r"^[a-z0-9.+-]+/[a-z0-9.+-]+$")
_MAX_SMALL_INT = 32767


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(max_length: int, *, required: bool = False) -> Converter:
    def read(value: Any) -> str:
        if _blank(value):
            if required:
                raise FieldError("không được để trống")
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise FieldError("phải là chữ")
        # Control characters cannot live in a workbook cell; drop them in both formats.
        result = ILLEGAL_CHARACTERS_RE.sub("", str(value)).strip()
        if len(result) > max_length:
            raise FieldError(f"dài tối đa {max_length} ký tự (đang có {len(result)})")
        return result

    return read


def optional_text(max_length: int) -> Converter:
    """Like ``text`` but a blank value is None (a reference that may be absent)."""
    read_text = text(max_length)
    return lambda value: read_text(value) or None


def integer(*, maximum: int = _MAX_SMALL_INT, optional: bool = False) -> Converter:
    def read(value: Any) -> int | None:
        if optional and _blank(value):
            return None
        number = _as_integer(value)
        if number is None or number < 0:
            raise FieldError("phải là số nguyên không âm")
        if number > maximum:
            raise FieldError(f"không được lớn hơn {maximum:,}".replace(",", "."))
        return number

    return read


def _as_integer(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float | Decimal) and _finite(value) and value == int(value):
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*\d+\s*", value):
        return int(value)
    return None


def _finite(value: float | Decimal) -> bool:
    # JSON read by Python admits Infinity and NaN, which have no integer.
    return value.is_finite() if isinstance(value, Decimal) else math.isfinite(value)


def hours(value: Any) -> Decimal:
    """Working hours such as 4 or 0,5: at least a quarter of an hour, at most two decimals."""
    number: Decimal | None = None
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        number = Decimal(str(value))
    elif isinstance(value, str):
        try:
            number = Decimal(value.strip().replace(",", "."))
        except InvalidOperation:
            number = None
    if number is None or not number.is_finite():
        raise FieldError("phải là số giờ làm việc (ví dụ 4 hoặc 0,5)")
    if number < Decimal("0.25"):
        raise FieldError("phải từ 0,25 giờ trở lên")
    if number != number.quantize(Decimal("0.01")) or number >= Decimal(10**6):
        raise FieldError("có tối đa hai chữ số thập phân và nhỏ hơn 1.000.000")
    return number


def choice(choices: type[TextChoices]) -> Converter:
    """A choice written as its code ('commune') or its Vietnamese label ('Cấp xã')."""
    by_name: dict[str, str] = {}
    for value, label in choices.choices:
        by_name[fold(str(value))] = str(value)
        by_name[fold(str(label))] = str(value)
    allowed = ", ".join(f"'{label}'" for _, label in choices.choices)

    def read(value: Any) -> str:
        if isinstance(value, str) and fold(value) in by_name:
            return by_name[fold(value)]
        raise FieldError(f"phải là một trong {allowed}")

    return read


_TRUE = {"co", "x", "true", "1", "dung"}
_FALSE = {"khong", "", "false", "0", "sai"}


def boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and fold(value) in _TRUE | _FALSE:
        return fold(value) in _TRUE
    raise FieldError("phải là 'Có' hoặc 'Không'")


def day(*, optional: bool = False) -> Converter:
    def read(value: Any) -> date | None:
        if optional and _blank(value):
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
                try:
                    return datetime.strptime(value.strip(), pattern).date()  # noqa: DTZ007
                except ValueError:
                    continue
        raise FieldError("phải là ngày dạng YYYY-MM-DD hoặc DD/MM/YYYY")

    return read


def instant(value: Any) -> datetime | None:
    """A moment such as 2025-07-01T08:00:00+07:00; without an offset it is local time."""
    if _blank(value):
        return None
    moment: datetime | None = value if isinstance(value, datetime) else None
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            moment = None
    if moment is None:
        raise FieldError("phải là thời điểm dạng 2025-07-01T08:00:00+07:00")
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def clock(value: Any) -> time | None:
    if _blank(value):
        return None
    if isinstance(value, time):
        return value.replace(microsecond=0)
    if isinstance(value, datetime):
        return value.time().replace(microsecond=0)
    if isinstance(value, str):
        match = re.fullmatch(r"\s*(\d{1,2})[:h](\d{2})\s*", value)
        if match and int(match[1]) < 24 and int(match[2]) < 60:
            return time(int(match[1]), int(match[2]))
    raise FieldError("phải là giờ dạng HH:MM (ví dụ 15:00)")


def duration(value: Any) -> Duration:
    if not isinstance(value, str):
        raise FieldError("phải là thời hạn dạng 5d, 0.5d, 4h, 3cd hoặc sd")
    try:
        return Duration.parse(value)
    except DurationError as exc:
        raise FieldError(str(exc)) from exc


def optional_duration(value: Any) -> str:
    """A channel duration kept as its canonical text; blank means 'the general duration'."""
    if _blank(value):
        return ""
    return str(duration(value))


def channel_durations(value: Any) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise FieldError('phải là đối tượng, ví dụ {"online": "17d", "postal": "20d"}')
    result = {}
    for channel, text_value in value.items():
        if channel not in CHANNEL_KEYS:
            raise FieldError(f"kênh '{channel}' không có; dùng in_person, online hoặc postal")
        try:
            result[channel] = optional_duration(text_value)
        except FieldError as exc:
            raise FieldError(f"kênh '{channel}': {exc}") from exc
    return {k: v for k, v in sorted(result.items()) if v}


def lines(max_length: int = 1000) -> Converter:
    """A list of non-empty strings; a workbook cell holds one per line."""

    def read(value: Any) -> list[str]:
        if _blank(value):
            return []
        if isinstance(value, str):
            value = value.splitlines()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise FieldError("phải là danh sách các dòng chữ")
        result = [ILLEGAL_CHARACTERS_RE.sub("", v).strip() for v in value]
        result = [v for v in result if v]
        if any(len(v) > max_length for v in result):
            raise FieldError(f"mỗi dòng dài tối đa {max_length} ký tự")
        return result

    return read


def media_types(value: Any) -> list[str]:
    if _blank(value):
        return []
    if isinstance(value, str):
        value = re.split(r"[,;\s]+", value.strip())
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise FieldError("phải là danh sách kiểu tệp, ví dụ application/pdf, image/jpeg")
    result = [v.strip().lower() for v in value if v.strip()]
    for item in result:
        if not _MIME.fullmatch(item):
            raise FieldError(f"kiểu tệp '{item}' không hợp lệ (ví dụ application/pdf)")
    return result


def json_schema(value: Any) -> dict[str, Any]:
    if _blank(value):
        return {}
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except (ValueError, RecursionError) as exc:
            raise FieldError(f"không phải JSON hợp lệ ({exc})") from exc
    try:
        validate_declaration_schema(value)
    except ValidationError as exc:
        raise FieldError(" ".join(exc.messages)) from exc
    except RecursionError as exc:
        raise FieldError("JSON Schema lồng nhau quá sâu") from exc
    return dict(value)
