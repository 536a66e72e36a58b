"""Writing a checked catalog into the database.

Called only by ``catalog.services.catalog_import``, inside its transaction: every check
against the database runs before the first write, and any later failure rolls back all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any

from motcua.accounts.models import User
from motcua.audit.services import audit_record
from motcua.catalog.io.columns import to_json
from motcua.catalog.io.issues import Issues
from motcua.catalog.io.json_format import canonical_version
from motcua.catalog.io.records import CatalogRecord, ProcedureRecord, VersionRecord
from motcua.catalog.io.snapshot import procedure_record, version_record
from motcua.catalog.models import (
    Fee,
    Procedure,
    ProcedureVersion,
    ProcessStep,
    RequiredDocument,
    Sector,
)

Publish = Callable[..., ProcedureVersion]


@dataclass
class ImportReport:
    sectors_created: int = 0
    sectors_updated: int = 0
    procedures_created: int = 0
    procedures_updated: int = 0
    procedures_unchanged: int = 0
    versions_created: int = 0
    versions_updated: int = 0
    versions_published: int = 0
    versions_unchanged: int = 0
    dry_run: bool = False

    @property
    def changed(self) -> bool:
        return any(
            getattr(self, f.name)
            for f in fields(self)
            if f.name.endswith(("created", "updated", "published"))
        )

    def lines(self) -> list[str]:
        head = "Kiểm tra (không lưu)" if self.dry_run else "Đã nhập"
        return [
            f"{head}: lĩnh vực {self.sectors_created} mới, {self.sectors_updated} cập nhật.",
            f"Thủ tục: {self.procedures_created} mới, {self.procedures_updated} cập nhật, "
            f"{self.procedures_unchanged} giữ nguyên.",
            f"Phiên bản: {self.versions_created} mới, {self.versions_updated} cập nhật, "
            f"{self.versions_published} công bố, {self.versions_unchanged} giữ nguyên.",
        ]


def apply_catalog(catalog: CatalogRecord, *, actor: User | None, publish: Publish) -> ImportReport:
    existing = _existing_procedures([p.code for p in catalog.procedures])
    _check_against_database(catalog, existing)
    report = ImportReport()
    sectors = _apply_sectors(catalog, actor, report)
    for record in catalog.procedures:
        _apply_procedure(record, existing.get(record.code), sectors, actor, report, publish)
    _apply_replacements(catalog, actor)
    return report


def _existing_procedures(codes: list[str]) -> dict[str, Procedure]:
    queryset = (
        Procedure.objects.select_for_update(of=("self",))
        .select_related("sector", "replaced_by")
        .prefetch_related("versions__documents", "versions__fees", "versions__steps")
        .filter(code__in=codes)
    )
    return {p.code: p for p in queryset}


def _check_against_database(catalog: CatalogRecord, existing: dict[str, Procedure]) -> None:
    issues = Issues()
    names = dict(Sector.objects.values_list("name", "code"))
    sector_codes = set(names.values()) | {s.code for s in catalog.sectors}
    for sector in catalog.sectors:
        holder = names.get(sector.name)
        if holder is not None and holder != sector.code:
            issues.add(sector.where.at("name"), f"tên này đã dùng cho lĩnh vực mã '{holder}'")
    known_codes = set(Procedure.objects.values_list("code", flat=True))
    known_codes |= {p.code for p in catalog.procedures}
    for record in catalog.procedures:
        if record.sector not in sector_codes:
            issues.add(record.where.at("sector"), f"không có lĩnh vực mã '{record.sector}'")
        if record.replaced_by and record.replaced_by not in known_codes:
            issues.add(record.where.at("replaced_by"), f"không có thủ tục {record.replaced_by}")
        procedure = existing.get(record.code)
        stored = {v.number: v for v in procedure.versions.all()} if procedure else {}
        for version in record.versions:
            old = stored.get(version.number)
            if old is not None and old.is_published and _differs(old, version):
                issues.add(
                    version.where.at("number"),
                    f"phiên bản {version.number} của thủ tục {record.code} đã công bố và không "
                    "sửa được; nội dung mới phải nhập dưới số phiên bản mới",
                )
    issues.raise_if_any()


def _differs(stored: ProcedureVersion, incoming: VersionRecord) -> bool:
    return canonical_version(version_record(stored)).content() != incoming.content()


def _apply_sectors(
    catalog: CatalogRecord, actor: User | None, report: ImportReport
) -> dict[str, Sector]:
    sectors = {s.code: s for s in Sector.objects.all()}
    for record in catalog.sectors:
        sector = sectors.get(record.code)
        if sector is None:
            sector = Sector.objects.create(code=record.code, name=record.name)
            sectors[record.code] = sector
            report.sectors_created += 1
            _audit("catalog.sector_created", sector, actor, f"Tạo lĩnh vực {sector.name}")
        elif sector.name != record.name:
            changes = {"name": [sector.name, record.name]}
            sector.name = record.name
            sector.save(update_fields=["name"])
            report.sectors_updated += 1
            _audit(
                "catalog.sector_updated", sector, actor, f"Đổi tên lĩnh vực {sector.code}", changes
            )
    return sectors


def _apply_procedure(
    record: ProcedureRecord,
    procedure: Procedure | None,
    sectors: dict[str, Sector],
    actor: User | None,
    report: ImportReport,
    publish: Publish,
) -> None:
    attributes = record.attributes()
    attributes["sector"] = sectors[record.sector]
    if procedure is None:
        procedure = Procedure.objects.create(**attributes)
        report.procedures_created += 1
        _audit("catalog.procedure_created", procedure, actor, f"Tạo thủ tục {procedure}")
    else:
        old = procedure_record(procedure).attributes()
        changes = {
            k: [to_json(old[k]), to_json(v)] for k, v in record.attributes().items() if old[k] != v
        }
        if changes:
            for key in changes:
                setattr(procedure, key, attributes[key])
            procedure.save(update_fields=[*changes, "search_text", "updated_at"])
            report.procedures_updated += 1
            _audit(
                "catalog.procedure_updated", procedure, actor, f"Sửa thủ tục {procedure}", changes
            )
        else:
            report.procedures_unchanged += 1
    stored = {v.number: v for v in procedure.versions.all()}
    for version in record.versions:
        _apply_version(procedure, version, stored.get(version.number), actor, report, publish)


def _apply_version(
    procedure: Procedure,
    record: VersionRecord,
    stored: ProcedureVersion | None,
    actor: User | None,
    report: ImportReport,
    publish: Publish,
) -> None:
    if stored is None:
        stored = ProcedureVersion(procedure=procedure, number=record.number)
        _write_version(stored, record)
        report.versions_created += 1
        _audit("catalog.version_created", stored, actor, f"Tạo {stored}")
    elif not stored.is_published and _differs(stored, record):
        _write_version(stored, record)
        report.versions_updated += 1
        _audit("catalog.version_updated", stored, actor, f"Sửa bản nháp {stored}")
    elif stored.is_published or record.published_at is None:
        report.versions_unchanged += 1
        return
    if record.published_at is not None:
        publish(version=stored, actor=actor, at=record.published_at)
        report.versions_published += 1


_VERSION_FIELDS = [
    f.name
    for f in fields(VersionRecord)
    if f.name not in {"number", "duration", "published_at", "documents", "fees", "steps", "where"}
]


def _write_version(version: ProcedureVersion, record: VersionRecord) -> None:
    for name in _VERSION_FIELDS:
        setattr(version, name, getattr(record, name))
    version.duration_value = record.duration.value
    version.duration_unit = record.duration.unit.value
    version.save()
    for model in (RequiredDocument, Fee, ProcessStep):
        model.objects.filter(version=version).delete()
    RequiredDocument.objects.bulk_create(
        RequiredDocument(version=version, order=i, **_values(d))
        for i, d in enumerate(record.documents, 1)
    )
    Fee.objects.bulk_create(
        Fee(version=version, order=i, **_values(f)) for i, f in enumerate(record.fees, 1)
    )
    ProcessStep.objects.bulk_create(
        ProcessStep(version=version, order=i, **_values(s)) for i, s in enumerate(record.steps, 1)
    )


def _values(record: Any) -> dict[str, Any]:
    return {f.name: getattr(record, f.name) for f in fields(record) if f.name != "where"}


def _apply_replacements(catalog: CatalogRecord, actor: User | None) -> None:
    wanted = {p.code: p.replaced_by for p in catalog.procedures}
    procedures = Procedure.objects.select_related("replaced_by").filter(code__in=list(wanted))
    ids = dict(
        Procedure.objects.filter(code__in=[c for c in wanted.values() if c]).values_list(
            "code", "id"
        )
    )
    for procedure in procedures:
        current = procedure.replaced_by.code if procedure.replaced_by else None
        target = wanted[procedure.code]
        if current == target:
            continue
        procedure.replaced_by_id = ids[target] if target else None
        procedure.save(update_fields=["replaced_by", "updated_at"])
        changes = {"replaced_by": [current, target]}
        _audit("catalog.procedure_updated", procedure, actor, f"Sửa thủ tục {procedure}", changes)


def _audit(
    action: str,
    subject: Any,
    actor: User | None,
    summary: str,
    changes: dict[str, Any] | None = None,
) -> None:
    audit_record(action=action, subject=subject, actor=actor, summary=summary, changes=changes)
