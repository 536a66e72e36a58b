"""The catalog as one JSON document (format ``motcua-catalog``, version 1).

    {"format": "motcua-catalog", "format_version": 1, "notes": "...",
     "sectors": [{"code": "ho-tich", "name": "Hộ tịch"}],
     "procedures": [{"code": "1.001193", ..., "versions": [{"number": 1, ...,
        "documents": [...], "fees": [...], "steps": [...]}]}]}

Keys are those of ``columns``; optional keys may be left out.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from motcua.catalog.io.columns import (
    DOCUMENT,
    FEE,
    PROCEDURE,
    SECTOR,
    STEP,
    VERSION,
    VERSION_JSON_ONLY,
    VERSION_KEY,
    Column,
    to_json,
)
from motcua.catalog.io.issues import MISSING_VALUE, Issues, fail, read_columns
from motcua.catalog.io.records import (
    FORMAT_NAME,
    FORMAT_VERSION,
    CatalogRecord,
    DocumentRecord,
    FeeRecord,
    ProcedureRecord,
    SectorRecord,
    StepRecord,
    VersionRecord,
    Where,
)

R = TypeVar("R")

_VERSION_COLUMNS = [VERSION_KEY[1], *VERSION, *VERSION_JSON_ONLY]
_CHILDREN = {"documents": DOCUMENT, "fees": FEE, "steps": STEP}
_TOP_KEYS = {"format", "format_version", "exported_at", "notes", "sectors", "procedures"}


def write_json(catalog: CatalogRecord, *, exported_at: str = "") -> bytes:
    document: dict[str, Any] = {"format": FORMAT_NAME, "format_version": FORMAT_VERSION}
    if exported_at:
        document["exported_at"] = exported_at
    if catalog.notes:
        document["notes"] = catalog.notes
    document["sectors"] = [_dump(SECTOR, s) for s in catalog.sectors]
    document["procedures"] = [_procedure_json(p) for p in catalog.procedures]
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode()


def _dump(columns: Sequence[Column], record: Any) -> dict[str, Any]:
    return {c.key: to_json(getattr(record, c.key)) for c in columns}


def _procedure_json(procedure: ProcedureRecord) -> dict[str, Any]:
    result = _dump(PROCEDURE, procedure)
    result["versions"] = []
    for version in procedure.versions:
        item = _dump(_VERSION_COLUMNS, version)
        for key, columns in _CHILDREN.items():
            item[key] = [_dump(columns, child) for child in getattr(version, key)]
        result["versions"].append(item)
    return result


def canonical_version(version: VersionRecord) -> VersionRecord:
    """The version as an import would read it back (text trimmed, durations normalised).

    Stored versions are compared in this form, so a published version edited in the admin
    with stray spaces is still the same rule when its own export comes back.
    """
    item = _dump(_VERSION_COLUMNS, version)
    for key, columns in _CHILDREN.items():
        item[key] = [_dump(columns, child) for child in getattr(version, key)]
    issues = Issues()
    again = _version(json.loads(json.dumps(item)), Where("", json_style=True), issues)
    return again if again is not None and not issues else version


def read_json(content: bytes) -> CatalogRecord:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise fail("Tệp không phải văn bản UTF-8 nên không thể là JSON.") from exc
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise fail(
            f"Tệp không phải JSON hợp lệ (dòng {exc.lineno}, cột {exc.colno}: {exc.msg})."
        ) from exc
    except RecursionError as exc:
        raise fail("Tệp JSON lồng nhau quá sâu.") from exc
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise fail(f'Tệp JSON phải là một đối tượng có "format": "{FORMAT_NAME}".')
    if document.get("format_version") != FORMAT_VERSION:
        raise fail(f'Chỉ đọc được "format_version": {FORMAT_VERSION}.')
    issues = Issues()
    _unknown_keys(document, _TOP_KEYS, Where("tệp", json_style=True), issues)
    catalog = CatalogRecord(
        sectors=_list(document, "sectors", Where("", json_style=True), issues, _sector),
        procedures=_list(document, "procedures", Where("", json_style=True), issues, _procedure),
        notes=document["notes"] if isinstance(document.get("notes"), str) else "",
    )
    issues.raise_if_any()
    return catalog


def _list(
    parent: dict[str, Any],
    key: str,
    where: Where,
    issues: Issues,
    build: Callable[[dict[str, Any], Where, Issues], R | None],
) -> list[R]:
    items = parent.get(key, [])
    base = f"{where.label}.{key}" if where.label else key
    if not isinstance(items, list):
        issues.add(base, "phải là một danh sách")
        return []
    result = []
    for index, item in enumerate(items):
        label = f"{base}[{index}]"
        if isinstance(item, dict) and isinstance(item.get("code"), str) and key == "procedures":
            label += f" ({item['code']})"
        if not isinstance(item, dict):
            issues.add(label, "phải là một đối tượng JSON")
            continue
        record = build(item, Where(label, json_style=True), issues)
        if record is not None:
            result.append(record)
    return result


def _unknown_keys(obj: dict[str, Any], allowed: set[str], where: Where, issues: Issues) -> None:
    for key in obj:
        if key not in allowed:
            issues.add(where.at(key), "trường này không có trong định dạng")


def _fields(
    obj: dict[str, Any], columns: Sequence[Column], where: Where, issues: Issues, extra: set[str]
) -> dict[str, Any] | None:
    _unknown_keys(obj, {c.key for c in columns} | extra, where, issues)
    return read_columns(columns, lambda c: obj.get(c.key, MISSING_VALUE), where, issues)


def _sector(obj: dict[str, Any], where: Where, issues: Issues) -> SectorRecord | None:
    values = _fields(obj, SECTOR, where, issues, set())
    return SectorRecord(**values, where=where) if values else None


def _procedure(obj: dict[str, Any], where: Where, issues: Issues) -> ProcedureRecord | None:
    values = _fields(obj, PROCEDURE, where, issues, {"versions"})
    versions = _list(obj, "versions", where, issues, _version)
    if values is None:
        return None
    return ProcedureRecord(**values, versions=versions, where=where)


def _version(obj: dict[str, Any], where: Where, issues: Issues) -> VersionRecord | None:
    values = _fields(obj, _VERSION_COLUMNS, where, issues, set(_CHILDREN))
    documents = _list(obj, "documents", where, issues, _child(DOCUMENT, DocumentRecord))
    fees = _list(obj, "fees", where, issues, _child(FEE, FeeRecord))
    steps = _list(obj, "steps", where, issues, _child(STEP, StepRecord))
    if values is None:
        return None
    return VersionRecord(**values, documents=documents, fees=fees, steps=steps, where=where)


def _child(
    columns: Sequence[Column], record: Callable[..., R]
) -> Callable[[dict[str, Any], Where, Issues], R | None]:
    def build(obj: dict[str, Any], where: Where, issues: Issues) -> R | None:
        values = _fields(obj, columns, where, issues, set())
        return record(**values, where=where) if values else None

    return build
