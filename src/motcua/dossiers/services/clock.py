"""The dossier's clocks: legal deadline, current step deadline, and pauses.

All arithmetic is the working-time engine's; this module only decides which instants
to feed it. The deciding agency's calendar is used throughout: the deadline is the
deciding agency's to keep.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet

from motcua.catalog.models import ProcessStep
from motcua.core.compiled import INT_MARKER, STR_MARKER, CompiledGet
from motcua.dossiers.models import Dossier
from motcua.organizations.models import Unit
from motcua.workdays.engine import WorkCalendar
from motcua.workdays.selectors import calendar_for_agency


def calendar_of(dossier: Dossier) -> WorkCalendar:
    return calendar_for_agency(dossier.deciding_agency)


def clock_start(dossier: Dossier, *, received_at: datetime) -> None:
    """Fix the start and the appointment from the version's cut-off and the channel's
    legal duration."""
    version = dossier.procedure_version
    cal = calendar_of(dossier)
    cutoff = version.cutoff_time
    dossier.clock_started_at = cal.effective_start(received_at, cutoff=cutoff)
    dossier.due_at = cal.due(
        received_at, version.duration_for_channel(dossier.channel_key), cutoff=cutoff
    )


def step_enter(dossier: Dossier, step: ProcessStep, *, at: datetime) -> None:
    """Put the dossier at ``step``: its unit, and a due instant from the step's budget.

    A step never runs past the legal deadline: a dossier received late in the day, or
    handed on after an earlier step overran, leaves less time than the budget, and the
    step is due when the dossier is. A dossier already past its deadline gives the step
    its whole budget, so the unit is judged on its own work."""
    cal = calendar_of(dossier)
    # A step handed on before the legal clock starts (after the cut-off) waits for it.
    if dossier.clock_started_at is not None and at < dossier.clock_started_at:
        at = dossier.clock_started_at
    dossier.current_step = step
    dossier.current_step_role = step.role
    dossier.current_step_unit_kind = step.unit_kind
    dossier.current_step_started_at = at
    step_due = cal.due(at, step.budget)
    legal_due = dossier.due_at
    if legal_due is not None and at < legal_due < step_due:
        step_due = legal_due
    dossier.current_step_due_at = step_due
    dossier.current_unit = _step_unit(dossier, step.unit_kind)
    dossier.assignee = None


def _step_unit(dossier: Dossier, kind: str) -> Unit | None:
    """The deciding agency's first unit of ``kind`` by code: from the units the dossier's
    read brought (``Dossier.step_units``), or read now."""
    known = dossier.step_units
    if known is not None and known[0] == dossier.deciding_agency_id:
        return next((unit for unit in known[1] if unit.kind == kind), None)
    return _STEP_UNIT.first(dossier.deciding_agency_id, kind)


def step_unit_query(agency_id: int, kind: str) -> QuerySet[Unit]:
    """The unit of ``kind`` that takes a step at the agency: the first by code."""
    return Unit.objects.filter(agency_id=agency_id, kind=kind).order_by("code")[:1]


# Every reception and forward reads it; building the query cost more than running it.
_STEP_UNIT = CompiledGet("step_unit", step_unit_query, markers=(INT_MARKER, STR_MARKER))


def step_leave(dossier: Dossier) -> None:
    dossier.current_step = None
    dossier.current_step_role = ""
    dossier.current_step_unit_kind = ""
    dossier.current_step_started_at = None
    dossier.current_step_due_at = None
    dossier.assignee = None


def clock_pause(dossier: Dossier, *, at: datetime) -> None:
    """Stop the clock while the dossier waits for the citizen (only once it runs)."""
    if dossier.clock_started_at is not None:
        dossier.paused_at = at


def clock_resume(dossier: Dossier, *, at: datetime) -> int:
    """Restart the clock; both deadlines move by the working time spent waiting.

    Returns the working minutes added."""
    if dossier.paused_at is None:
        return 0
    cal = calendar_of(dossier)
    minutes = cal.elapsed(dossier.paused_at, at) if at > dossier.paused_at else 0
    if minutes:
        if dossier.due_at is not None:
            dossier.due_at = cal.add_working_minutes(dossier.due_at, minutes)
        if dossier.current_step_due_at is not None:
            dossier.current_step_due_at = cal.add_working_minutes(
                dossier.current_step_due_at, minutes
            )
    dossier.paused_minutes += minutes
    dossier.paused_at = None
    return minutes


# What step_enter and step_leave change, for a save's update_fields.
STEP_POSITION_FIELDS = [
    "current_step",
    "current_step_role",
    "current_step_unit_kind",
    "current_step_started_at",
    "current_step_due_at",
    "current_unit",
    "assignee",
]
