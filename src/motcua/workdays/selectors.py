"""Loading an agency's WorkCalendar: built once, cached per agency, rebuilt on change.

The cache key carries a stamp of the agency's calendar rows and overrides (count and
latest change). The process that saves a change forgets its calendars at once (the
services call ``forget``); other processes check the stamp at most every
``STAMP_TTL`` seconds, so a hot path costs no query per deadline. Agencies with no hours
or overrides of their own share the national calendar instead of each building a copy.
"""

from __future__ import annotations

import threading
import time
from datetime import date, datetime

from django.db.models import Count, Max, Q

from motcua.organizations.models import Agency
from motcua.workdays.engine import WorkCalendar
from motcua.workdays.models import AgencyCalendar, CalendarOverride
from motcua.workdays.national import national_days
from motcua.workdays.schedule import (
    DEFAULT_OFFICE_HOURS,
    DayOverride,
    OfficeHours,
    OverrideKind,
    build_days,
)

DEFAULT_YEARS = range(2015, 2041)
"""Years a calendar covers unless asked otherwise: lunar dates are computed, but the
government announces its swaps one year ahead, so far years may still change."""

_Stamp = tuple[int, datetime | None, int, datetime | None]
_Key = tuple[int | None, int, int, date | None]
_cache: dict[_Key, tuple[_Stamp, WorkCalendar, float]] = {}
_owners_read: tuple[frozenset[int], float] | None = None  # (agencies with own rows, read at)
STAMP_TTL = 5.0
_lock = threading.Lock()
_building = threading.Lock()  # held while a calendar is built (misses are rare)
_CACHE_SIZE = 64  # calendars are a few MB each; ``as_of`` look-ups must not grow it forever
_clock = time.monotonic  # this module's own, so a test can move it without moving everyone's


def calendar_for_agency(
    agency: Agency | None, *, years: range | None = None, as_of: date | None = None
) -> WorkCalendar:
    """The agency's calendar (``None``: the national default hours and overrides).

    ``as_of`` leaves out overrides announced after that date, to recompute a deadline as
    it was promised at reception.
    """
    return calendar_for_agency_id(
        agency.pk if agency is not None else None, years=years, as_of=as_of
    )


def calendar_for_agency_id(
    agency_id: int | None, *, years: range | None = None, as_of: date | None = None
) -> WorkCalendar:
    """:func:`calendar_for_agency` by the agency's id, for lists read as plain values."""
    years = years or DEFAULT_YEARS
    if years.step != 1 or not years:
        raise ValueError("years must be a non-empty range with step 1")
    if agency_id is not None and not _has_own_rows(agency_id):
        agency_id = None
    key = (agency_id, years.start, years.stop, as_of)
    now = _clock()
    cached = _cache.get(key)
    if cached is not None and now - cached[2] < STAMP_TTL:
        return cached[1]
    stamp = _stamp(agency_id)
    if cached is not None and cached[0] == stamp:
        _cache[key] = (stamp, cached[1], now)
        return cached[1]
    # One thread builds; the others asking meanwhile wait for its calendar. Each build
    # was 40-110 ms of CPU, and a fresh server process took its first requests on eight
    # threads at once: all eight built the same calendar, together, for 0.5 s, while
    # requests waiting for a slot were turned away with 503.
    with _building:
        cached = _cache.get(key)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        calendar = _build(agency_id, years, as_of)
        with _lock:
            _cache.pop(key, None)
            _cache[key] = (stamp, calendar, now)
            while len(_cache) > _CACHE_SIZE:
                _cache.pop(next(iter(_cache)))
    return calendar


def forget() -> None:
    """Drop every cached calendar of this process (after a calendar change commits)."""
    global _owners_read
    with _lock:
        _cache.clear()
        _owners_read = None


def _has_own_rows(agency_id: int) -> bool:
    return agency_id in _owners()


def _owners() -> frozenset[int]:
    """Agencies with hours or overrides of their own: a few among thousands, read in one
    query every ``STAMP_TTL`` seconds. Asked agency by agency, a submission spread over
    many communes missed this cache on most requests and paid two queries for it."""
    global _owners_read
    now = _clock()
    if _owners_read is not None and now - _owners_read[1] < STAMP_TTL:
        return _owners_read[0]
    calendars = AgencyCalendar.objects.order_by().values_list("agency_id", flat=True)
    overrides = CalendarOverride.objects.filter(agency__isnull=False).order_by()
    own = calendars.union(overrides.values_list("agency_id", flat=True))
    found = frozenset(own)
    _owners_read = (found, now)
    return found


def agency_by_code(code: str) -> Agency | None:
    return Agency.objects.filter(code=code.strip()).first()


def _stamp(agency_id: int | None) -> _Stamp:
    calendars = AgencyCalendar.objects.filter(Q(agency_id=agency_id)).aggregate(
        n=Count("id"), at=Max("updated_at")
    )
    overrides = CalendarOverride.objects.filter(_override_scope(agency_id)).aggregate(
        n=Count("id"), at=Max("updated_at")
    )
    return (calendars["n"], calendars["at"], overrides["n"], overrides["at"])


def _override_scope(agency_id: int | None) -> Q:
    national = Q(agency__isnull=True)
    return national if agency_id is None else national | Q(agency_id=agency_id)


def _build(agency_id: int | None, years: range, as_of: date | None) -> WorkCalendar:
    # Before the agency's first version of its hours, the default hours applied.
    versions = [DEFAULT_OFFICE_HOURS] + [
        OfficeHours(row.effective_from, row.week(), row.minutes_per_day)
        for row in AgencyCalendar.objects.filter(Q(agency_id=agency_id)).order_by("effective_from")
    ]
    rows = CalendarOverride.objects.filter(_override_scope(agency_id)).filter(
        date__gte=date(years.start, 1, 1), date__lte=date(years.stop - 1, 12, 31)
    )
    if as_of is not None:
        rows = rows.filter(effective_from__lte=as_of)
    # National rows first so that the agency's own row for the same date wins.
    ordered = sorted(rows, key=lambda row: row.agency_id is not None)
    overrides = [
        DayOverride(row.date, OverrideKind(row.kind), row.reason, row.intervals())
        for row in ordered
    ]
    holidays, worked = national_days(years)
    days = build_days(
        years=years,
        office_hours=versions,
        holidays=holidays,
        worked_weekends=worked,
        overrides=overrides,
    )
    minutes_per_day = versions[-1].minutes_per_day
    return WorkCalendar(days=days, minutes_per_day=minutes_per_day)
