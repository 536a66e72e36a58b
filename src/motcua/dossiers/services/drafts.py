"""A citizen's drafts (status 0): saved as they are, checked only when submitted."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
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
from .records import Snapshot, dossier_claim, dossier_write, event_record


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
            dossier_write(dossier, ["declaration"])
            event_record(
                dossier=dossier,
                before=Snapshot.of(dossier),
                actor=actor,
                actor_role="citizen",
                action="draft_update",
            )
        if documents is not None:
            checklist_store(dossier=dossier, documents=documents)
    return dossier
