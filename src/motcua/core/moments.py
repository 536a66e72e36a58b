"""Instants as the API and the audit trail write them: Vietnam's time with its offset
(``2026-11-18T09:00:00+07:00``), so that an inspector or an integrator reads the hour
the citizen saw printed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo
from datetime import timezone as fixed_zone
from functools import lru_cache

from django.utils import timezone

# Where a zone's offset is checked to stay the same (see :func:`steady_offset`).
STEADY_FROM = datetime(2000, 1, 1, tzinfo=UTC)
STEADY_UNTIL = datetime(2100, 1, 1, tzinfo=UTC)
_SAMPLE = timedelta(days=1)


@lru_cache(maxsize=16)
def steady_offset(zone: tzinfo) -> fixed_zone | None:
    """``zone`` as a fixed offset, when its offset is the same every day from 2000 to
    2100; None when it changes (summer time, a zone moved).

    Converting to a ``zoneinfo`` zone looks its transitions up for each instant; a fixed
    offset is a subtraction. Vietnam has kept +07:00 since 1975, so its instants in that
    century convert the cheap way and read the same. Checked once a process per zone
    (about 36,500 offsets, some 50 ms), against the zone data installed, so a zone that
    gains summer time stops being taken as fixed on the next start."""
    if isinstance(zone, fixed_zone):
        return zone
    offset = STEADY_FROM.astimezone(zone).utcoffset()
    moment = STEADY_FROM
    while moment < STEADY_UNTIL:
        if moment.astimezone(zone).utcoffset() != offset:
            return None
        moment += _SAMPLE
    return fixed_zone(offset) if offset is not None else None


class LocalTime:
    """Instants converted into one zone (the current one unless given): a list resolves
    the zone once for all its rows, instead of once an instant."""

    __slots__ = ("fixed", "zone")

    def __init__(self, zone: tzinfo | None = None) -> None:
        self.zone = zone or timezone.get_current_timezone()
        self.fixed = steady_offset(self.zone)

    def of(self, moment: datetime | None) -> datetime | None:
        """The instant in this zone (the same instant); None stays None. An answer's
        JSON writes it as ``isoformat()`` does (``motcua.core.json_answer``)."""
        if moment is None:
            return None
        if self.fixed is not None and STEADY_FROM <= moment < STEADY_UNTIL:
            return moment.astimezone(self.fixed)
        return moment.astimezone(self.zone)

    def iso(self, moment: datetime | None) -> str | None:
        """ISO 8601 with the offset; None stays None."""
        local = self.of(moment)
        return None if local is None else local.isoformat()

    def minute(self, moment: datetime | None) -> str:
        """As pages print it, ``H:i d/m/Y`` (``09:00 18/11/2026``); empty for None."""
        local = self.of(moment)
        return "" if local is None else local.strftime("%H:%M %d/%m/%Y")


def local_iso(moment: datetime | None, tz: tzinfo | None = None) -> str | None:
    """The instant in the current time zone (or ``tz``), ISO 8601; None stays None."""
    return LocalTime(tz).iso(moment)
