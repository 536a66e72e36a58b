"""Bearer tokens: the active token of an active official lets its holder in, and nothing
else does (the token read is compiled once per connection, so its conditions are
checked here, not only through the ORM)."""

from __future__ import annotations

import pytest
from django.test import Client

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers.services.tokens import api_token_create, api_token_revoke, api_token_user

pytestmark = pytest.mark.django_db


def _get(raw: str) -> int:
    return Client().get("/api/v1/dossiers", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code


def test_an_active_token_names_its_official(clerk: User, version: ProcedureVersion) -> None:
    _, raw = api_token_create(
        user=clerk, agency=version.procedure.agencies.get(), name="t", actor=clerk
    )
    found = api_token_user(raw)
    assert found is not None and found.pk == clerk.pk and found.username == clerk.username
    assert _get(raw) == 200


def test_revoked_unknown_and_inactive_tokens_are_refused(
    clerk: User, version: ProcedureVersion
) -> None:
    agency = version.procedure.agencies.get()
    revoked, raw_revoked = api_token_create(user=clerk, agency=agency, name="cũ", actor=clerk)
    api_token_revoke(token=revoked, actor=clerk)
    _, raw = api_token_create(user=clerk, agency=agency, name="mới", actor=clerk)

    assert api_token_user(raw_revoked) is None and _get(raw_revoked) == 401
    assert api_token_user(raw + "x") is None and _get(raw + "x") == 401
    assert api_token_user(raw.removeprefix("mc_")) is None
    assert api_token_user(raw) is not None
    User.objects.filter(pk=clerk.pk).update(is_active=False)
    assert api_token_user(raw) is None and _get(raw) == 401
