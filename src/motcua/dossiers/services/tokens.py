"""API tokens for integrators: created once (the secret is shown only then), stored as
a SHA-256 hash, revocable."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from motcua.accounts.models import User
from motcua.audit.services import audit_record
from motcua.core.compiled import CompiledGet
from motcua.dossiers.errors import NotAllowed
from motcua.dossiers.models import ApiToken
from motcua.organizations.models import Agency, StaffRole

PREFIX = "mc_"


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def api_token_create(*, user: User, agency: Agency, name: str, actor: User) -> tuple[ApiToken, str]:
    """A new token for a staff user at an agency where they hold a role. Returns the
    stored row and the secret, which is not kept anywhere."""
    if (
        user.kind != User.Kind.STAFF
        or not StaffRole.objects.filter(user=user, agency=agency).exists()
    ):
        raise NotAllowed("Chỉ cấp mã truy cập cho cán bộ có vai trò tại cơ quan này.")
    raw = PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, agency=agency, name=name[:100], prefix=raw[:8], key_hash=_digest(raw)
        )
        audit_record(
            action="api_token_create",
            subject=token,
            actor=actor,
            summary=f"Cấp mã truy cập API «{token.name}» cho {user}",
        )
    return token, raw


def api_token_revoke(*, token: ApiToken, actor: User) -> None:
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(
            action="api_token_revoke",
            subject=token,
            actor=actor,
            summary=f"Thu hồi mã truy cập API «{token.name}»",
        )


def api_token_user(raw: str) -> User | None:
    """The active staff user behind a bearer token, or None."""
    if not raw.startswith(PREFIX):
        return None
    token = _ACTIVE_TOKEN.first(_digest(raw))
    if token is None:
        return None
    # Only note use once a minute: a busy integrator should not write on every call.
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    # A token is issued for one agency: what its holder does through it counts only
    # the roles they hold there, whatever they hold elsewhere.
    user = token.user
    user.acting_agency_id = token.agency_id
    return user


def active_token_query(digest: str) -> QuerySet[ApiToken]:
    """The token with this digest, not revoked, of an active user (with the user)."""
    return (
        ApiToken.objects.select_related("user")
        .filter(key_hash=digest, revoked_at__isnull=True, user__is_active=True)
        .order_by()
    )


# Every integrator call reads it; compiling it was most of its cost.
_ACTIVE_TOKEN = CompiledGet("api_token_active", active_token_query)
