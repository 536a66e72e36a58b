"""Import and export of the whole catalog, as JSON or as an Excel workbook.

``read_catalog`` turns a file into checked records or raises ``CatalogFileError`` listing
every problem (sheet, row and column, or JSON path); ``catalog.services.catalog_import``
then writes them in one transaction. ``export_catalog`` writes the stored catalog.
"""

from __future__ import annotations

from typing import Literal

from django.utils import timezone

from motcua.catalog.io.checks import check_catalog
from motcua.catalog.io.issues import CatalogFileError, Issue, Issues, fail
from motcua.catalog.io.json_format import read_json, write_json
from motcua.catalog.io.records import CatalogRecord
from motcua.catalog.io.snapshot import catalog_snapshot
from motcua.catalog.io.xlsx_format import write_xlsx
from motcua.catalog.io.xlsx_reader import read_xlsx

__all__ = [
    "MAX_IMPORT_BYTES",
    "CatalogFileError",
    "CatalogRecord",
    "Format",
    "Issue",
    "export_catalog",
    "read_catalog",
]

Format = Literal["json", "xlsx"]

MAX_IMPORT_BYTES = 25 * 1024 * 1024


def read_catalog(content: bytes, *, max_bytes: int = MAX_IMPORT_BYTES) -> CatalogRecord:
    """Read a JSON or workbook catalog, recognised by its content rather than its name."""
    if len(content) > max_bytes:
        raise fail(
            f"Tệp nặng {len(content) / 1_048_576:.1f} MB, vượt giới hạn "
            f"{max_bytes / 1_048_576:.0f} MB cho một lần nhập."
        )
    head = content[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head:
        raise fail("Tệp rỗng.")
    if head.startswith(b"PK"):
        catalog = read_xlsx(content)
    elif head.startswith((b"{", b"[")):
        catalog = read_json(content)
    else:
        raise fail("Tệp không phải JSON danh mục hay sổ tính Excel (.xlsx).")
    issues = Issues()
    check_catalog(catalog, issues)
    issues.raise_if_any()
    return catalog


def export_catalog(fmt: Format, catalog: CatalogRecord | None = None) -> bytes:
    catalog = catalog if catalog is not None else catalog_snapshot()
    if fmt == "xlsx":
        return write_xlsx(catalog)
    return write_json(catalog, exported_at=timezone.localtime().isoformat(timespec="seconds"))
