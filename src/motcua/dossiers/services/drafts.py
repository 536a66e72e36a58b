"""A citizen's drafts (status 0): saved as they are, checked only when submitted, and
deleted by their author if abandoned."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.audit.models import AuditEvent
from motcua.audit.services import audit_record
from motcua.catalog.models import ProcedureVersion
from motcua.core.moments import local_iso
from motcua.dossiers.errors import InvalidInput, InvalidTransition
from motcua.dossiers.models import Channel, Dossier, Status
from motcua.dossiers.permissions import require_applicant
from motcua.organizations.models import Agency

from .checklist import DocumentInput, checklist_store
from .intake import (
    ApplicantInput,
    draft_version,
    new_dossier,
    require_citizen,
    version_require_open,
)
from .orphans import attachment_files_release
from .records import Snapshot, change_record, dossier_claim, event_record


def dossier_draft_save(
    *,
    actor: User,
    version: ProcedureVersion,
    agency: Agency,
    declaration: dict[str, Any],
    documents: list[DocumentInput] | None = None,
    draft: Dossier | None = None,
    expected_version: int | None = None,
) -> Dossier:
    """Create or update a citizen's draft (status 0). Drafts are not validated against
    the schema: they are work in progress."""
    require_citizen(actor)
    if not isinstance(declaration, dict):
        raise InvalidInput(_("Tờ khai phải là một đối tượng JSON."), field="declaration")
    with transaction.atomic():
        if draft is None:
            version_require_open(version, agency)
            dossier = new_dossier(
                version=version,
                agency=agency,
                applicant=ApplicantInput.of_user(actor),
                applicant_user=actor,
                channel=Channel.ONLINE,
                declaration=declaration,
                status=Status.DRAFT,
            )
            event_record(
                dossier=dossier,
                before=None,
                actor=actor,
                actor_role="citizen",
                action="draft_create",
            )
        else:
            dossier = dossier_claim(
                dossier=draft, expected_version=draft_version(draft, expected_version)
            )
            require_applicant(actor, dossier)
            if dossier.status != Status.DRAFT:
                raise InvalidTransition(_("Hồ sơ đã nộp, không còn là bản nháp."))
            dossier.declaration = declaration
            change_record(
                dossier,
                ["declaration"],
                before=Snapshot.of(dossier),
                actor=actor,
                actor_role="citizen",
                action="draft_update",
            )
        if documents is not None:
            checklist_store(dossier=dossier, documents=documents)
    return dossier


def dossier_draft_delete(
    *, actor: User, draft: Dossier, expected_version: int | None = None
) -> AuditEvent:
    """The citizen deletes their own draft, with its checklist and files.

    Deleted, not marked: a draft has no code, was never received and has no legal
    standing, and what it holds is the citizen's personal data. Its own events go with it;
    the audit trail keeps who deleted which draft and when, without the declaration or
    the files' names. Files kept in the citizen's store are copies, and stay. A submitted
    dossier is never deleted (it may be withdrawn): the claim's version check makes a
    deletion and a submission of the same draft exclude each other."""
    require_citizen(actor)
    with transaction.atomic():
        dossier = dossier_claim(
            dossier=draft, expected_version=draft_version(draft, expected_version)
        )
        require_applicant(actor, dossier)
        if dossier.status != Status.DRAFT:
            raise InvalidTransition(
                _(
                    "Hồ sơ đã nộp nên không xóa được. Nếu không muốn cơ quan giải quyết nữa, "
                    "bạn có thể đề nghị rút hồ sơ."
                )
            )
        files = list(dossier.attachments.values_list("file", "sha256", "size"))
        procedure = dossier.procedure_version.procedure
        recorded = audit_record(
            action="draft_delete",
            subject=dossier,
            actor=actor,
            actor_role="citizen",
            summary=f"Xóa bản nháp hồ sơ #{dossier.pk} ({procedure.name})",
            changes={
                "procedure": procedure.code,
                "procedure_version": dossier.procedure_version_id,
                "agency": dossier.receiving_agency.code,
                "created_at": local_iso(dossier.created_at),
                "version": dossier.version - 1,  # the version deleted; the claim's is next
                "files": [{"sha256": sha256, "size": size} for _name, sha256, size in files],
            },
        )
        dossier.delete()
        attachment_files_release(name for name, _sha256, _size in files)
    return recorded
