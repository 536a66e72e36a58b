"""Read-side queries of the notifications app."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from motcua.notifications.models import SandboxSms

INBOX_WINDOW = timedelta(minutes=10)


def sandbox_inbox_enabled() -> bool:
    """True only in a demo: the sandbox is the SMS adapter and the inbox is switched on."""
    return bool(settings.SANDBOX_INBOX) and not settings.NOTIFICATIONS_SMS_ADAPTER


def sandbox_last_text(phone: str, *, since: datetime | None) -> SandboxSms | None:
    """The newest text the sandbox 'sent' to ``phone`` at or after ``since`` (when the
    code now in force was issued) and in the last minutes, for the demo inbox on the
    login-code page; None when the inbox is off, there is no code in force, or its text
    has not arrived yet."""
    if not phone or since is None or not sandbox_inbox_enabled():
        return None
    since = max(since, timezone.now() - INBOX_WINDOW)
    return (
        SandboxSms.objects.filter(phone=phone.replace(" ", ""), sent_at__gte=since)
        .order_by("-id")
        .first()
    )
