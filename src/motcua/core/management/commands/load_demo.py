"""Load the demo installation: administrative units, Hà Nội agencies, staff, catalog."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from motcua.catalog.models import Procedure
from motcua.core.demo import load_demo


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu: đơn vị hành chính, cơ quan của Hà Nội và hai phường, cán bộ, "
        "công dân mẫu và danh mục thủ tục. Chạy lại không tạo trùng."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="bỏ qua nếu cơ sở dữ liệu đã có thủ tục hành chính",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and Procedure.objects.exists():
            self.stdout.write("Cơ sở dữ liệu đã có thủ tục; bỏ qua nạp dữ liệu mẫu.")
            return
        load_demo(say=self.stdout.write)
        self.stdout.write("Đã nạp dữ liệu mẫu.")
