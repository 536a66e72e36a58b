"""The actions an official may take on a dossier now, shown as buttons.

The services decide; this module only asks the same permission helpers to avoid
offering a button that would certainly be refused. A stale page still meets the
service's own checks (and its version check) when the button is pressed.
"""

from __future__ import annotations

from dataclasses import dataclass

from motcua.accounts.models import User
from motcua.catalog.published import version_parts
from motcua.dossiers.errors import NotAllowed
from motcua.dossiers.models import IN_PROGRESS_STATUSES, PAUSED_STATUSES, Dossier, Status
from motcua.dossiers.permissions import SUPERVISING_ROLES, require_step_actor, roles_at
from motcua.organizations.models import Role


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    needs_reason: bool = False
    reason_label: str = "Lý do"
    danger: bool = False


RECEIVE = Action("receive", "Tiếp nhận hồ sơ")
REFUSE = Action("refuse", "Từ chối tiếp nhận", True, "Lý do từ chối", danger=True)
SUPPLEMENT = Action("request_supplement", "Yêu cầu bổ sung", True, "Giấy tờ, thông tin cần bổ sung")
TAKE = Action("take", "Nhận xử lý hồ sơ này")
FORWARD = Action("forward", "Chuyển bước tiếp theo")
SEND_BACK = Action("send_back", "Trả lại bước trước", True, "Lý do trả lại", danger=True)
APPROVE = Action("approve", "Phê duyệt")
RESOLVE = Action("resolve", "Giải quyết xong (có kết quả)")
RETURN = Action("return_result", "Trả kết quả cho công dân")


def _step_actor(user: User, dossier: Dossier) -> bool:
    try:
        require_step_actor(user, dossier)
    except NotAllowed:
        return False
    return True


def allowed_actions(user: User, dossier: Dossier) -> list[Action]:
    desk = Role.CLERK in roles_at(user, dossier.receiving_agency_id)
    if dossier.status == Status.NEW:
        return [RECEIVE, SUPPLEMENT, REFUSE] if desk else []
    if dossier.status == Status.RESOLVED:
        return [RETURN] if desk else []
    if dossier.status not in IN_PROGRESS_STATUSES or not _step_actor(user, dossier):
        return []
    step = dossier.current_step
    assert step is not None
    actions: list[Action] = []
    supervising = roles_at(user, dossier.deciding_agency_id) & SUPERVISING_ROLES
    if dossier.assignee_id is None and not supervising:
        actions.append(TAKE)
    if step.role == Role.LEADER:
        actions.append(APPROVE)
    elif _has_later_step(dossier):
        actions.append(FORWARD)
    if dossier.status == Status.PROCESSING and (dossier.approved_at or not _has_leader(dossier)):
        actions.append(RESOLVE)
    if step.order > 1:
        actions.append(SEND_BACK)
    actions.append(SUPPLEMENT)
    return actions


def _has_later_step(dossier: Dossier) -> bool:
    order = dossier.current_step.order if dossier.current_step else 0
    return any(step.order > order for step in version_parts(dossier.procedure_version).steps)


def _has_leader(dossier: Dossier) -> bool:
    return any(step.role == Role.LEADER for step in version_parts(dossier.procedure_version).steps)


@dataclass(frozen=True)
class Holder:
    """Whom the dossier waits for, told to an official who has no action on it.

    ``kind`` is one of: ``step`` (an internal step: its name, role, unit and assignee),
    ``desk`` (to be received), ``return`` (result to hand back), ``citizen`` (paused for
    the applicant), ``closed`` (nothing left to do)."""

    kind: str
    agency: str = ""  # the agency whose desk must act (``desk``, ``return``)
    step: str = ""
    role: str = ""  # the role's label untranslated; the page translates it
    unit: str = ""
    assignee: str = ""


def dossier_holder(dossier: Dossier) -> Holder:
    if dossier.status == Status.NEW:
        return Holder("desk", agency=dossier.receiving_agency.name)
    if dossier.status == Status.RESOLVED:
        return Holder("return", agency=dossier.receiving_agency.name)
    if dossier.status in PAUSED_STATUSES:
        return Holder("citizen")
    step = dossier.current_step
    if dossier.status not in IN_PROGRESS_STATUSES or step is None:
        return Holder("closed")
    unit = dossier.current_unit
    assignee = dossier.assignee
    return Holder(
        "step",
        step=step.name,
        role=Role(step.role).label,
        # Without a unit of that kind at the agency, the agency itself is named.
        unit=unit.name if unit is not None else dossier.deciding_agency.name,
        assignee=(assignee.full_name or assignee.username) if assignee is not None else "",
    )
