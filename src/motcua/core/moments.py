"""Instants as the API and the audit trail write them: Vietnam's time with its offset
(``2026-11-18T09:00:00+07:00``), so that an inspector or an integrator reads the hour
the citizen saw printed."""

from __future__ import annotations

from datetime import datetime, tzinfo

from django.utils import timezone


def local_iso(moment: datetime | None, tz: tzinfo | None = None) -> str | None:
    """The instant in the current time zone, ISO 8601; None stays None. A list passes
    ``tz`` once: looking the zone up again for each instant of each row showed in
    profiles of the work queue."""
    if moment is None:
        return None
    return moment.astimezone(tz or timezone.get_current_timezone()).isoformat()


def local_minute(moment: datetime | None, tz: tzinfo | None = None) -> str:
    """The instant as pages print it, ``H:i d/m/Y`` in the current time zone (``09:00
    18/11/2026``); empty for None. A list formats its rows' instants with it instead of
    the ``date`` filter, which looks the format and the zone up again for each."""
    if moment is None:
        return ""
    return moment.astimezone(tz or timezone.get_current_timezone()).strftime("%H:%M %d/%m/%Y")
