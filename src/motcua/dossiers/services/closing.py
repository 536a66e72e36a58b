"""Ending a dossier without a result: refusal at reception, withdrawal before it, and
stopping at the citizen's request before a decision."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.dossiers.errors import InvalidInput, InvalidTransition, NotAllowed
from motcua.dossiers.models import Dossier, Status
from motcua.dossiers.permissions import require_role, roles_at
from motcua.organizations.models import Role

from .clock import step_leave
from .records import Claimable, Snapshot, change_record, dossier_claim
from .workflow import STEP_FIELDS


def withdrawable(dossier: Dossier) -> bool:
    """The citizen may still take it back: submitted, and not received yet."""
    return dossier.received_at is None and dossier.status in (
        Status.NEW,
        Status.SUPPLEMENT_REQUESTED,
    )


def _close(
    dossier: Dossier, actor: User, role: str, *, to: Status, action: str, reason: str
) -> Dossier:
    before = Snapshot.of(dossier)
    now = timezone.now()
    dossier.status = to
    dossier.closed_at = now
    dossier.status_before_pause = None
    handoff = dossier.current_step_id is not None
    step_leave(dossier)
    change_record(
        dossier,
        [*STEP_FIELDS, "closed_at", "status_before_pause"],
        before=before,
        actor=actor,
        actor_role=role,
        action=action,
        at=now,
        reason=reason,
        handoff=handoff,
    )
    return dossier


def _reason(reason: str) -> str:
    if not reason.strip():
        raise InvalidInput(_("Phải ghi rõ lý do."), field="reason")
    return reason.strip()


def dossier_refuse(
    *, dossier: Claimable, actor: User, expected_version: int, reason: str
) -> Dossier:
    """The desk does not accept the dossier (status 3), saying why."""
    with transaction.atomic():
        dossier = dossier_claim(dossier=dossier, expected_version=expected_version)
        role = require_role(actor, dossier.receiving_agency, [Role.CLERK])
        if not withdrawable(dossier):
            raise InvalidTransition(_("Chỉ từ chối tiếp nhận hồ sơ chưa được tiếp nhận."))
        return _close(
            dossier, actor, role, to=Status.REFUSED, action="refuse", reason=_reason(reason)
        )


def _citizen_or_desk(actor: User, dossier: Dossier) -> str:
    if dossier.applicant_id is not None and dossier.applicant_id == actor.pk:
        return "citizen"
    if Role.CLERK in roles_at(actor, dossier.receiving_agency_id):
        return Role.CLERK
    raise NotAllowed(
        _(
            "Chỉ người nộp hồ sơ hoặc Bộ phận Một cửa (theo đề nghị của người nộp) "
            "được rút hoặc dừng hồ sơ."
        )
    )


def dossier_withdraw(
    *, dossier: Claimable, actor: User, expected_version: int, reason: str = ""
) -> Dossier:
    """The citizen takes the dossier back before it is received (status 7)."""
    with transaction.atomic():
        dossier = dossier_claim(dossier=dossier, expected_version=expected_version)
        role = _citizen_or_desk(actor, dossier)
        if not withdrawable(dossier):
            raise InvalidTransition(
                _("Hồ sơ đã được tiếp nhận; hãy đề nghị dừng xử lý thay vì rút hồ sơ.")
            )
        return _close(
            dossier,
            actor,
            role,
            to=Status.WITHDRAWN,
            action="withdraw",
            reason=reason.strip() or "Công dân đề nghị rút hồ sơ.",
        )


def dossier_stop(*, dossier: Claimable, actor: User, expected_version: int, reason: str) -> Dossier:
    """Stop processing at the citizen's request (status 8), only before a decision."""
    with transaction.atomic():
        dossier = dossier_claim(dossier=dossier, expected_version=expected_version)
        role = _citizen_or_desk(actor, dossier)
        open_states = {
            Status.RECEIVED,
            Status.PROCESSING,
            Status.SUPPLEMENT_REQUESTED,
            Status.OBLIGATION_REQUESTED,
        }
        if dossier.received_at is None or dossier.status not in open_states:
            raise InvalidTransition(
                _("Không thể dừng xử lý khi hồ sơ ở trạng thái «%(status)s».")
                % {"status": _(dossier.status_label)}
            )
        if dossier.approved_at is not None:
            raise InvalidTransition(_("Hồ sơ đã có quyết định giải quyết, không thể dừng xử lý."))
        return _close(
            dossier, actor, role, to=Status.STOPPED, action="stop", reason=_reason(reason)
        )
