"""`motcua demo-ca` makes a demo CA and a certificate for each leader, once."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

from django.core.management import call_command

from motcua.accounts.models import User
from motcua.documents.models import SigningCertificate


def test_it_certifies_every_leader_and_running_again_makes_nothing(
    leader: User, specialist: User, settings: Any, tmp_path: Path
) -> None:
    settings.MOTCUA_KEYS_DIR = str(tmp_path / "keys")
    first, second = StringIO(), StringIO()

    call_command("demo_ca", stdout=first)
    call_command("demo_ca", stdout=second)

    certificate = SigningCertificate.objects.get()
    assert certificate.user == leader
    assert (tmp_path / "keys" / certificate.key_file).exists()
    assert (tmp_path / "keys" / "demo-ca" / "root.pem").exists()
    assert "Đã tạo CA thử nghiệm" in first.getvalue()
    assert "cấp mới 1 chứng thư số" in first.getvalue()
    assert "cấp mới 0 chứng thư số" in second.getvalue()
    assert not SigningCertificate.objects.filter(user=specialist).exists()
