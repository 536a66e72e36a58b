"""Reading the inputs of a deadline question (API and command line) into engine values.

Each reader raises :class:`InputError` with a Vietnamese message that names the field.
"""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from motcua.workdays.durations import Duration, DurationError


class InputError(ValueError):
    pass


def read_start(text: str, *, field: str = "start", assume: ZoneInfo | None = None) -> datetime:
    """An ISO 8601 instant. Without a UTC offset it is refused unless ``assume`` gives the
    zone (the command line reads local Vietnamese time; the API never guesses)."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError as exc:
        hint = ""
        if " " in text.strip():
            hint = " (trong địa chỉ URL, dấu + của múi giờ phải viết là %2B)"
        raise InputError(
            f"'{field}': không đọc được thời điểm {text!r}; viết dạng "
            f"2027-02-03T16:10:00+07:00{hint}."
        ) from exc
    if moment.tzinfo is None:
        if assume is None:
            raise InputError(
                f"'{field}': thời điểm {text!r} thiếu múi giờ; viết ví dụ "
                "2027-02-03T16:10:00+07:00."
            )
        moment = moment.replace(tzinfo=assume)
    return moment


def read_duration(text: str, *, field: str = "duration") -> Duration:
    try:
        return Duration.parse(text)
    except DurationError as exc:
        raise InputError(f"'{field}': {exc}") from exc


def read_cutoff(text: str | None, *, field: str = "cutoff") -> time | None:
    if text is None or not text.strip():
        return None
    try:
        moment = time.fromisoformat(text.strip())
    except ValueError as exc:
        raise InputError(
            f"'{field}': giờ chốt {text!r} phải viết dạng HH:MM, ví dụ 15:00."
        ) from exc
    if moment.tzinfo is not None:
        raise InputError(f"'{field}': giờ chốt là giờ địa phương, không kèm múi giờ.")
    return moment
