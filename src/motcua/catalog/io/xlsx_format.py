"""The catalog as an Excel workbook: one sheet per kind of record, a header row on each.

Child rows (documents, fees, steps, form parts) name their procedure and version number,
so officials can sort and filter sheets freely; the "Thứ tự" column keeps the order.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from motcua.catalog.io.columns import (
    CHANNEL_COLUMNS,
    DOCUMENT,
    FEE,
    ORDER,
    PROCEDURE,
    SCHEMA_PART,
    SCHEMA_TEXT,
    SECTOR,
    STEP,
    VERSION,
    VERSION_KEY,
    Column,
)
from motcua.catalog.io.records import CatalogRecord, VersionRecord

SECTORS = "Lĩnh vực"
PROCEDURES = "Thủ tục"
VERSIONS = "Phiên bản"
DOCUMENTS = "Thành phần hồ sơ"
FEES = "Phí lệ phí"
STEPS = "Quy trình"
FORMS = "Tờ khai"
GUIDE = "Hướng dẫn"

SHEET_COLUMNS: dict[str, list[Column]] = {
    SECTORS: SECTOR,
    PROCEDURES: PROCEDURE,
    VERSIONS: [*VERSION_KEY, *VERSION, *CHANNEL_COLUMNS],
    DOCUMENTS: [*VERSION_KEY, ORDER, *DOCUMENT],
    FEES: [*VERSION_KEY, ORDER, *FEE],
    STEPS: [*VERSION_KEY, ORDER, *STEP],
    FORMS: [*VERSION_KEY, SCHEMA_PART, SCHEMA_TEXT],
}
CHILD_SHEETS = {DOCUMENTS: "documents", FEES: "fees", STEPS: "steps"}

# Excel holds at most 32,767 characters in a cell; long schemas continue on further rows.
SCHEMA_CHUNK = 30_000

_GUIDE_LINES = [
    "Sổ tính danh mục thủ tục hành chính của motcua (định dạng motcua-catalog, phiên bản 1).",
    "Mỗi sheet có một dòng tiêu đề; không đổi tên sheet hay tên cột.",
    "Các sheet Thành phần hồ sơ, Phí lệ phí, Quy trình, Tờ khai ghi Mã thủ tục và Phiên bản "
    "của dòng tương ứng trong sheet Phiên bản; cột Thứ tự quyết định thứ tự hiển thị.",
    "Thời hạn: 5d (ngày làm việc), 0.5d, 4h (giờ làm việc), 3cd (ngày lịch), sd (trong ngày).",
    "Cột có nhiều giá trị (Kết quả, Căn cứ pháp lý): mỗi giá trị một dòng trong ô.",
    "Phiên bản đã công bố (có Công bố lúc) không sửa được: nhập nội dung mới dưới số phiên "
    "bản mới. Tổng số giờ các bước quy trình phải bằng thời hạn giải quyết (8 giờ/ngày).",
    "Sheet này chỉ để đọc; khi nhập, hệ thống bỏ qua nó.",
]


def write_xlsx(catalog: CatalogRecord) -> bytes:
    workbook = Workbook()
    guide = workbook.active
    assert guide is not None
    guide.title = GUIDE
    for line in [*_GUIDE_LINES, *([catalog.notes] if catalog.notes else [])]:
        guide.append([line])
    guide.column_dimensions["A"].width = 120
    rows = {
        SECTORS: (_cells(SECTOR, s) for s in catalog.sectors),
        PROCEDURES: (_cells(PROCEDURE, p) for p in catalog.procedures),
        VERSIONS: _version_rows(catalog),
        DOCUMENTS: _child_rows(catalog, "documents", DOCUMENT),
        FEES: _child_rows(catalog, "fees", FEE),
        STEPS: _child_rows(catalog, "steps", STEP),
        FORMS: _schema_rows(catalog),
    }
    for title, columns in SHEET_COLUMNS.items():
        sheet = workbook.create_sheet(title)
        sheet.append([c.header for c in columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "A2"
        for row in rows[title]:
            sheet.append(row)
        for index, column in enumerate(columns, start=1):
            letter = sheet.cell(row=1, column=index).column_letter
            sheet.column_dimensions[letter].width = min(60, max(12, len(column.header) + 4))
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cells(columns: Sequence[Column], record: Any) -> list[Any]:
    return [c.cell(getattr(record, c.key)) for c in columns]


def _versions(catalog: CatalogRecord) -> Iterator[tuple[str, VersionRecord]]:
    for procedure in catalog.procedures:
        for version in procedure.versions:
            yield procedure.code, version


def _version_rows(catalog: CatalogRecord) -> Iterator[list[Any]]:
    for code, version in _versions(catalog):
        channels = [version.channel_durations.get(c.key) for c in CHANNEL_COLUMNS]
        yield [code, version.number, *_cells(VERSION, version), *channels]


def _child_rows(catalog: CatalogRecord, key: str, columns: list[Column]) -> Iterator[list[Any]]:
    for code, version in _versions(catalog):
        for order, child in enumerate(getattr(version, key), start=1):
            yield [code, version.number, order, *_cells(columns, child)]


def _schema_rows(catalog: CatalogRecord) -> Iterator[list[Any]]:
    for code, version in _versions(catalog):
        if not version.declaration_schema:
            continue
        text = json.dumps(version.declaration_schema, ensure_ascii=False)
        for part, start in enumerate(range(0, len(text), SCHEMA_CHUNK), start=1):
            yield [code, version.number, part, text[start : start + SCHEMA_CHUNK]]
