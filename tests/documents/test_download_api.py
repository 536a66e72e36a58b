"""A dossier's slips and results through the API: an integrator's bearer token lists and
downloads what the dossier's agency may see, a citizen their own; everyone else gets the
same 'not found' whether the document exists or not."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from django.test import Client

from motcua.accounts.models import User
from motcua.documents.models import DocumentKind, GeneratedDocument
from motcua.documents.services import register_generate, slip_generate
from motcua.dossiers.models import Dossier
from motcua.dossiers.services.tokens import api_token_create
from motcua.organizations.models import Agency, Role, StaffRole, Unit


def _receipt(dossier: Dossier) -> GeneratedDocument:
    return slip_generate(
        dossier_id=dossier.pk,
        kind=DocumentKind.RECEIPT,
        event_id=dossier.events.get(action="intake").pk,
    )


def _token(user: User, agency: Agency) -> Client:
    _, raw = api_token_create(user=user, agency=agency, name="Hệ thống tỉnh", actor=user)
    return Client(headers={"Authorization": f"Bearer {raw}"})


def _body(response: Any) -> bytes:
    return b"".join(response.streaming_content)


def test_an_integrator_lists_and_downloads_the_receipt(received: Dossier, clerk: User) -> None:
    doc = _receipt(received)
    client = _token(clerk, received.receiving_agency)

    listed = client.get(f"/api/v1/dossiers/{received.code}/documents")
    assert listed.status_code == 200
    (item,) = listed.json()["items"]
    assert item["id"] == str(doc.public_id)
    assert item["kind"] == "receipt"
    assert item["kind_label"] == "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
    assert item["size"] == doc.size and item["sha256"] == doc.sha256
    assert item["created_at"].endswith("+07:00")

    response = client.get(item["download"])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert str(received.code) in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    body = _body(response)
    assert body.startswith(b"%PDF-") and len(body) == doc.size


def test_the_applicant_downloads_through_their_session(received: Dossier, citizen: User) -> None:
    doc = _receipt(received)
    client = Client()
    client.force_login(citizen)

    listed = client.get(f"/api/v1/dossiers/{received.code}/documents").json()["items"]
    response = client.get(f"/api/v1/documents/{doc.public_id}")

    assert [item["id"] for item in listed] == [str(doc.public_id)]
    assert response.status_code == 200 and _body(response).startswith(b"%PDF-")


def test_others_get_the_same_not_found_as_for_nothing(
    received: Dossier, other_citizen: User, outsider: User
) -> None:
    doc = _receipt(received)
    stranger = Client()
    stranger.force_login(other_citizen)
    elsewhere = _token(outsider, outsider.staff_roles.get().agency)

    for client in (stranger, elsewhere):
        real = client.get(f"/api/v1/documents/{doc.public_id}")
        invented = client.get(f"/api/v1/documents/{uuid.uuid4()}")
        assert real.status_code == invented.status_code == 404
        assert (
            real.json() == invented.json() == {"message": "Không tìm thấy tài liệu.", "field": ""}
        )
        assert client.get(f"/api/v1/dossiers/{received.code}/documents").status_code == 404


def test_without_a_token_or_a_session_the_answer_is_401(received: Dossier) -> None:
    doc = _receipt(received)

    response = Client().get(f"/api/v1/documents/{doc.public_id}")

    assert response.status_code == 401
    assert "mã truy cập" in response.json()["message"]


def test_a_token_reaches_only_its_own_agencys_registers(
    received: Dossier, clerk: User, other_agency: Agency
) -> None:
    """Lan works at Hoàn Kiếm and at Ba Đình. Ba Đình's token of hers does not download
    Hoàn Kiếm's tracking register; Hoàn Kiếm's does."""
    unit, _ = Unit.objects.get_or_create(
        agency=other_agency, code="reception", defaults={"name": "Một cửa", "kind": "reception"}
    )
    StaffRole.objects.create(user=clerk, agency=other_agency, unit=unit, role=Role.CLERK)
    home = received.receiving_agency
    register = register_generate(
        agency=home, period_from=date(2026, 11, 1), period_to=date(2026, 11, 17)
    )

    at_home = _token(clerk, home).get(f"/api/v1/documents/{register.public_id}")
    from_elsewhere = _token(clerk, other_agency).get(f"/api/v1/documents/{register.public_id}")

    assert at_home.status_code == 200
    assert from_elsewhere.status_code == 404


def test_an_id_no_document_could_have_is_not_found(received: Dossier, clerk: User) -> None:
    response = _token(clerk, received.receiving_agency).get("/api/v1/documents/khong-phai-ma")

    assert response.status_code == 404
    assert response.json()["message"] == "Không tìm thấy tài liệu."
