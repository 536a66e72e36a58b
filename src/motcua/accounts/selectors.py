"""Read-side queries of the accounts app."""

from __future__ import annotations

from datetime import datetime

from motcua.accounts.models import OneTimeCode, User


def otp_pending_since(*, user: User, purpose: str = "login") -> datetime | None:
    """When the code the person can still use was issued; None when there is none.

    Texts sent before this instant carry a code that no longer works."""
    return (
        OneTimeCode.objects.filter(user=user, purpose=purpose, used_at__isnull=True)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
