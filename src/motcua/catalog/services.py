"""State changes of the catalog. Every change writes an audit row in its transaction."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from motcua.accounts.models import User
from motcua.audit.services import audit_record
from motcua.catalog.io.importing import ImportReport, apply_catalog
from motcua.catalog.io.records import CatalogRecord
from motcua.catalog.models import Fee, ProcedureVersion, ProcessStep, RequiredDocument
from motcua.catalog.validation import validate_step_budgets, validate_version_fields
from motcua.organizations.models import Agency

__all__ = [
    "ImportReport",
    "catalog_import",
    "procedure_link_agencies",
    "version_create_draft",
    "version_publish",
]


def version_publish(
    *, version: ProcedureVersion, actor: User | None, at: datetime | None = None
) -> ProcedureVersion:
    """Publish a draft version after checking everything a dossier will rely on.

    ``at`` keeps the original publication instant when a catalog moves between systems.
    """
    with transaction.atomic():
        version = ProcedureVersion.objects.select_for_update().get(pk=version.pk)
        if version.is_published:
            raise ValidationError("Phiên bản này đã được công bố; hãy tạo phiên bản mới.")
        validate_version_fields(version)
        validate_step_budgets(
            version.duration, version.steps.values_list("budget_hours", flat=True)
        )
        version.published_at = at or timezone.now()
        version.save(update_fields=["published_at"])
        audit_record(
            action="catalog.version_published",
            subject=version,
            actor=actor,
            summary=f"Công bố {version}",
        )
    return version


def version_create_draft(*, version: ProcedureVersion, actor: User | None) -> ProcedureVersion:
    """A new draft numbered after the procedure's latest version, copying that version.

    Published versions never change; amending a procedure always starts here.
    """
    with transaction.atomic():
        procedure = version.procedure
        latest = procedure.versions.order_by("-number").select_for_update().first()
        assert latest is not None
        if not latest.is_published:
            raise ValidationError(
                f"Thủ tục {procedure.code} đã có bản nháp phiên bản {latest.number}; "
                "hãy sửa bản nháp đó."
            )
        draft = ProcedureVersion.objects.get(pk=latest.pk)
        draft.pk = None
        draft.number = latest.number + 1
        draft.published_at = None
        draft.change_kind = ProcedureVersion.ChangeKind.AMENDED
        draft.change_summary = ""
        draft.effective_from = max(timezone.localdate(), latest.effective_from)
        draft.save()
        _copy_children(latest, draft)
        audit_record(
            action="catalog.version_drafted",
            subject=draft,
            actor=actor,
            summary=f"Tạo bản nháp {draft} từ phiên bản {latest.number}",
        )
    return draft


def _copy_children(source: ProcedureVersion, target: ProcedureVersion) -> None:
    RequiredDocument.objects.bulk_create(_copies(source.documents.all(), target))
    Fee.objects.bulk_create(_copies(source.fees.all(), target))
    ProcessStep.objects.bulk_create(_copies(source.steps.all(), target))


Child = TypeVar("Child", RequiredDocument, Fee, ProcessStep)


def _copies(rows: Iterable[Child], target: ProcedureVersion) -> list[Child]:
    result = list(rows)
    for row in result:
        row.pk = None
        row.version = target
    return result


def procedure_link_agencies(
    *, procedure_code: str, agencies: Iterable[Agency], actor: User | None
) -> int:
    """Let agencies receive a procedure; returns how many links were added."""
    from motcua.catalog.models import Procedure

    with transaction.atomic():
        procedure = Procedure.objects.select_for_update().get(code=procedure_code)
        present = set(procedure.agencies.values_list("pk", flat=True))
        added = [a for a in agencies if a.pk not in present]
        if added:
            procedure.agencies.add(*added)
            audit_record(
                action="catalog.procedure_agencies_linked",
                subject=procedure,
                actor=actor,
                summary=f"Giao thủ tục {procedure.code} cho {len(added)} cơ quan",
                changes={"added": [a.code for a in added]},
            )
    return len(added)


def catalog_import(
    *, catalog: CatalogRecord, actor: User | None, dry_run: bool = False
) -> ImportReport:
    """Create or update sectors, procedures and versions from a checked file, all or nothing.

    A published version is immutable: the same content again is a no-op, different content
    under its number is an error for the whole import. ``dry_run`` checks and counts, then
    rolls everything back.
    """
    with transaction.atomic():
        report = apply_catalog(catalog, actor=actor, publish=version_publish)
        report.dry_run = dry_run
        if dry_run:
            transaction.set_rollback(True)
    return report
