"""Export the whole catalog to a JSON file or an Excel workbook."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from motcua.catalog.io import Format, export_catalog
from motcua.catalog.io.snapshot import catalog_snapshot


class Command(BaseCommand):
    help = "Xuất toàn bộ danh mục thủ tục ra tệp JSON hoặc sổ tính Excel (.xlsx)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["json", "xlsx"], default=None)
        parser.add_argument("-o", "--output", required=True, help="tệp kết quả")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["output"])
        fmt: Format = options["format"] or ("xlsx" if path.suffix.lower() == ".xlsx" else "json")
        catalog = catalog_snapshot()
        path.write_bytes(export_catalog(fmt, catalog))
        versions = sum(len(p.versions) for p in catalog.procedures)
        self.stdout.write(
            f"Đã xuất {len(catalog.sectors)} lĩnh vực, {len(catalog.procedures)} thủ tục, "
            f"{versions} phiên bản ra {path} ({fmt})."
        )
