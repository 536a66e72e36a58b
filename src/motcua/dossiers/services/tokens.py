"""API tokens for integrators: created once (the secret is shown only then), stored as
a SHA-256 hash, revocable."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any, TypeVar

from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models import F, FilteredRelation, Model, Q, QuerySet
from django.utils import timezone

from motcua.accounts.models import User
from motcua.audit.services import audit_record
from motcua.core.compiled import CompiledRead
from motcua.dossiers.errors import NotAllowed
from motcua.dossiers.models import ApiToken
from motcua.organizations.models import Agency, StaffRole, Unit

PREFIX = "mc_"
M = TypeVar("M", bound=Model)


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
    rows = _TOKEN_WITH_ROLES.all(_digest(raw))
    if not rows:
        return None
    token = _token_of(rows)
    # Only note use once a minute: a busy integrator should not write on every call.
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    # A token is issued for one agency: what its holder does through it counts only
    # the roles they hold there, whatever they hold elsewhere.
    user = token.user
    user.acting_agency_id = token.agency_id
    return user


_TOKEN_FIELDS = tuple(f.attname for f in ApiToken._meta.concrete_fields)
_USER_FIELDS = tuple(f.attname for f in User._meta.concrete_fields)
_ROLE_FIELDS = tuple(f.attname for f in StaffRole._meta.concrete_fields)
_UNIT_FIELDS = tuple(f.attname for f in Unit._meta.concrete_fields)


def token_with_roles_query(digest: str) -> QuerySet[ApiToken, tuple[Any, ...]]:
    """The token with this digest, not revoked, of an active user, with the user: one
    row for each role the user holds at the token's agency (one row with no role when
    none). Every API call by an official asks both, and one statement answers them."""
    held = FilteredRelation(
        "user__staff_roles", condition=Q(user__staff_roles__agency_id=F("agency_id"))
    )
    return (
        ApiToken.objects.filter(key_hash=digest, revoked_at__isnull=True, user__is_active=True)
        .annotate(held=held)
        .values_list(
            *_TOKEN_FIELDS,
            *(f"user__{name}" for name in _USER_FIELDS),
            *(f"held__{name}" for name in _ROLE_FIELDS),
            *(f"held__unit__{name}" for name in _UNIT_FIELDS),
        )
        .order_by("held__id")  # as staff_roles lists them
    )


# Every integrator call reads it; compiling it was most of its cost.
_TOKEN_WITH_ROLES = CompiledRead("api_token_with_roles", token_with_roles_query)


def _token_of(rows: list[dict[str, Any]]) -> ApiToken:
    """The token, its user (with ``roles_known``) and the roles, from the read's rows."""

    def instance(model: type[M], prefix: str, names: tuple[str, ...], row: dict[str, Any]) -> M:
        return model.from_db(DEFAULT_DB_ALIAS, list(names), [row[prefix + n] for n in names])

    token = instance(ApiToken, "", _TOKEN_FIELDS, rows[0])
    user = instance(User, "user__", _USER_FIELDS, rows[0])
    roles = []
    for row in rows:
        if row["held__id"] is None:
            continue
        role = instance(StaffRole, "held__", _ROLE_FIELDS, row)
        role.unit = (
            None
            if row["held__unit_id"] is None
            else instance(Unit, "held__unit__", _UNIT_FIELDS, row)
        )
        roles.append(role)
    user.roles_known = roles
    token.user = user
    return token
