"""Waiting for the citizen: supplement requests and financial obligations stop the clock;
the citizen's answer restarts it and moves the deadlines by the time spent waiting."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.core.moments import local_iso
from motcua.dossiers.errors import InvalidInput, InvalidTransition, NotAllowed
from motcua.dossiers.models import Attachment, Dossier, Provision, Status
from motcua.dossiers.permissions import require_role, require_step_actor, roles_at
from motcua.organizations.models import Role

from .attachments import attached_since_request
from .checklist import DocumentInput, checklist_require_complete, checklist_store
from .clock import clock_pause, clock_resume
from .declaration import declaration_validate
from .records import Claimable, Snapshot, change_record, dossier_claim

PAUSE_FIELDS = ["status", "status_before_pause", "paused_at"]
RESUME_FIELDS = [
    "status",
    "status_before_pause",
    "paused_at",
    "paused_minutes",
    "due_at",
    "current_step_due_at",
    "declaration",
]


def _acting_role(actor: User, dossier: Dossier) -> str:
    """Before reception the desk asks; afterwards whoever holds the current step (or the
    desk, which talks to the citizen)."""
    if dossier.status == Status.NEW or Role.CLERK in roles_at(actor, dossier.receiving_agency_id):
        return require_role(actor, dossier.receiving_agency, [Role.CLERK])
    return require_step_actor(actor, dossier)


def _pause(
    dossier: Dossier,
    actor: User,
    *,
    to: Status,
    reason: str,
    allowed: set[int],
    action: str,
    changes: dict[str, Any] | None = None,
) -> Dossier:
    if dossier.status not in allowed:
        raise InvalidTransition(
            _("Không thể «%(action)s» khi hồ sơ ở trạng thái «%(status)s».")
            % {"action": _(to.label).lower(), "status": _(dossier.status_label)}
        )
    role = _acting_role(actor, dossier)
    if not reason.strip():
        raise InvalidInput(_("Phải ghi rõ nội dung yêu cầu."), field="reason")
    before = Snapshot.of(dossier)
    now = timezone.now()
    dossier.status_before_pause = dossier.status
    dossier.status = to
    clock_pause(dossier, at=now)
    change_record(
        dossier,
        PAUSE_FIELDS,
        before=before,
        actor=actor,
        actor_role=role,
        action=action,
        at=now,
        reason=reason.strip(),
        changes=changes,
    )
    return dossier


def dossier_request_supplement(
    *, dossier: Claimable, actor: User, expected_version: int, reason: str
) -> Dossier:
    """Ask the citizen to complete the dossier (status 5); the clock stops."""
    with transaction.atomic():
        dossier = dossier_claim(dossier=dossier, expected_version=expected_version)
        return _pause(
            dossier,
            actor,
            to=Status.SUPPLEMENT_REQUESTED,
            reason=reason,
            allowed={Status.NEW, Status.RECEIVED, Status.PROCESSING},
            action="request_supplement",
        )


def dossier_request_obligation(
    *,
    dossier: Claimable,
    actor: User,
    expected_version: int,
    reason: str,
    amount: int | None = None,
) -> Dossier:
    """Ask the citizen to pay fees or taxes (status 6); the clock stops."""
    if amount is not None and amount < 0:
        raise InvalidInput(_("Số tiền không được âm."), field="amount")
    with transaction.atomic():
        dossier = dossier_claim(dossier=dossier, expected_version=expected_version)
        return _pause(
            dossier,
            actor,
            to=Status.OBLIGATION_REQUESTED,
            reason=reason,
            allowed={Status.RECEIVED, Status.PROCESSING},
            action="request_obligation",
            changes={"amount": amount},
        )


def _resume(dossier: Dossier, actor: User, role: str, *, action: str, note: str) -> Dossier:
    before = Snapshot.of(dossier)
    now = timezone.now()
    minutes = clock_resume(dossier, at=now)
    dossier.status = dossier.status_before_pause or Status.NEW
    dossier.status_before_pause = None
    change_record(
        dossier,
        RESUME_FIELDS,
        before=before,
        actor=actor,
        actor_role=role,
        action=action,
        at=now,
        reason=note,
        changes={
            "paused_minutes": minutes,
            "due_at": local_iso(dossier.due_at),
        },
    )
    return dossier


def dossier_supplement(
    *,
    dossier: Claimable,
    actor: User,
    expected_version: int,
    declaration: dict[str, Any] | None = None,
    documents: list[DocumentInput] | None = None,
    note: str = "",
) -> Dossier:
    """The citizen (or the desk on their behalf) supplies what was asked; the clock runs
    again and both deadlines move by the working time spent waiting."""
    with transaction.atomic():
        dossier = dossier_claim(dossier=dossier, expected_version=expected_version)
        if dossier.status != Status.SUPPLEMENT_REQUESTED:
            raise InvalidTransition(_("Hồ sơ không ở trạng thái chờ bổ sung."))
        if dossier.applicant_id is not None and dossier.applicant_id == actor.pk:
            role = "citizen"
        elif Role.CLERK in roles_at(actor, dossier.receiving_agency_id):
            role = Role.CLERK
        else:
            raise NotAllowed(_("Chỉ người nộp hồ sơ hoặc Bộ phận Một cửa được bổ sung hồ sơ."))
        changed = declaration is not None and declaration != dossier.declaration
        # Paper handed in or a document reused from the store is new by itself; an upload
        # shows as a file that came in while the dossier waited.
        declared = any(d.provision in _HANDED_IN for d in documents or [])
        if not (changed or declared or note.strip() or _uploaded_since_asked(dossier)):
            raise InvalidInput(
                _(
                    "Chưa có gì để bổ sung: hãy tải lên giấy tờ cơ quan yêu cầu, sửa tờ khai "
                    "hoặc ghi chú điều đã bổ sung (ví dụ: đã nộp bản giấy tại quầy) rồi gửi lại."
                ),
                field="supplement",
            )
        if declaration is not None:
            declaration_validate(declaration, dossier.procedure_version.declaration_schema)
            dossier.declaration = declaration
        if documents:
            checklist_store(dossier=dossier, documents=documents)
        # A file withdrawn while supplementing must have been replaced.
        checklist_require_complete(dossier)
        return _resume(dossier, actor, role, action="supplement", note=note)


_HANDED_IN = (Provision.AT_COUNTER, Provision.REUSED)


def _uploaded_since_asked(dossier: Dossier) -> bool:
    """Whether a file added since the supplement was asked for is still there."""
    added = attached_since_request(dossier.pk)
    return bool(added) and Attachment.objects.filter(dossier_id=dossier.pk, pk__in=added).exists()


def dossier_fulfil_obligation(
    *, dossier: Claimable, actor: User, expected_version: int, reference: str = ""
) -> Dossier:
    """The desk records that the citizen has paid; the clock runs again."""
    with transaction.atomic():
        dossier = dossier_claim(dossier=dossier, expected_version=expected_version)
        role = require_role(actor, dossier.receiving_agency, [Role.CLERK])
        if dossier.status != Status.OBLIGATION_REQUESTED:
            raise InvalidTransition(_("Hồ sơ không ở trạng thái chờ thực hiện nghĩa vụ tài chính."))
        return _resume(dossier, actor, role, action="fulfil_obligation", note=reference)
