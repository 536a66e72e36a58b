"""The machinery every dossier service shares: the optimistic lock, the audit row and the
notification of a status change, all inside the caller's transaction."""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from django.db import connection, transaction
from django.db.models import Model, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.core.compiled import INT_MARKER, STR_MARKER, CompiledGet
from motcua.core.outbox import jobs_together
from motcua.core.rows import insert_new, save_fields
from motcua.core.together import ids_taken_ahead, rows_together, sequence_of
from motcua.dossiers.errors import NotFound, StaleDossier
from motcua.dossiers.models import Attachment, Dossier, DossierDocument, DossierEvent, Status
from motcua.dossiers.selectors import visible_by_ref
from motcua.notifications.models import Delivery
from motcua.organizations.selectors import AgencyUnits, units_from_json
from motcua.workdays.engine import timeliness

from .clock import calendar_of

DOSSIER_RELATED = (
    "procedure_version__procedure",
    "receiving_agency",
    "deciding_agency",
    "current_step",
    "current_unit",
    "assignee",
    "applicant",
)


@dataclass(frozen=True)
class DossierRef:
    """A dossier as a caller named it, by ``code`` or by ``pk`` (before it has a code),
    to be claimed only if ``viewer`` may see it. An API action passes one: the claim's
    own locking read then tests what the caller may see, and nothing is read first."""

    by: Literal["pk", "code"]
    ref: int | str
    viewer: User


Claimable = Dossier | DossierRef
"""What a service that changes a dossier takes: the dossier, or the caller's name for it."""


def dossier_claim(*, dossier: Claimable | int, expected_version: int) -> Dossier:
    """Take the dossier for one change, if its version is still ``expected_version``.

    One read locks the row (PostgreSQL's ``FOR UPDATE``; on SQLite every change's
    transaction already holds the writer lock from its ``BEGIN IMMEDIATE``) and gives a
    fresh copy, so the state checks that follow see data nobody else can change until
    the caller's transaction ends. The copy carries the next version, which the change
    writes with its own columns (:func:`dossier_write`): no row version is made just to
    take the lock. A :class:`DossierRef` the viewer may not see is "not found",
    whatever its version.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("dossier_claim must run inside the transaction of the change")
    if isinstance(dossier, DossierRef):
        claimed = _claim_ref(dossier, expected_version)
    else:
        pk = dossier if isinstance(dossier, int) else dossier.pk
        locked = _CLAIM.first(pk, expected_version)
        if locked is None:
            if not Dossier.objects.filter(pk=pk).exists():
                raise NotFound(_("Không tìm thấy hồ sơ."))
            raise StaleDossier()
        claimed = locked
    claimed.version += 1
    claimed.version_unwritten = True
    units = units_from_json(claimed.__dict__.pop(_UNITS), claimed._state.db or "default")
    claimed.step_units = (claimed.deciding_agency_id, units)
    for model, names in _AHEAD_IDS:
        ids = [claimed.__dict__.pop(name) for name in names if name in claimed.__dict__]
        if ids:
            ids_taken_ahead(model, ids)
    return claimed


def _claim_ref(named: DossierRef, expected_version: int) -> Dossier:
    kind = User.Kind.CITIZEN if named.viewer.kind == User.Kind.CITIZEN else User.Kind.STAFF
    user_id, acting = named.viewer.pk, named.viewer.acting_agency_id
    scoped = kind == User.Kind.STAFF and acting is not None
    values = (named.ref, user_id, expected_version, *([acting] if scoped else []))
    claimed = _VISIBLE_CLAIMS[kind, named.by, scoped].first(*values)
    if claimed is None:
        # Told apart only now, the rare way: one the viewer may not see is not found.
        if not visible_by_ref(kind, named.by, named.ref, user_id, acting).exists():
            raise NotFound(_("Không tìm thấy hồ sơ."))
        raise StaleDossier()
    return claimed


def dossier_write(dossier: Dossier, fields: list[str]) -> None:
    """Write ``fields`` of a claimed dossier, and with the first write its new version."""
    if dossier.version_unwritten:
        fields = [*fields, "version"]
        dossier.version_unwritten = False
    save_fields(dossier, fields)


VERSION_MARKER = 2_147_483_000  # stands for the version while compiling, within its range


_UNITS = "deciding_units_json"


# Ids the change's rows will need, taken by the claim's own read on PostgreSQL: every
# change writes an audit row, and one that moves the status a notice on each of at most
# two channels (``motcua.core.together``; unused ones are skipped numbers).
_AHEAD_IDS = (
    (DossierEvent, ("ahead_event_id",)),
    (Delivery, ("ahead_delivery_id_1", "ahead_delivery_id_2")),
)


def _locked(found: QuerySet[Dossier]) -> QuerySet[Dossier]:
    """The claim's read: the dossier with what the services look at, its row locked,
    and the deciding agency's units for a step the change enters (``Dossier.step_units``),
    and on PostgreSQL the ids its rows will need."""
    ahead: dict[str, RawSQL] = {}
    if connection.vendor == "postgresql":
        for model, names in _AHEAD_IDS:
            sequence = sequence_of(model)
            ahead.update({name: RawSQL("nextval(%s::regclass)", (sequence,)) for name in names})
    return (
        found.select_related(*DOSSIER_RELATED)
        .annotate(**{_UNITS: AgencyUnits("deciding_agency_id")}, **ahead)
        .select_for_update(of=("self",))
    )


def _visible_claim(kind: str, by: str, scoped: bool) -> CompiledGet[Dossier]:
    """The claim with the visibility test in its WHERE clause; ``scoped``: for an
    official acting through an API token, with the token's agency as a value too."""
    # The version's marker must lie in its column's range, or Django decides the filter
    # can match nothing and compiles no statement at all.
    markers: tuple[object, ...] = (
        INT_MARKER if by == "pk" else STR_MARKER,
        INT_MARKER - 1,
        VERSION_MARKER,
    )
    if scoped:
        markers += (INT_MARKER - 3,)
    return CompiledGet(
        f"dossier_claim_{kind}_{by}{'_scoped' if scoped else ''}",
        lambda ref, user_id, version, *acting: _locked(
            visible_by_ref(kind, by, ref, user_id, *acting).filter(version=version)
        ),
        markers=markers,
    )


_VISIBLE_CLAIMS = {
    (kind, by, scoped): _visible_claim(kind, by, scoped)
    for kind, scoped in (
        (User.Kind.CITIZEN, False),
        (User.Kind.STAFF, False),
        (User.Kind.STAFF, True),  # citizens have no API tokens
    )
    for by in ("pk", "code")
}


# The claim by the dossier's id, for the services' own callers (pages, jobs). Compiling
# this nine-table read took 3.5 ms of its 4.9 ms on every action.
_CLAIM = CompiledGet(
    "dossier_claim",
    lambda pk, version: _locked(Dossier.objects.filter(pk=pk, version=version).order_by()),
    markers=(INT_MARKER, VERSION_MARKER),
)


def children_known(
    dossier: Dossier, *, documents: list[DossierDocument], attachments: list[Attachment]
) -> None:
    """Keep on ``dossier`` its checklist lines and files, as ``prefetch_related`` keeps
    them, when the change has just written every one: the answer that shows them then
    reads nothing back. Only for a dossier created in the caller's transaction."""
    cache = dossier.__dict__.setdefault("_prefetched_objects_cache", {})
    for name, rows in (("documents", documents), ("attachments", attachments)):
        known = getattr(dossier, name).all()
        known._result_cache = list(rows)
        known._prefetch_done = True
        cache[name] = known


@dataclass(frozen=True)
class Snapshot:
    """Where the dossier stood before the change, to record from/to in the event."""

    status: int
    step_id: int | None
    unit_id: int | None
    assignee_id: int | None
    step_due_at: datetime | None
    step_started_at: datetime | None

    @classmethod
    def of(cls, dossier: Dossier) -> Snapshot:
        return cls(
            status=dossier.status,
            step_id=dossier.current_step_id,
            unit_id=dossier.current_unit_id,
            assignee_id=dossier.assignee_id,
            step_due_at=dossier.current_step_due_at,
            step_started_at=dossier.current_step_started_at,
        )


def event_record(
    *,
    dossier: Dossier,
    before: Snapshot | None,
    actor: User | None,
    actor_role: str,
    action: str,
    at: datetime | None = None,
    reason: str = "",
    changes: dict[str, Any] | None = None,
    handoff: bool = False,
) -> DossierEvent:
    """Write the audit row of a change (and queue the citizen's notification when the
    status moved). ``handoff`` marks the end of the step the dossier was in: its
    timeliness against that step's due instant is recorded for the process control slip."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("event_record must run inside the transaction of the change")
    notifying = _notifying(before, dossier)
    from motcua.documents.services import SLIP_FOR_ACTION

    # The audit row, the notices and the jobs go in one statement with what the change
    # has not sent yet (``motcua.core.together``); an audit row alone needs no block.
    ids = record_ids(dossier, before)
    together = (
        rows_together(reserve=ids) if ids[Delivery] or action in SLIP_FOR_ACTION else nullcontext()
    )
    with together:
        return _event_write(
            dossier, before, actor, actor_role, action, at, reason, changes, handoff, notifying
        )


def change_record(
    dossier: Dossier,
    fields: list[str],
    *,
    before: Snapshot | None,
    actor: User | None,
    actor_role: str,
    action: str,
    at: datetime | None = None,
    reason: str = "",
    changes: dict[str, Any] | None = None,
    handoff: bool = False,
) -> DossierEvent:
    """Write ``fields`` of the claimed dossier and the change's audit row (with its
    notice and jobs, :func:`event_record`): on PostgreSQL in one statement, with the ids
    they need taken first (``motcua.core.together``)."""
    with rows_together(reserve=record_ids(dossier, before)):
        dossier_write(dossier, fields)
        return event_record(
            dossier=dossier,
            before=before,
            actor=actor,
            actor_role=actor_role,
            action=action,
            at=at,
            reason=reason,
            changes=changes,
            handoff=handoff,
        )


def record_ids(dossier: Dossier, before: Snapshot | None) -> dict[type[Model], int]:
    """The ids a change's audit row and its notices take, for ``rows_together``'s
    ``reserve``: one audit row, and a notice on each of the applicant's channels when
    the status moved."""
    notices = len(channels(dossier)) if _notifying(before, dossier) else 0
    return {DossierEvent: 1, Delivery: notices}


def _notifying(before: Snapshot | None, dossier: Dossier) -> bool:
    """The change tells the applicant: its status moved, and it is not a draft."""
    moved = before is None or before.status != dossier.status
    return moved and dossier.status != Status.DRAFT


def channels(dossier: Dossier) -> list[str]:
    """The addresses a notice of the dossier goes to (``notify._applicant``)."""
    return [a for a in (dossier.applicant_email, dossier.applicant_phone) if a]


def _event_write(
    dossier: Dossier,
    before: Snapshot | None,
    actor: User | None,
    actor_role: str,
    action: str,
    at: datetime | None,
    reason: str,
    changes: dict[str, Any] | None,
    handoff: bool,
    notifying: bool,
) -> DossierEvent:
    if dossier.version_unwritten:
        # A change that wrote none of the dossier's columns still counts as a version.
        dossier_write(dossier, [])
    at = at or timezone.now()
    event = DossierEvent(
        dossier=dossier,
        at=at,
        actor=actor,
        actor_role=actor_role,
        action=action,
        from_status=before.status if before else None,
        to_status=dossier.status,
        from_step_id=before.step_id if before else None,
        to_step_id=dossier.current_step_id,
        from_unit_id=before.unit_id if before else None,
        to_unit_id=dossier.current_unit_id,
        from_user_id=before.assignee_id if before else None,
        to_user_id=dossier.assignee_id,
        reason=reason,
        changes=changes or {},
        record_version=dossier.version,
    )
    if handoff and before is not None and before.step_due_at is not None:
        # Handed on before its clock even started (after the cut-off): no time was used.
        finished = max(at, before.step_started_at) if before.step_started_at else at
        judged = timeliness(
            now_or_finished=finished, due=before.step_due_at, calendar=calendar_of(dossier)
        )
        event.step_due_at = before.step_due_at
        event.timeliness = str(judged.status)
        # Signed: working minutes to spare, negative when late.
        event.timeliness_minutes = (
            -judged.late_minutes if judged.status == "late" else judged.early_minutes
        )
    insert_new(event)  # save()'s own work, without compiling the INSERT each time
    # The slip the event calls for (receipt, supplement request, ...) is made by a job
    # queued with this change, so a rolled-back change prints nothing; the slip's and the
    # notice's job rows are written together.
    from motcua.documents.services import slips_enqueue

    with jobs_together():
        slips_enqueue(event=event)
        if notifying:
            from motcua.dossiers.services.notify import notify_status_change

            notify_status_change(dossier=dossier, event=event)
    return event
