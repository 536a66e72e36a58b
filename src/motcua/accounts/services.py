"""Login confirmation codes for citizens, sent through the notification adapters, and the
record that a citizen's identity was proven."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from motcua.accounts.models import OneTimeCode, User
from motcua.audit.services import audit_record

CODE_LIFETIME = timedelta(minutes=5)
MAX_ATTEMPTS = 5


class CodeError(Exception):
    """The code is wrong, expired or used up; the message says which, in Vietnamese."""


def _hash(code: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), code.encode(), hashlib.sha256).hexdigest()


def mask_phone(phone: str) -> str:
    return f"{'*' * max(len(phone) - 3, 0)}{phone[-3:]}" if phone else ""


def otp_issue(*, user: User, purpose: str = "login") -> OneTimeCode:
    """Create a fresh code (older unused ones stop working) and queue it by SMS and email."""
    from motcua.notifications.services import Recipient, delivery_queue

    code = f"{secrets.randbelow(1_000_000):06d}"
    now = timezone.now()
    with transaction.atomic():
        OneTimeCode.objects.filter(user=user, purpose=purpose, used_at__isnull=True).update(
            used_at=now
        )
        otp = OneTimeCode.objects.create(
            user=user,
            purpose=purpose,
            code_hash=_hash(code),
            created_at=now,
            expires_at=now + CODE_LIFETIME,
        )
        delivery_queue(
            recipient=Recipient(email=user.email, phone=user.phone, user=user),
            subject="Mã xác thực đăng nhập",
            body=f"Ma xac thuc dang nhap Cong dich vu cong: {code}. Het han sau 5 phut. "
            "Khong cung cap ma nay cho nguoi khac.",
            topic="otp",
            dedupe_key=f"otp:{otp.pk}",
        )
    return otp


def otp_verify(*, user: User, code: str, purpose: str = "login") -> None:
    """Accept the latest unused code once; raise CodeError otherwise.

    A wrong try is counted in its own committed transaction before the error is raised,
    so the limit on attempts cannot be dodged by the error rolling the count back.
    """
    now = timezone.now()
    error: str | None = None
    with transaction.atomic():
        otp = (
            OneTimeCode.objects.select_for_update()
            .filter(user=user, purpose=purpose, used_at__isnull=True)
            .order_by("-created_at")
            .first()
        )
        if otp is None or otp.expires_at <= now:
            error = "Mã xác thực đã hết hạn. Hãy bấm “Gửi lại mã”."
        elif otp.attempts >= MAX_ATTEMPTS:
            error = "Bạn đã nhập sai quá nhiều lần. Hãy bấm “Gửi lại mã”."
        elif not hmac.compare_digest(otp.code_hash, _hash(code.strip())):
            OneTimeCode.objects.filter(pk=otp.pk).update(attempts=F("attempts") + 1)
            left = MAX_ATTEMPTS - otp.attempts - 1
            error = (
                f"Mã xác thực không đúng. Bạn còn {left} lần thử."
                if left > 0
                else f"Mã xác thực không đúng. Bạn đã nhập sai {MAX_ATTEMPTS} lần nên mã này "
                "đã bị khóa. Hãy bấm “Gửi lại mã” để nhận mã mới."
            )
        else:
            otp.used_at = now
            otp.save(update_fields=["used_at"])
            audit_record(action="accounts.login_confirmed", subject=user, actor=user)
    if error:
        raise CodeError(error)


def identity_prove(*, user: User, subject: str, phone: str = "", email: str = "") -> bool:
    """Record that the national identity provider vouched for ``user``'s identity number
    (``subject``: the provider's id of the person). Only the first proof is recorded:
    true then, false when the account was already proven.

    An account registered here with a password before its first proof may have been
    registered by anyone who typed the number, with their own phone for the login codes.
    Its first proof ends that: the password no longer opens it (its sessions elsewhere
    end with it, Django checks each session against the password), and the phone and
    email typed at registration give way to those the provider gave (``phone``,
    ``email``, empty when it gave none). From then on the provider's login opens it,
    and the dossiers it now holds are the proven person's alone.

    A conditional update: two logins at once record it once, whichever commits first."""
    with transaction.atomic():
        now = timezone.now()
        first = User.objects.filter(pk=user.pk, identity_proven_at__isnull=True).update(
            identity_proven_at=now
        )
        if first:
            user.identity_proven_at = now
            summary = subject
            if user.has_usable_password():
                user.set_unusable_password()
                user.phone, user.email = phone[:15], email
                user.save(update_fields=["password", "phone", "email"])
                summary = f"{subject}; mật khẩu và liên hệ khai khi đăng ký hết hiệu lực"
            audit_record(
                action="accounts.identity_proven", subject=user, actor=user, summary=summary
            )
        elif user.identity_proven_at is None:
            user.refresh_from_db(fields=["identity_proven_at"])
    return bool(first)
