"""Changing an agency's calendar: every change is validated and audited in one transaction.

Cached calendars notice the change by themselves (see ``selectors._stamp``).
"""

from __future__ import annotations

from django.db import transaction

from motcua.accounts.models import User
from motcua.audit.services import audit_record
from motcua.workdays import selectors
from motcua.workdays.models import AgencyCalendar, CalendarOverride

_CALENDAR_FIELDS = ["agency", "effective_from", "hours", "minutes_per_day", "updated_at"]
_OVERRIDE_FIELDS = [
    "agency",
    "date",
    "kind",
    "hours",
    "reason",
    "source",
    "effective_from",
    "updated_at",
]


def agency_calendar_save(*, calendar: AgencyCalendar, actor: User | None) -> AgencyCalendar:
    """Create or update a version of an agency's office hours; refuses one with no hours."""
    calendar.full_clean()
    created = calendar.pk is None
    with transaction.atomic():
        calendar.save(update_fields=None if created else _CALENDAR_FIELDS)
        _forget_calendars()
        audit_record(
            action="workdays.calendar_created" if created else "workdays.calendar_updated",
            subject=calendar,
            actor=actor,
            summary=f"Lịch làm việc {calendar}",
            changes={
                "effective_from": calendar.effective_from.isoformat(),
                "hours": calendar.hours,
                "minutes_per_day": calendar.minutes_per_day,
            },
        )
    return calendar


def agency_calendar_delete(*, calendar: AgencyCalendar, actor: User | None) -> None:
    with transaction.atomic():
        audit_record(
            action="workdays.calendar_deleted",
            subject=calendar,
            actor=actor,
            summary=f"Xóa lịch làm việc {calendar}",
        )
        calendar.delete()
        _forget_calendars()


def calendar_override_save(*, override: CalendarOverride, actor: User | None) -> CalendarOverride:
    """Create or update a day off, a worked-back day or changed hours for one date."""
    override.full_clean()
    created = override.pk is None
    with transaction.atomic():
        override.save(update_fields=None if created else _OVERRIDE_FIELDS)
        _forget_calendars()
        audit_record(
            action="workdays.override_created" if created else "workdays.override_updated",
            subject=override,
            actor=actor,
            summary=str(override),
            changes={
                "agency": override.agency.code if override.agency else None,
                "date": override.date.isoformat(),
                "kind": override.kind,
                "hours": override.hours,
                "reason": override.reason,
            },
        )
    return override


def calendar_override_delete(*, override: CalendarOverride, actor: User | None) -> None:
    with transaction.atomic():
        audit_record(
            action="workdays.override_deleted",
            subject=override,
            actor=actor,
            summary=f"Xóa {override}",
        )
        override.delete()
        _forget_calendars()


def _forget_calendars() -> None:
    # Now, so this process never computes with the old calendar, and again on commit, in
    # case another thread rebuilt it from the old rows in between.
    selectors.forget()
    transaction.on_commit(selectors.forget)
