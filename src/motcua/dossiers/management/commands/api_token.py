"""Issue an API token for an integrator: ``motcua manage api_token <username> <agency code>
"<name>"``. The secret is printed once and never stored."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.accounts.models import User
from motcua.dossiers.errors import DossierError
from motcua.dossiers.services.tokens import api_token_create
from motcua.organizations.models import Agency


class Command(BaseCommand):
    help = "Cấp mã truy cập API cho một cán bộ tại một cơ quan (hiển thị một lần)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("agency")
        parser.add_argument("name")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        agency = Agency.objects.filter(code=options["agency"]).first()
        if user is None:
            raise CommandError(f"Không có tài khoản «{options['username']}».")
        if agency is None:
            raise CommandError(f"Không có cơ quan mã «{options['agency']}».")
        try:
            token, raw = api_token_create(
                user=user, agency=agency, name=options["name"], actor=user
            )
        except DossierError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"Mã truy cập «{token.name}» (chỉ hiển thị lần này):\n{raw}")
