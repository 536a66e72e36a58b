"""Bearer tokens: the active token of an active official lets its holder in, and nothing
else does (the token read is compiled once per connection, so its conditions are
checked here, not only through the ORM)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers.models import Dossier
from motcua.dossiers.permissions import roles_at
from motcua.dossiers.services.tokens import api_token_create, api_token_revoke, api_token_user
from motcua.organizations.models import Agency, Role, StaffRole, Unit
from motcua.organizations.selectors import staff_roles
from tests.dossiers.conftest import GOOD_DECLARATION, intake

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


def test_a_token_acts_only_at_the_agency_it_was_issued_for(
    clerk: User, version: ProcedureVersion, other_agency: Agency
) -> None:
    """Lan is a clerk at Hoàn Kiếm and at Ba Đình. Ba Đình's system holds a token issued
    to her for Ba Đình: through it she sees, lists, moves and enters nothing of Hoàn
    Kiếm's. With Hoàn Kiếm's token, or logged in herself, she does."""
    home = version.procedure.agencies.get()
    unit, _ = Unit.objects.get_or_create(
        agency=other_agency, code="reception", defaults={"name": "Một cửa", "kind": "reception"}
    )
    StaffRole.objects.create(user=clerk, agency=other_agency, unit=unit, role=Role.CLERK)
    dossier = intake(clerk, version)
    _, elsewhere = api_token_create(user=clerk, agency=other_agency, name="Ba Đình", actor=clerk)
    _, at_home = api_token_create(user=clerk, agency=home, name="Hoàn Kiếm", actor=clerk)

    def call(raw: str, method: str, path: str, body: object = None) -> Any:
        client = Client(headers={"Authorization": f"Bearer {raw}"})
        if method == "GET":
            return client.get(path)
        return client.post(path, json.dumps(body), content_type="application/json")

    read = f"/api/v1/dossiers/{dossier.code}"
    forward = f"{read}/actions/forward"
    moved = {"expected_version": dossier.version}
    new = {
        "procedure": version.procedure.code,
        "agency": home.code,
        "channel": 1,
        "applicant": {"name": "Nguyễn Thị Hoa", "identity_number": "001190012345"},
        "declaration": dict(GOOD_DECLARATION),
        "documents": [
            {"code": "to-khai", "provision": "counter", "originals": 1},
            {"code": "giay-chung-sinh", "provision": "counter", "originals": 1},
        ],
    }
    assert call(elsewhere, "GET", read).status_code == 404
    assert call(elsewhere, "POST", forward, moved).status_code == 404
    assert call(elsewhere, "GET", "/api/v1/dossiers").json()["count"] == 0
    assert call(elsewhere, "GET", "/api/v1/dossiers?queue=true").json()["count"] == 0
    assert call(elsewhere, "POST", "/api/v1/dossiers", new).status_code == 403
    assert Dossier.objects.get(pk=dossier.pk).version == dossier.version
    assert Dossier.objects.count() == 1

    assert call(at_home, "GET", read).status_code == 200
    assert call(at_home, "GET", "/api/v1/dossiers").json()["count"] == 1
    assert call(at_home, "POST", forward, moved).status_code == 200
    assert call(at_home, "POST", "/api/v1/dossiers", new).status_code == 201
    lan = Client()
    lan.force_login(clerk)
    assert lan.get("/api/v1/dossiers").json()["count"] == 2


def test_the_token_and_the_roles_at_its_agency_are_read_in_one_statement(
    clerk: User, version: ProcedureVersion, other_agency: Agency
) -> None:
    """Every role held at the token's agency comes with the token, its unit with it,
    and none held elsewhere; a user with no role there still gets in, holding none."""
    home = version.procedure.agencies.get()
    reception = Unit.objects.create(agency=home, code="mc-2", name="Quầy 2", kind="reception")
    StaffRole.objects.create(user=clerk, agency=home, unit=reception, role=Role.SPECIALIST)
    StaffRole.objects.create(user=clerk, agency=other_agency, role=Role.LEADER)
    expected = list(
        StaffRole.objects.filter(user=clerk, agency=home)
        .order_by("id")
        .values_list("pk", "role", "unit_id")
    )
    assert len(expected) >= 2
    _, raw = api_token_create(user=clerk, agency=home, name="t", actor=clerk)
    api_token_user(raw)  # notes the token's first use

    with CaptureQueriesContext(connection) as queries:
        found = api_token_user(raw)
    assert len(queries.captured_queries) == 1
    assert found is not None and found.roles_known is not None
    held = found.roles_known
    assert [(r.pk, r.role, r.unit_id) for r in held] == expected
    assert [r.unit.kind for r in held if r.unit is not None] == ["reception"] * sum(
        1 for _, _, unit in expected if unit is not None
    )
    with CaptureQueriesContext(connection) as queries:
        assert staff_roles(found) == held
        assert roles_at(found, home) >= {Role.CLERK, Role.SPECIALIST}
        assert roles_at(found, other_agency) == set()
    assert queries.captured_queries == []

    _, elsewhere = api_token_create(user=clerk, agency=other_agency, name="t2", actor=clerk)
    StaffRole.objects.filter(user=clerk, agency=other_agency).delete()
    stranger = api_token_user(elsewhere)
    assert stranger is not None and stranger.pk == clerk.pk and stranger.roles_known == []


def test_a_counter_intake_through_the_api_checks_the_applicant(
    clerk: User, version: ProcedureVersion
) -> None:
    home = version.procedure.agencies.get()
    _, raw = api_token_create(user=clerk, agency=home, name="Cổng DVC", actor=clerk)
    client = Client(headers={"Authorization": f"Bearer {raw}"})
    body = {
        "procedure": version.procedure.code,
        "agency": home.code,
        "channel": 1,
        "applicant": {"name": "Nguyễn Thị Hoa", "identity_number": "12345", "phone": "abc"},
        "declaration": dict(GOOD_DECLARATION),
        "documents": [
            {"code": "to-khai", "provision": "counter", "originals": 1},
            {"code": "giay-chung-sinh", "provision": "counter", "originals": 1},
        ],
    }
    answer = client.post("/api/v1/dossiers", json.dumps(body), content_type="application/json")
    assert answer.status_code == 422
    assert answer.json()["field"] == "applicant.identity_number"
    assert answer.json()["message"] == "Số định danh cá nhân phải gồm đúng 12 chữ số."
    assert not Dossier.objects.exists()
