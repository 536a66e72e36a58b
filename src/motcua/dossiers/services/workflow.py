"""Moving a received dossier through its internal process: assign, forward, send back,
approve, resolve and return the result."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from motcua.accounts.models import User
from motcua.catalog.models import ProcessStep
from motcua.catalog.published import version_parts
from motcua.dossiers.errors import InvalidInput, InvalidTransition, NotAllowed
from motcua.dossiers.models import IN_PROGRESS_STATUSES, Dossier, Status
from motcua.dossiers.permissions import (
    SUPERVISING_ROLES,
    holds_step,
    require_role,
    require_step_actor,
    roles_at,
)
from motcua.organizations.models import Role

from .clock import STEP_POSITION_FIELDS, calendar_of, step_enter, step_leave
from .records import (
    Claimable,
    Snapshot,
    change_record,
    dossier_claim,
    dossier_write,
    event_record,
)

STEP_FIELDS = ["status", *STEP_POSITION_FIELDS]


def _steps(dossier: Dossier) -> list[ProcessStep]:
    return list(version_parts(dossier.procedure_version).steps)


def _require_in_progress(dossier: Dossier, doing: str) -> None:
    """``doing`` is marked with gettext_noop by the caller and translated here."""
    if dossier.status not in IN_PROGRESS_STATUSES:
        raise InvalidTransition(
            _("Không thể %(action)s khi hồ sơ ở trạng thái «%(status)s».")
            % {"action": _(doing), "status": _(dossier.status_label)}
        )


def _check_assignee(dossier: Dossier, assignee: User | None, step: ProcessStep) -> None:
    if assignee is not None and not holds_step(assignee, dossier.deciding_agency_id, step):
        raise InvalidInput(
            # The account as the caller named it: an official of another agency is not
            # introduced by name to whoever typed their username.
            _("Tài khoản «%(username)s» không có vai trò thực hiện bước «%(step)s».")
            % {"username": assignee.username, "step": step.name},
            field="assignee",
        )


def dossier_assign(
    *, dossier: Claimable, actor: User, assignee: User, expected_version: int
) -> Dossier:
    """Give the current step to one official: the unit head or leader assigns anyone able
    to do the step; an official able to do it may take it for themselves."""
    with transaction.atomic():
        dossier = dossier_claim(dossier=dossier, expected_version=expected_version)
        _require_in_progress(dossier, gettext_noop("giao xử lý"))
        step = dossier.current_step
        assert step is not None
        supervising = roles_at(actor, dossier.deciding_agency_id) & SUPERVISING_ROLES
        if not supervising:
            role = require_step_actor(actor, dossier)
            if assignee.pk != actor.pk:
                raise NotAllowed(
                    _("Chỉ trưởng bộ phận hoặc lãnh đạo được giao hồ sơ cho người khác.")
                )
        else:
            role = sorted(supervising)[0]
        _check_assignee(dossier, assignee, step)
        before = Snapshot.of(dossier)
        dossier.assignee = assignee
        change_record(
            dossier, ["assignee"], before=before, actor=actor, actor_role=role, action="assign"
        )
        return dossier


def _move(
    dossier: Dossier,
    actor: User,
    role: str,
    target: ProcessStep,
    *,
    action: str,
    reason: str = "",
    assignee: User | None = None,
) -> Dossier:
    _check_assignee(dossier, assignee, target)
    before = Snapshot.of(dossier)
    now = timezone.now()
    step_enter(dossier, target, at=now)
    dossier.assignee = assignee
    dossier.status = Status.PROCESSING
    change_record(
        dossier,
        STEP_FIELDS,
        before=before,
        actor=actor,
        actor_role=role,
        action=action,
        at=now,
        reason=reason,
        handoff=True,
    )
    return dossier


def dossier_forward(
    *,
    dossier: Claimable,
    actor: User,
    expected_version: int,
    assignee: User | None = None,
    note: str = "",
) -> Dossier:
    """Hand the dossier to the next step of the internal process."""
    with transaction.atomic():
        dossier = dossier_claim(dossier=dossier, expected_version=expected_version)
        _require_in_progress(dossier, gettext_noop("chuyển bước"))
        role = require_step_actor(actor, dossier)
        later = [s for s in _steps(dossier) if s.order > _order(dossier)]
        if not later:
            raise InvalidTransition(_("Đây là bước cuối của quy trình; không còn bước để chuyển."))
        if dossier.current_step and dossier.current_step.role == Role.LEADER:
            raise InvalidTransition(_("Bước lãnh đạo được chuyển tiếp bằng thao tác phê duyệt."))
        return _move(
            dossier, actor, role, later[0], action="forward", reason=note, assignee=assignee
        )


def dossier_send_back(
    *, dossier: Claimable, actor: User, expected_version: int, step_order: int, reason: str
) -> Dossier:
    """Return the dossier to an earlier step, saying why."""
    with transaction.atomic():
        dossier = dossier_claim(dossier=dossier, expected_version=expected_version)
        _require_in_progress(dossier, gettext_noop("trả lại bước trước"))
        role = require_step_actor(actor, dossier)
        if not reason.strip():
            raise InvalidInput(_("Phải ghi lý do trả lại."), field="reason")
        target = next((s for s in _steps(dossier) if s.order == step_order), None)
        if target is None or target.order >= _order(dossier):
            raise InvalidInput(_("Chỉ được trả lại một bước trước bước hiện tại."), field="step")
        return _move(dossier, actor, role, target, action="send_back", reason=reason.strip())


def _order(dossier: Dossier) -> int:
    return dossier.current_step.order if dossier.current_step else 0


def dossier_approve(
    *, dossier: Claimable, actor: User, expected_version: int, note: str = ""
) -> Dossier:
    """The leader approves the result at the leadership step; the dossier moves on."""
    with transaction.atomic():
        dossier = dossier_claim(dossier=dossier, expected_version=expected_version)
        _require_in_progress(dossier, gettext_noop("phê duyệt"))
        step = dossier.current_step
        if step is None or step.role != Role.LEADER:
            raise InvalidTransition(_("Hồ sơ chưa đến bước lãnh đạo phê duyệt."))
        role = require_step_actor(actor, dossier)
        dossier.approved_at = timezone.now()
        dossier_write(dossier, ["approved_at"])
        later = [s for s in _steps(dossier) if s.order > step.order]
        if later:
            return _move(dossier, actor, role, later[0], action="approve", reason=note)
        before = Snapshot.of(dossier)
        event_record(
            dossier=dossier,
            before=before,
            actor=actor,
            actor_role=role,
            action="approve",
            reason=note,
        )
        return dossier


def dossier_resolve(
    *, dossier: Claimable, actor: User, expected_version: int, note: str = ""
) -> Dossier:
    """The result is issued (status 9): the legal clock stops here. If the process ends
    with a step (returning the result), the dossier waits there."""
    with transaction.atomic():
        dossier = dossier_claim(dossier=dossier, expected_version=expected_version)
        if dossier.status != Status.PROCESSING:
            raise InvalidTransition(
                _("Không thể giải quyết xong khi hồ sơ ở trạng thái «%(status)s».")
                % {"status": _(dossier.status_label)}
            )
        role = require_step_actor(actor, dossier)
        steps = _steps(dossier)
        if any(s.role == Role.LEADER for s in steps) and dossier.approved_at is None:
            raise InvalidTransition(_("Hồ sơ chưa được lãnh đạo phê duyệt."))
        before = Snapshot.of(dossier)
        now = timezone.now()
        dossier.status = Status.RESOLVED
        dossier.finished_at = now
        last = steps[-1]
        # The result then waits at the last step (returning it) until the desk hands it over.
        moves_on = last.order > _order(dossier)
        if moves_on:
            step_enter(dossier, last, at=now)
        change_record(
            dossier,
            [*STEP_FIELDS, "finished_at"],
            before=before,
            actor=actor,
            actor_role=role,
            action="resolve",
            at=now,
            reason=note,
            handoff=moves_on,
            changes=_overall(dossier),
        )
        return dossier


def _overall(dossier: Dossier) -> dict[str, object]:
    from motcua.workdays.engine import timeliness

    if dossier.due_at is None or dossier.finished_at is None:
        return {}
    judged = timeliness(
        now_or_finished=dossier.finished_at, due=dossier.due_at, calendar=calendar_of(dossier)
    )
    return {
        "timeliness": str(judged.status),
        "late_minutes": judged.late_minutes,
        "early_minutes": judged.early_minutes,
    }


def dossier_return_result(*, dossier: Claimable, actor: User, expected_version: int) -> Dossier:
    """The reception desk hands the result to the applicant (status 10)."""
    with transaction.atomic():
        dossier = dossier_claim(dossier=dossier, expected_version=expected_version)
        role = require_role(actor, dossier.receiving_agency, [Role.CLERK])
        if dossier.status != Status.RESOLVED:
            raise InvalidTransition(_("Chỉ trả kết quả cho hồ sơ đã giải quyết xong."))
        before = Snapshot.of(dossier)
        now = timezone.now()
        dossier.status = Status.RETURNED
        dossier.returned_at = now
        dossier.closed_at = now
        step_leave(dossier)
        change_record(
            dossier,
            [*STEP_FIELDS, "returned_at", "closed_at"],
            before=before,
            actor=actor,
            actor_role=role,
            action="return_result",
            at=now,
            handoff=True,
        )
        return dossier
