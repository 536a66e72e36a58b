"""Read-side queries of the notifications app."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from motcua.notifications.models import SandboxSms

INBOX_WINDOW = timedelta(minutes=10)


def sandbox_inbox_enabled() -> bool:
    """True only in a demo: the sandbox is the SMS adapter and the inbox is switched on."""
    return bool(settings.SANDBOX_INBOX) and not settings.NOTIFICATIONS_SMS_ADAPTER


def sandbox_last_text(phone: str) -> SandboxSms | None:
    """The newest text the sandbox 'sent' to ``phone`` in the last minutes, for the demo
    inbox on the login-code page; None when the inbox is off or nothing arrived yet."""
    if not phone or not sandbox_inbox_enabled():
        return None
    since = timezone.now() - INBOX_WINDOW
    return (
        SandboxSms.objects.filter(phone=phone.replace(" ", ""), sent_at__gte=since)
        .order_by("-id")
        .first()
    )
