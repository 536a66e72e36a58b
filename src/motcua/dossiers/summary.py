"""A dossier's summary as the API shows it: one list of fields, one builder, two sources.

A list reads the fields as plain values in one query (:func:`summary_rows`); a single
answer reads them off the dossier it already holds (:func:`row_of`). Both give the same
mapping, keyed by the field paths in :data:`SUMMARY_FIELDS`, and :func:`summary_json`
turns it into JSON, so the list and the detail cannot drift apart.

Why values for lists: a work-queue page of 50 built from model instances, with the six
related rows fetched by primary key, took 6.5 ms to read on the 5,000,000-dossier bench
database, most of it Django building 350 instances. The same page read as values in one
join takes 2.1 ms (with prepared statements the join is planned once per process).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, tzinfo
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.compiled import CompiledReadIn
from motcua.core.moments import LocalTime
from motcua.dossiers.models import Dossier, Status
from motcua.workdays.clock import TimelinessAt, timeliness_status
from motcua.workdays.selectors import calendar_for_agency_id

Row = Mapping[str, Any]

SUMMARY_FIELDS = (
    "id",
    "code",
    "status",
    "channel",
    "procedure_version__procedure__code",
    "procedure_version__procedure__name",
    "procedure_version__number",
    "receiving_agency__code",
    "deciding_agency_id",
    "deciding_agency__code",
    "applicant_name",
    "submitted_at",
    "received_at",
    "due_at",
    "finished_at",
    "returned_at",
    "paused_at",
    "closed_at",
    "paused_minutes",
    "rescheduled",
    "current_step__order",
    "current_step__name",
    "current_step_due_at",
    "current_unit__name",
    "assignee__username",
    "version",
)


def row_of(dossier: Dossier) -> dict[str, Any]:
    """The summary fields of a loaded dossier, as :func:`summary_rows` would read them:
    each path followed attribute by attribute, ``None`` past an empty relation."""
    row: dict[str, Any] = {}
    for path in SUMMARY_FIELDS:
        value: Any = dossier
        for name in path.split("__"):
            value = getattr(value, name)
            if value is None:
                break
        row[path] = value
    return row


def summary_rows(ids: Iterable[int]) -> list[dict[str, Any]]:
    """The summary fields of these dossiers, in the order given (missing ids skipped).

    No permission is applied here: ``ids`` come from a selector that already applied it."""
    wanted = list(ids)
    found = {r["id"]: r for r in _SUMMARY_ROWS.rows(wanted)}
    return [found[pk] for pk in wanted if pk in found]


# Compiling this five-table read cost more than running it: 3.6 of a 16 ms queue page
# (``motcua.core.compiled``).
_SUMMARY_ROWS = CompiledReadIn(
    "summary_rows",
    lambda ids: Dossier.objects.filter(pk__in=ids).order_by().values_list(*SUMMARY_FIELDS),
)


class Viewing:
    """What the rows of one answer share: the instant they are judged at, the zone their
    instants are shown in, and for each deciding agency, its calendar's judge of
    deadlines at that instant (``TimelinessAt``: one working-day count for the page, not
    one a row), and each status's name in the reader's language."""

    __slots__ = ("_judges", "_labels", "local", "now")

    def __init__(self, now: datetime | None = None, tz: tzinfo | None = None) -> None:
        self.now = now or timezone.now()
        self.local = LocalTime(tz)
        self._judges: dict[int, TimelinessAt] = {}
        self._labels: dict[int, str] = {}

    def status_label(self, status: int) -> str:
        """The status's name in the reader's language, looked up once a page."""
        label = self._labels.get(status)
        if label is None:
            label = self._labels[status] = _(Status(status).label)
        return label

    def timeliness(self, row: Row) -> str | None:
        """Early / on time / late: judged at resolution once resolved, otherwise now;
        nothing while the clock is stopped or after the dossier closed without a result."""
        due = row["due_at"]
        if due is None:
            return None
        agency_id = row["deciding_agency_id"]
        finished = row["finished_at"]
        if finished is not None:
            return str(
                timeliness_status(
                    now_or_finished=finished,
                    due=due,
                    calendar=lambda: calendar_for_agency_id(agency_id),
                )
            )
        if row["paused_at"] is not None or row["closed_at"] is not None:
            return None
        judge = self._judges.get(agency_id)
        if judge is None:
            judge = self._judges[agency_id] = TimelinessAt(
                self.now, lambda: calendar_for_agency_id(agency_id)
            )
        return str(judge.status(due))


def summary_json(row: Row, viewing: Viewing | None = None) -> dict[str, Any]:
    """The summary's JSON; a list passes one ``viewing`` for all its rows. Its instants
    are datetimes in the viewing's zone, written by the answer's encoder
    (``motcua.core.json_answer``): formatting 300 of them a page in Python cost more."""
    viewing = viewing or Viewing()
    local = viewing.local.of
    step_order = row["current_step__order"]
    return {
        "id": row["id"],
        "code": row["code"],
        "status": row["status"],
        "status_label": viewing.status_label(row["status"]),
        "channel": row["channel"],
        "procedure": {
            "code": row["procedure_version__procedure__code"],
            "name": row["procedure_version__procedure__name"],
            "version": row["procedure_version__number"],
        },
        "receiving_agency": row["receiving_agency__code"],
        "deciding_agency": row["deciding_agency__code"],
        "applicant_name": row["applicant_name"],
        "submitted_at": local(row["submitted_at"]),
        "received_at": local(row["received_at"]),
        "due_at": local(row["due_at"]),
        "finished_at": local(row["finished_at"]),
        "returned_at": local(row["returned_at"]),
        "paused_minutes": row["paused_minutes"],
        "rescheduled": row["rescheduled"],
        "current_step": (
            {"order": step_order, "name": row["current_step__name"]}
            if step_order is not None
            else None
        ),
        "current_step_due_at": local(row["current_step_due_at"]),
        "current_unit": row["current_unit__name"],
        "assignee": row["assignee__username"],
        "timeliness": viewing.timeliness(row),
        "version": row["version"],
    }
