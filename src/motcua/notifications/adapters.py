"""Channel adapters. A real SMS provider plugs in through settings:

    NOTIFICATIONS_SMS_ADAPTER = "mypackage.sms.ProviderAdapter"
    NOTIFICATIONS_EMAIL_ADAPTER = "motcua.notifications.adapters.DjangoMailAdapter"

An adapter is a class with ``send(*, recipient, subject, body) -> None`` that raises
``DeliveryFailed`` (or any exception) when the message did not go out.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Protocol

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string

from motcua.notifications.models import Delivery, SandboxSms


class DeliveryFailed(Exception):
    """The channel refused or could not take the message; it will be retried."""


class DeliveryRejected(DeliveryFailed):
    """The channel refused the message for good (a malformed number, a blocked
    recipient): retrying cannot help, so the delivery fails at once."""


class Adapter(Protocol):
    def send(self, *, recipient: str, subject: str, body: str) -> None: ...


class DjangoMailAdapter:
    """Email through Django's configured mail backend (SMTP in production)."""

    def send(self, *, recipient: str, subject: str, body: str) -> None:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient], fail_silently=False)


class SandboxSmsAdapter:
    """Records each text in a table instead of sending it: for demos and tests.

    It refuses what a Vietnamese SMS gateway refuses, so error paths are exercised too:
    a number that is not a mobile number (permanently), a text longer than the gateway
    takes (permanently), and any number listed in ``NOTIFICATIONS_SMS_SANDBOX_DOWN``
    (a temporary outage, retried with backoff).
    """

    MAX_LENGTH = 459  # three concatenated 7-bit segments

    def send(self, *, recipient: str, subject: str, body: str) -> None:
        phone = recipient.replace(" ", "")
        if not _MOBILE.fullmatch(phone):
            raise DeliveryRejected(f"số điện thoại không hợp lệ: {recipient!r}")
        if len(body) > self.MAX_LENGTH:
            raise DeliveryRejected(f"tin nhắn dài {len(body)} ký tự, quá {self.MAX_LENGTH}")
        if phone in getattr(settings, "NOTIFICATIONS_SMS_SANDBOX_DOWN", ()):
            raise DeliveryFailed("cổng SMS tạm thời không phản hồi")
        SandboxSms.objects.create(phone=phone, body=body)


_MOBILE = re.compile(r"^(0|\+84)(3|5|7|8|9)\d{8}$")

DEFAULT_ADAPTERS = {
    Delivery.Channel.EMAIL: "motcua.notifications.adapters.DjangoMailAdapter",
    Delivery.Channel.SMS: "motcua.notifications.adapters.SandboxSmsAdapter",
}
SETTING_NAMES = {
    Delivery.Channel.EMAIL: "NOTIFICATIONS_EMAIL_ADAPTER",
    Delivery.Channel.SMS: "NOTIFICATIONS_SMS_ADAPTER",
}


def adapter_for(channel: str) -> Adapter:
    path = getattr(settings, SETTING_NAMES[Delivery.Channel(channel)], None)
    return _load(path or DEFAULT_ADAPTERS[Delivery.Channel(channel)])


@cache
def _load(path: str) -> Adapter:
    adapter: Adapter = import_string(path)()
    return adapter
