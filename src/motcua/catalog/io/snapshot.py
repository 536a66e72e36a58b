"""The catalog stored in the database, as records (what an export writes)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Prefetch

from motcua.catalog.io.records import (
    CatalogRecord,
    DocumentRecord,
    FeeRecord,
    ProcedureRecord,
    SectorRecord,
    StepRecord,
    VersionRecord,
)
from motcua.catalog.models import Procedure, ProcedureVersion, Sector


def catalog_snapshot(procedures: Iterable[Procedure] | None = None) -> CatalogRecord:
    """Every sector and procedure with all its versions, oldest version first."""
    if procedures is None:
        procedures = (
            Procedure.objects.select_related("sector", "replaced_by")
            .prefetch_related(
                Prefetch(
                    "versions",
                    queryset=ProcedureVersion.objects.order_by("number").prefetch_related(
                        "documents", "fees", "steps"
                    ),
                )
            )
            .order_by("code")
        )
    return CatalogRecord(
        sectors=[SectorRecord(s.code, s.name) for s in Sector.objects.order_by("code")],
        procedures=[procedure_record(p) for p in procedures],
    )


def procedure_record(procedure: Procedure) -> ProcedureRecord:
    return ProcedureRecord(
        code=procedure.code,
        name=procedure.name,
        sector=procedure.sector.code,
        level=procedure.level,
        service_level=procedure.service_level,
        managing_ministry=procedure.managing_ministry,
        keywords=procedure.keywords,
        is_demo=procedure.is_demo,
        abolished_on=procedure.abolished_on,
        abolition_decision=procedure.abolition_decision,
        replaced_by=procedure.replaced_by.code if procedure.replaced_by else None,
        versions=[version_record(v) for v in procedure.versions.all()],
    )


def version_record(version: ProcedureVersion) -> VersionRecord:
    return VersionRecord(
        number=version.number,
        effective_from=version.effective_from,
        duration=version.duration,
        change_kind=version.change_kind,
        publishing_decision=version.publishing_decision,
        change_summary=version.change_summary,
        published_at=version.published_at,
        duration_note=version.duration_note,
        channel_durations=dict(sorted((version.channel_durations or {}).items())),
        cutoff_time=version.cutoff_time,
        fee_summary=version.fee_summary,
        results=list(version.results or []),
        legal_basis=list(version.legal_basis or []),
        conditions=version.conditions,
        steps_description=version.steps_description,
        submission_place=version.submission_place,
        result_place=version.result_place,
        applicants=version.applicants,
        declaration_schema=dict(version.declaration_schema or {}),
        documents=[
            DocumentRecord(
                code=d.code,
                name=d.name,
                originals=d.originals,
                copies=d.copies,
                requirement=d.requirement,
                condition=d.condition,
                action=d.action,
                accepted_types=list(d.accepted_types or []),
                form_template=d.form_template,
                declared_online=d.declared_online,
            )
            for d in sorted(version.documents.all(), key=lambda d: d.order)
        ],
        fees=[
            FeeRecord(
                name=f.name,
                kind=f.kind,
                amount=f.amount,
                unit=f.unit,
                channel=f.channel,
                exemptions=f.exemptions,
                note=f.note,
            )
            for f in sorted(version.fees.all(), key=lambda f: f.order)
        ],
        steps=[
            StepRecord(s.name, s.unit_kind, s.role, s.budget_hours)
            for s in sorted(version.steps.all(), key=lambda s: s.order)
        ],
    )
