"""`motcua demo-ca`: a demo certificate authority and a signing certificate (PKCS#12,
encrypted with MOTCUA_SIGNING_PASSPHRASE) for every leader. Safe to run again: it only
makes what is missing."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from motcua.accounts.models import User
from motcua.documents import conf
from motcua.documents.models import SigningCertificate
from motcua.documents.services import certificate_issue_demo
from motcua.documents.signing.ca import ca_dir, demo_ca_ensure
from motcua.documents.signing.signer import installation_passphrase
from motcua.organizations.models import Role, StaffRole


class Command(BaseCommand):
    help = "Tạo tổ chức chứng thực thử nghiệm và chứng thư số cho lãnh đạo (chạy lại an toàn)."

    def handle(self, *args: Any, **options: Any) -> None:
        root, issuing, created = demo_ca_ensure(installation_passphrase())
        where = ca_dir()
        if created:
            self.stdout.write(f"Đã tạo CA thử nghiệm tại {where}:")
        else:
            self.stdout.write(f"CA thử nghiệm đã có tại {where}:")
        self.stdout.write(f"  gốc      : {root.cert.subject.rfc4514_string()}")
        self.stdout.write(f"  trung gian: {issuing.cert.subject.rfc4514_string()}")
        made = 0
        for role in (
            StaffRole.objects.filter(role=Role.LEADER)
            .select_related("user", "agency")
            .order_by("user_id", "agency_id")
        ):
            user: User = role.user
            has = [c for c in SigningCertificate.objects.filter(user=user) if c.is_current]
            if has:
                self.stdout.write(f"  {user.username}: đã có chứng thư {has[0].serial_number}")
                continue
            cert = certificate_issue_demo(user=user, agency=role.agency)
            made += 1
            self.stdout.write(
                f"  {user.username}: cấp chứng thư {cert.serial_number} ({role.agency.name}), "
                f"hiệu lực đến {cert.not_after:%d/%m/%Y}, khóa {conf.keys_dir() / cert.key_file}"
            )
        self.stdout.write(self.style.SUCCESS(f"Xong: cấp mới {made} chứng thư số."))
