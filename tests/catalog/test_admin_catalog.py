"""Catalog maintenance in the admin: the agency administrator cannot save a broken version.

Quyên is Hà Nội's agency administrator: staff access with the catalog permissions only.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from motcua.accounts.models import User
from motcua.audit.models import AuditEvent
from motcua.catalog.models import Procedure, ProcedureVersion, ProcessStep, Sector
from motcua.catalog.services import version_publish

pytestmark = pytest.mark.django_db

ADD_URL = "/quan-tri/catalog/procedureversion/add/"
GOOD_SCHEMA = {
    "type": "object",
    "properties": {"full_name": {"type": "string", "title": "Họ và tên", "description": "Họ tên"}},
}


@pytest.fixture
def quyen(db: None) -> User:
    user = User.objects.create_user(
        username="quantri.hanoi", password="motcua-test", kind=User.Kind.STAFF, is_staff=True
    )
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["catalog", "audit"])
    )
    return user


@pytest.fixture
def admin_of(quyen: User, client: Client) -> Client:
    client.force_login(quyen)
    return client


@pytest.fixture
def residence() -> Procedure:
    return Procedure.objects.create(
        code="1.004222",
        name="Đăng ký thường trú",
        sector=Sector.objects.create(code="cu-tru", name="Đăng ký, quản lý cư trú"),
        level="commune",
        service_level="full_online",
    )


def inline(prefix: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
    return data


def steps(*hours: int) -> list[dict[str, Any]]:
    return [
        {
            "order": i,
            "name": f"Bước {i}",
            "unit_kind": "specialist",
            "role": "specialist",
            "budget_hours": h,
        }
        for i, h in enumerate(hours, start=1)
    ]


def version_form(procedure: Procedure, **overrides: Any) -> dict[str, Any]:
    """A seven-working-day draft with a valid schema and a 56-hour internal process."""
    data: dict[str, Any] = {
        "procedure": procedure.pk,
        "number": 1,
        "change_kind": "issued",
        "effective_from": "01/07/2025",
        "duration_value": "7",
        "duration_unit": "d",
        "channel_durations": "{}",
        "declaration_schema": json.dumps(GOOD_SCHEMA),
        "results": json.dumps(["Thông báo kết quả giải quyết thủ tục về cư trú"]),
        "legal_basis": json.dumps(["Luật Cư trú 68/2020/QH14"]),
        **inline("documents", []),
        **inline(
            "fees",
            [{"order": 1, "name": "Lệ phí", "kind": "fixed", "amount": 20000, "channel": "any"}],
        ),
        **inline("steps", steps(4, 40, 8, 4)),
    }
    data.update(overrides)
    return data


def test_a_valid_draft_is_saved_with_its_process_and_an_audit_row(
    admin_of: Client, residence: Procedure, quyen: User
) -> None:
    response = admin_of.post(ADD_URL, version_form(residence))

    assert response.status_code == 302
    version = ProcedureVersion.objects.get(procedure=residence)
    assert version.steps.count() == 4 and version.fees.get().amount == 20000
    assert not version.is_published
    assert AuditEvent.objects.filter(
        actor=quyen, subject_id=str(version.pk), action__endswith="_created_in_admin"
    ).exists()


def test_a_declaration_schema_that_is_not_json_schema_is_refused_and_nothing_saved(
    admin_of: Client, residence: Procedure
) -> None:
    bad = {"type": "object", "properties": {"full_name": {"type": "chữ"}}}

    response = admin_of.post(ADD_URL, version_form(residence, declaration_schema=json.dumps(bad)))

    assert response.status_code == 200
    assert "JSON Schema của tờ khai không hợp lệ tại &#x27;properties/full_name/type&#x27;" in (
        response.content.decode()
    )
    assert not ProcedureVersion.objects.exists()
    assert not ProcessStep.objects.exists()


def test_step_budgets_that_miss_the_legal_duration_are_refused_and_nothing_saved(
    admin_of: Client, residence: Procedure
) -> None:
    response = admin_of.post(ADD_URL, version_form(residence, **inline("steps", steps(4, 8))))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Tổng thời gian các bước (12 giờ) phải bằng thời hạn giải quyết 7 ngày làm việc" in page
    assert not ProcedureVersion.objects.exists()


def test_a_same_day_duration_with_a_quantity_is_refused(
    admin_of: Client, residence: Procedure
) -> None:
    response = admin_of.post(ADD_URL, version_form(residence, duration_unit="sd"))

    assert response.status_code == 200
    assert "Thời hạn &#x27;trong ngày&#x27; không có số lượng." in response.content.decode()
    assert not ProcedureVersion.objects.exists()


def published_version(procedure: Procedure) -> ProcedureVersion:
    version = ProcedureVersion.objects.create(
        procedure=procedure,
        number=1,
        effective_from=date(2025, 7, 1),
        duration_value=Decimal(1),
        duration_unit="d",
    )
    ProcessStep.objects.create(
        version=version,
        order=1,
        name="Xử lý",
        unit_kind="specialist",
        role="specialist",
        budget_hours=8,
    )
    return version_publish(version=version, actor=None)


def test_a_published_version_cannot_be_changed_or_deleted(
    admin_of: Client, residence: Procedure
) -> None:
    version = published_version(residence)
    url = f"/quan-tri/catalog/procedureversion/{version.pk}/change/"

    page = admin_of.get(url).content.decode()
    admin_of.post(url, version_form(residence, duration_value="20"))

    assert 'name="duration_value"' not in page
    version.refresh_from_db()
    assert version.duration_value == 1
    delete = admin_of.post(f"/quan-tri/catalog/procedureversion/{version.pk}/delete/")
    assert delete.status_code == 403
    assert ProcedureVersion.objects.filter(pk=version.pk).exists()


def test_the_new_version_action_copies_the_latest_version_as_a_draft(
    admin_of: Client, residence: Procedure
) -> None:
    published_version(residence)

    admin_of.post(
        "/quan-tri/catalog/procedure/",
        {"action": "create_new_version", "_selected_action": [residence.pk]},
    )

    draft = residence.versions.get(number=2)
    assert draft.published_at is None and draft.change_kind == "amended"
    assert list(draft.steps.values_list("name", "budget_hours")) == [("Xử lý", Decimal(8))]


def test_the_publish_action_refuses_a_draft_whose_process_does_not_add_up(
    admin_of: Client, residence: Procedure
) -> None:
    draft = ProcedureVersion.objects.create(
        procedure=residence,
        number=1,
        effective_from=date(2025, 7, 1),
        duration_value=Decimal(2),
        duration_unit="d",
    )
    ProcessStep.objects.create(
        version=draft,
        order=1,
        name="Xử lý",
        unit_kind="specialist",
        role="specialist",
        budget_hours=8,
    )

    response = admin_of.post(
        "/quan-tri/catalog/procedureversion/",
        {"action": "publish", "_selected_action": [draft.pk]},
        follow=True,
    )

    draft.refresh_from_db()
    assert not draft.is_published
    assert "Tổng thời gian các bước (8 giờ)" in response.content.decode()


def test_the_audit_trail_is_readable_but_not_editable(
    admin_of: Client, residence: Procedure
) -> None:
    published_version(residence)
    event = AuditEvent.objects.get(action="catalog.version_published")

    assert admin_of.get("/quan-tri/audit/auditevent/").status_code == 200
    assert admin_of.get(f"/quan-tri/audit/auditevent/{event.pk}/change/").status_code == 200
    assert admin_of.post(f"/quan-tri/audit/auditevent/{event.pk}/delete/").status_code == 403
    assert admin_of.get("/quan-tri/audit/auditevent/add/").status_code == 403


def test_the_administrator_marks_the_document_the_e_form_stands_for(
    admin_of: Client, residence: Procedure
) -> None:
    form_ct01 = {
        "order": 1,
        "code": "to-khai-ct01",
        "name": "Tờ khai thay đổi thông tin cư trú (Mẫu CT01)",
        "originals": 1,
        "copies": 0,
        "requirement": "mandatory",
        "action": "submit",
        "accepted_types": "[]",
        "declared_online": "on",
    }
    proof = {**form_ct01, "order": 2, "code": "cho-o", "name": "Giấy tờ chứng minh chỗ ở"}
    del proof["declared_online"]

    response = admin_of.post(
        ADD_URL, version_form(residence, **inline("documents", [form_ct01, proof]))
    )

    assert response.status_code == 302
    version = ProcedureVersion.objects.get(procedure=residence)
    assert dict(version.documents.values_list("code", "declared_online")) == {
        "to-khai-ct01": True,
        "cho-o": False,
    }
