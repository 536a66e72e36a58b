"""Import a catalog file (JSON or .xlsx): check everything, then apply all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.accounts.models import User
from motcua.catalog.io import MAX_IMPORT_BYTES, CatalogFileError, read_catalog
from motcua.catalog.services import catalog_import


class Command(BaseCommand):
    help = (
        "Nhập danh mục thủ tục từ tệp JSON hoặc sổ tính Excel (.xlsx). Tệp được kiểm tra "
        "toàn bộ trước; có lỗi thì không lưu gì."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="tệp JSON hoặc .xlsx")
        parser.add_argument(
            "--dry-run", action="store_true", help="chỉ kiểm tra và báo cáo, không lưu"
        )
        parser.add_argument("--user", help="tên đăng nhập của người nhập (ghi vào nhật ký)")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp {path}.")
        if path.stat().st_size > MAX_IMPORT_BYTES:
            raise CommandError(
                f"Tệp {path} vượt giới hạn {MAX_IMPORT_BYTES // 1_048_576} MB cho một lần nhập."
            )
        actor = self._actor(options.get("user"))
        try:
            catalog = read_catalog(path.read_bytes())
            report = catalog_import(catalog=catalog, actor=actor, dry_run=options["dry_run"])
        except CatalogFileError as exc:
            lines = exc.lines()
            self.stderr.write(f"Không nhập được {path}: {len(exc.issues) + exc.omitted} lỗi.")
            for line in lines:
                self.stderr.write(f"  - {line}")
            raise CommandError("Không có thay đổi nào được lưu.") from exc
        except ValidationError as exc:
            raise CommandError(
                f"Không nhập được {path}: {' '.join(exc.messages)} Không có thay đổi nào được lưu."
            ) from exc
        for line in report.lines():
            self.stdout.write(line)

    def _actor(self, username: str | None) -> User | None:
        if not username:
            return None
        actor = User.objects.filter(username=username).first()
        if actor is None:
            raise CommandError(f"Không có tài khoản '{username}'.")
        return actor
