"""Load the 34 provinces and 3,321 communes from the `vietnam-provinces` package."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from motcua.organizations.reference import administrative_unit_records
from motcua.organizations.services import administrative_units_load


class Command(BaseCommand):
    help = "Nạp danh mục tỉnh, thành phố và xã, phường, đặc khu (từ gói vietnam-provinces)."

    def handle(self, *args: Any, **options: Any) -> None:
        report = administrative_units_load(records=administrative_unit_records())
        self.stdout.write(
            f"Đơn vị hành chính: {report.provinces} tỉnh, thành phố; "
            f"{report.communes} xã, phường, đặc khu "
            f"(mới {report.created}, cập nhật {report.updated}, giữ nguyên {report.unchanged})."
        )
