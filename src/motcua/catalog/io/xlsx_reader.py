"""Reading a catalog workbook defensively: it may be garbage, a bomb or a different file.

The zip container is inspected before openpyxl sees it; rows are streamed and capped.
"""

from __future__ import annotations

import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any

from openpyxl import load_workbook

from motcua.catalog.io import fields as f
from motcua.catalog.io.columns import CHANNEL_COLUMNS, SCHEMA_TEXT, Column
from motcua.catalog.io.issues import (
    MISSING_VALUE,
    CatalogFileError,
    Issue,
    Issues,
    fail,
    read_columns,
)
from motcua.catalog.io.records import (
    CatalogRecord,
    DocumentRecord,
    FeeRecord,
    ProcedureRecord,
    SectorRecord,
    StepRecord,
    VersionRecord,
    Where,
)
from motcua.catalog.io.xlsx_format import (
    CHILD_SHEETS,
    FORMS,
    PROCEDURES,
    SECTORS,
    SHEET_COLUMNS,
    VERSIONS,
)

MAX_ROWS = 20_000
MAX_SCANNED_ROWS = 200_000
MAX_COLUMNS = 64
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_ZIP_ENTRIES = 500

_CHILD_RECORDS: dict[str, Any] = {
    "documents": DocumentRecord,
    "fees": FeeRecord,
    "steps": StepRecord,
}

VersionKey = tuple[str, int]


@dataclass
class _Row:
    values: dict[str, Any]
    where: Where


@dataclass
class _Children:
    rows: dict[VersionKey, list[tuple[int, Any, Where]]] = field(
        default_factory=lambda: defaultdict(list)
    )


def read_xlsx(content: bytes) -> CatalogRecord:
    _check_container(content)
    try:
        workbook = load_workbook(BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on foreign or broken files
        raise fail("Tệp không phải sổ tính Excel (.xlsx) hợp lệ.") from exc
    try:
        return _read_workbook(workbook)
    except CatalogFileError:
        raise
    except Exception as exc:  # a broken sheet's XML surfaces only while streaming rows
        raise fail(f"Không đọc được nội dung sổ tính: {exc.__class__.__name__}.") from exc
    finally:
        workbook.close()


def _check_container(content: bytes) -> None:
    if not content.startswith(b"PK\x03\x04"):
        raise fail("Tệp không phải sổ tính Excel (.xlsx) hợp lệ.")
    try:
        with zipfile.ZipFile(BytesIO(content)) as archive:
            entries = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise fail("Tệp .xlsx bị hỏng (không mở được gói nén).") from exc
    if len(entries) > MAX_ZIP_ENTRIES:
        raise fail(f"Sổ tính có quá nhiều thành phần ({len(entries)}).")
    if sum(e.file_size for e in entries) > MAX_UNCOMPRESSED_BYTES:
        raise fail("Sổ tính khi giải nén vượt quá 200 MB; hãy chia nhỏ tệp.")


def _read_workbook(workbook: Any) -> CatalogRecord:
    issues = Issues()
    missing = [title for title in SHEET_COLUMNS if title not in workbook.sheetnames]
    if missing:
        names = ", ".join(f"'{m}'" for m in missing)
        raise fail(f"Sổ tính thiếu sheet {names}.")
    sheets = {title: list(_rows(workbook[title], title, issues)) for title in SHEET_COLUMNS}
    issues.raise_if_any()
    catalog = CatalogRecord(
        sectors=[SectorRecord(**r.values, where=r.where) for r in sheets[SECTORS]],
        procedures=[ProcedureRecord(**r.values, where=r.where) for r in sheets[PROCEDURES]],
    )
    versions = _attach_versions(catalog, sheets[VERSIONS], issues)
    for title, key in CHILD_SHEETS.items():
        _attach_children(versions, sheets[title], key, issues)
    _attach_schemas(versions, sheets[FORMS], issues)
    issues.raise_if_any()
    return catalog


def _rows(sheet: Any, title: str, issues: Issues) -> Iterator[_Row]:
    columns = SHEET_COLUMNS[title]
    stream = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
    header = next(stream, None)
    positions = _header_positions(header or (), columns, title)
    by_key = {c.key: c.header for c in columns}
    kept = 0
    for number, row in enumerate(stream, start=2):
        if number > MAX_SCANNED_ROWS:
            raise fail(f"Sheet '{title}' có quá {MAX_SCANNED_ROWS:,} dòng.".replace(",", "."))
        if all(_blank(v) for v in row):
            continue
        kept += 1
        if kept > MAX_ROWS:
            raise fail(f"Sheet '{title}' có quá {MAX_ROWS:,} dòng dữ liệu.".replace(",", "."))
        where = Where(f"Sheet '{title}', dòng {number}", columns=by_key)
        cells = {key: (row[i] if i < len(row) else None) for key, i in positions.items()}
        values = read_columns(columns, _getter(cells), where, issues)
        if values is not None:
            yield _Row(values, where)


def _getter(cells: dict[str, Any]) -> Callable[[Column], Any]:
    return lambda column: cells.get(column.key, MISSING_VALUE)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _header_positions(header: tuple[Any, ...], columns: list[Column], title: str) -> dict[str, int]:
    by_header = {c.header: c.key for c in columns}
    positions: dict[str, int] = {}
    problems = []
    for index, cell in enumerate(header):
        if _blank(cell):
            continue
        name = str(cell).strip()
        if name not in by_header:
            problems.append(f"cột '{name}' không có trong định dạng")
        elif by_header[name] in positions:
            problems.append(f"cột '{name}' bị lặp")
        else:
            positions[by_header[name]] = index
    for column in columns:
        if column.key not in positions and not column.optional_header:
            problems.append(f"thiếu cột '{column.header}'")
    if problems:
        raise CatalogFileError([Issue(f"Sheet '{title}', dòng tiêu đề", p) for p in problems])
    return positions


def _attach_versions(
    catalog: CatalogRecord, rows: list[_Row], issues: Issues
) -> dict[VersionKey, VersionRecord]:
    procedures = {p.code: p for p in catalog.procedures}
    versions: dict[VersionKey, VersionRecord] = {}
    for row in rows:
        values = dict(row.values)
        code = values.pop("procedure")
        channels = {c.key: values.pop(c.key) for c in CHANNEL_COLUMNS}
        if code not in procedures:
            issues.add(row.where.at("procedure"), f"thủ tục {code} không có trong sheet Thủ tục")
            continue
        version = VersionRecord(
            **values,
            channel_durations={k: v for k, v in sorted(channels.items()) if v},
            where=row.where,
        )
        procedures[code].versions.append(version)
        versions.setdefault((code, version.number), version)
    return versions


def _attach_children(
    versions: dict[VersionKey, VersionRecord], rows: list[_Row], key: str, issues: Issues
) -> None:
    grouped: dict[VersionKey, dict[int, Any]] = defaultdict(dict)
    for row in rows:
        values = dict(row.values)
        version_key = (values.pop("procedure"), values.pop("number"))
        order = values.pop("order")
        if version_key not in versions:
            issues.add(row.where.at("number"), _unknown_version(version_key))
        elif order in grouped[version_key]:
            issues.add(row.where.at("order"), f"thứ tự {order} bị lặp trong cùng phiên bản")
        else:
            grouped[version_key][order] = _CHILD_RECORDS[key](**values, where=row.where)
    for version_key, children in grouped.items():
        getattr(versions[version_key], key).extend(children[o] for o in sorted(children))


def _attach_schemas(
    versions: dict[VersionKey, VersionRecord], rows: list[_Row], issues: Issues
) -> None:
    parts: dict[VersionKey, dict[int, str]] = defaultdict(dict)
    first: dict[VersionKey, Where] = {}
    for row in rows:
        version_key = (row.values["procedure"], row.values["number"])
        if version_key not in versions:
            issues.add(row.where.at("number"), _unknown_version(version_key))
            continue
        first.setdefault(version_key, row.where)
        parts[version_key][row.values["part"]] = row.values["schema"]
    for version_key, chunks in parts.items():
        try:
            schema = f.json_schema("".join(chunks[p] for p in sorted(chunks)))
        except f.FieldError as exc:
            issues.add(first[version_key].at(SCHEMA_TEXT.key), str(exc))
            continue
        versions[version_key].declaration_schema = schema


def _unknown_version(key: VersionKey) -> str:
    return f"thủ tục {key[0]} phiên bản {key[1]} không có trong sheet Phiên bản"
