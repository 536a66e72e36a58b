"""Files for import tests: the demo catalog, and workbooks edited the way people edit them."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook

import motcua.catalog.data
from motcua.audit.models import AuditEvent
from motcua.catalog.io import export_catalog, read_catalog
from motcua.catalog.models import Fee, Procedure, ProcedureVersion, ProcessStep, Sector
from motcua.catalog.services import ImportReport, catalog_import

DEMO_JSON = Path(motcua.catalog.data.__file__).with_name("demo_catalog.json")


def demo_bytes() -> bytes:
    return DEMO_JSON.read_bytes()


def import_bytes(content: bytes, *, dry_run: bool = False) -> ImportReport:
    return catalog_import(catalog=read_catalog(content), actor=None, dry_run=dry_run)


def demo_workbook() -> Workbook:
    """The demo catalog exported as a workbook, without touching the database."""
    return load_workbook(BytesIO(export_catalog("xlsx", read_catalog(demo_bytes()))))


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def column_of(sheet: Any, header: str) -> int:
    for cell in sheet[1]:
        if cell.value == header:
            return int(cell.column)
    raise AssertionError(f"no column {header!r}")


def first_row_of(sheet: Any, code: str) -> int:
    for row in range(2, sheet.max_row + 1):
        if sheet.cell(row=row, column=1).value == code:
            return row
    raise AssertionError(f"no row for {code}")


def catalog_counts() -> dict[str, int]:
    return {
        "sectors": Sector.objects.count(),
        "procedures": Procedure.objects.count(),
        "versions": ProcedureVersion.objects.count(),
        "fees": Fee.objects.count(),
        "steps": ProcessStep.objects.count(),
        "audit": AuditEvent.objects.count(),
    }


EMPTY = {"sectors": 0, "procedures": 0, "versions": 0, "fees": 0, "steps": 0, "audit": 0}
