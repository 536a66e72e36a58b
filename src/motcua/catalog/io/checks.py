"""Rules across records of one file, checked before the database is consulted.

Field-level reading already happened; here: codes, duplicates, fee rules, and the internal
process of each version against its legal duration (the same rules as the admin).
"""

from __future__ import annotations

from collections import Counter

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug

from motcua.catalog.io.issues import Issues
from motcua.catalog.io.records import CatalogRecord, FeeRecord, ProcedureRecord, VersionRecord
from motcua.catalog.models import Fee
from motcua.catalog.validation import validate_step_budgets
from motcua.core.validators import validate_procedure_code


def check_catalog(catalog: CatalogRecord, issues: Issues) -> None:
    sector_codes = Counter(s.code for s in catalog.sectors)
    sector_names = Counter(s.name for s in catalog.sectors)
    for sector in catalog.sectors:
        if not _slug_ok(sector.code):
            issues.add(sector.where.at("code"), "chỉ gồm chữ không dấu, số, '-' và '_'")
        if sector_codes[sector.code] > 1:
            issues.add(sector.where.at("code"), f"mã lĩnh vực '{sector.code}' bị lặp")
        if sector_names[sector.name] > 1:
            issues.add(sector.where.at("name"), f"tên lĩnh vực '{sector.name}' bị lặp")
    codes = Counter(p.code for p in catalog.procedures)
    for procedure in catalog.procedures:
        if codes[procedure.code] > 1:
            issues.add(procedure.where.at("code"), f"mã thủ tục {procedure.code} bị lặp")
        _check_procedure(procedure, issues)


def _slug_ok(value: str) -> bool:
    try:
        validate_slug(value)
    except ValidationError:
        return False
    return True


def _check_procedure(procedure: ProcedureRecord, issues: Issues) -> None:
    where = procedure.where
    for field, code in (("code", procedure.code), ("replaced_by", procedure.replaced_by)):
        if code is None:
            continue
        try:
            validate_procedure_code(code)
        except ValidationError as exc:
            issues.add(where.at(field), " ".join(exc.messages))
    if procedure.replaced_by and procedure.abolished_on is None:
        issues.add(where.at("abolished_on"), "thủ tục bị thay thế phải có ngày bãi bỏ")
    if procedure.replaced_by == procedure.code:
        issues.add(where.at("replaced_by"), "thủ tục không thể thay thế chính nó")
    numbers = Counter(v.number for v in procedure.versions)
    for version in procedure.versions:
        if version.number < 1:
            issues.add(version.where.at("number"), "số phiên bản bắt đầu từ 1")
        if numbers[version.number] > 1:
            issues.add(
                version.where.at("number"),
                f"phiên bản {version.number} của thủ tục {procedure.code} bị lặp",
            )
        _check_version(version, issues)


def _check_version(version: VersionRecord, issues: Issues) -> None:
    document_codes = Counter(d.code for d in version.documents)
    for document in version.documents:
        if not _slug_ok(document.code):
            issues.add(document.where.at("code"), "chỉ gồm chữ không dấu, số, '-' và '_'")
        elif document_codes[document.code] > 1:
            issues.add(document.where.at("code"), f"mã giấy tờ '{document.code}' bị lặp")
    for fee in version.fees:
        _check_fee(fee, issues)
    if version.steps or version.published_at is not None:
        try:
            validate_step_budgets(version.duration, [s.budget_hours for s in version.steps])
        except ValidationError as exc:
            issues.add(version.where.at("duration"), " ".join(exc.messages))


def _check_fee(fee: FeeRecord, issues: Issues) -> None:
    if fee.kind in {Fee.Kind.FIXED, Fee.Kind.PER_UNIT} and fee.amount is None:
        issues.add(fee.where.at("amount"), "khoản thu cố định hoặc theo đơn vị phải có số tiền")
    if fee.kind == Fee.Kind.PER_UNIT and not fee.unit:
        issues.add(fee.where.at("unit"), "khoản thu theo đơn vị phải ghi đơn vị tính")
    if fee.kind == Fee.Kind.FREE and fee.amount:
        issues.add(fee.where.at("amount"), "khoản miễn phí không có số tiền")
