"""Reading the inputs of a deadline question (API and command line) into engine values.

Each reader raises :class:`InputError` with a message that names the field, in the
active language (Vietnamese unless the asker chose another); the field's name is the
parameter's own and is never translated.
"""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from motcua.workdays.durations import Duration, DurationError


class InputError(ValueError):
    pass


def _about(field: str, message: str) -> InputError:
    return InputError(f"'{field}': {message}")


def read_start(text: str, *, field: str = "start", assume: ZoneInfo | None = None) -> datetime:
    """An ISO 8601 instant. Without a UTC offset it is refused unless ``assume`` gives the
    zone (the command line reads local Vietnamese time; the API never guesses)."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError as exc:
        if " " in text.strip():
            # A "+" left raw in a query string arrives as a space.
            message = _(
                "không đọc được thời điểm %(text)r; viết dạng 2027-02-03T16:10:00+07:00 "
                "(trong địa chỉ URL, dấu + của múi giờ phải viết là %%2B)."
            )
        else:
            message = _("không đọc được thời điểm %(text)r; viết dạng 2027-02-03T16:10:00+07:00.")
        raise _about(field, message % {"text": text}) from exc
    if moment.tzinfo is None:
        if assume is None:
            raise _about(
                field,
                _("thời điểm %(text)r thiếu múi giờ; viết ví dụ 2027-02-03T16:10:00+07:00.")
                % {"text": text},
            )
        moment = moment.replace(tzinfo=assume)
    return moment


def read_duration(text: str, *, field: str = "duration") -> Duration:
    try:
        return Duration.parse(text)
    except DurationError as exc:
        raise _about(field, str(exc)) from exc


def read_cutoff(text: str | None, *, field: str = "cutoff") -> time | None:
    if text is None or not text.strip():
        return None
    try:
        moment = time.fromisoformat(text.strip())
    except ValueError as exc:
        raise _about(
            field, _("giờ chốt %(text)r phải viết dạng HH:MM, ví dụ 15:00.") % {"text": text}
        ) from exc
    if moment.tzinfo is not None:
        raise _about(field, _("giờ chốt là giờ địa phương, không kèm múi giờ."))
    return moment
