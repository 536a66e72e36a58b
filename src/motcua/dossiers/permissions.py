"""Who may act on a dossier: staff roles at an agency, and the current step's role."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.catalog.models import ProcessStep
from motcua.dossiers.errors import NotAllowed
from motcua.dossiers.models import Dossier
from motcua.organizations.models import Agency, Role
from motcua.organizations.selectors import staff_roles

SUPERVISING_ROLES = frozenset({Role.UNIT_HEAD, Role.LEADER})


def roles_at(user: User, agency: Agency | int) -> set[str]:
    agency_id = agency if isinstance(agency, int) else agency.pk
    if not user.is_authenticated or user.kind != User.Kind.STAFF:
        return set()
    return {held.role for held in staff_roles(user) if held.agency_id == agency_id}


def require_role(user: User, agency: Agency, roles: Iterable[str]) -> str:
    """The first of ``roles`` the user holds at the agency, or a refusal."""
    held = roles_at(user, agency)
    for role in roles:
        if role in held:
            return role
    wanted = ", ".join(_(Role(r).label).lower() for r in roles)
    raise NotAllowed(
        _("Chỉ %(roles)s của %(agency)s mới được thực hiện thao tác này.")
        % {"roles": wanted, "agency": agency.name}
    )


def holds_step(user: User, agency_id: int, step: ProcessStep) -> bool:
    """The user holds the step's role at the agency, in a unit of the step's kind (or in
    no particular unit)."""
    return any(
        held.agency_id == agency_id
        and held.role == step.role
        and (held.unit is None or held.unit.kind == step.unit_kind)
        for held in staff_roles(user)
    )


def require_step_actor(user: User, dossier: Dossier) -> str:
    """The actor must hold the current step's role; once the dossier is assigned, only
    the assignee or a unit head/leader of the agency may move it on."""
    step = dossier.current_step
    if step is None:
        raise NotAllowed(_("Hồ sơ không ở bước xử lý nào."))
    if not holds_step(user, dossier.deciding_agency_id, step):
        raise NotAllowed(
            _(
                "Bước «%(step)s» do %(role)s thực hiện; "
                "bạn không có vai trò này tại cơ quan giải quyết."
            )
            % {"step": step.name, "role": _(Role(step.role).label).lower()}
        )
    taken = dossier.assignee_id is not None and dossier.assignee_id != user.pk
    if taken and not roles_at(user, dossier.deciding_agency_id) & SUPERVISING_ROLES:
        raise NotAllowed(_("Hồ sơ đang được giao cho cán bộ khác xử lý."))
    return str(step.role)


def require_applicant(user: User, dossier: Dossier) -> None:
    if dossier.applicant_id is None or dossier.applicant_id != user.pk:
        raise NotAllowed(_("Chỉ người nộp hồ sơ mới được thực hiện thao tác này."))
