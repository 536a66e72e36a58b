"""Bà Hoa submits a birth registration online, step by step, without JavaScript."""

from __future__ import annotations

import pytest
from django.test import Client

from motcua.catalog.models import ProcedureVersion
from motcua.dossiers.models import Dossier, Provision, Status
from tests.portal.conftest import pdf

pytestmark = pytest.mark.django_db


def start(client: Client, version: ProcedureVersion) -> Dossier:
    agency = version.procedure.agencies.get()
    response = client.post(f"/nop-ho-so/{version.procedure.code}/", {"agency": agency.pk})
    assert response.status_code == 302
    return Dossier.objects.get(status=Status.DRAFT)


def test_the_procedure_page_leads_to_the_online_form(
    hoa: Client, version: ProcedureVersion
) -> None:
    html = hoa.get("/thu-tuc/1.001193/").content.decode()
    assert "/nop-ho-so/1.001193/" in html


def test_submitting_needs_a_login_and_comes_back_after_it(
    web: Client, version: ProcedureVersion
) -> None:
    response = web.get("/nop-ho-so/1.001193/")
    assert response.status_code == 302
    assert response["Location"].startswith("/dang-nhap/?next=/nop-ho-so/1.001193/")


def test_a_citizen_fills_the_steps_uploads_reviews_and_submits(
    hoa: Client, version: ProcedureVersion
) -> None:
    draft = start(hoa, version)
    page = hoa.get(f"/ho-so/{draft.pk}/khai/1/").content.decode()
    assert "Họ, chữ đệm, tên trẻ" in page and "dd/mm/yyyy" in page

    response = hoa.post(
        f"/ho-so/{draft.pk}/khai/1/",
        {
            "d:child_name": "Nguyễn Minh An",
            "d:child_birth_date": "10/11/2026",
            "d:child_sex": "Nam",
            "d:mother_name": "Nguyễn Thị Hoa",
            "next": "1",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"/ho-so/{draft.pk}/giay-to/"
    draft.refresh_from_db()
    assert draft.declaration["child_birth_date"] == "2026-11-10"

    response = hoa.post(
        f"/ho-so/{draft.pk}/giay-to/",
        {
            "provision-to-khai": Provision.AT_COUNTER,
            "provision-giay-chung-sinh": Provision.UPLOAD,
            "provision-giay-ket-hon": Provision.MISSING,
            "file-giay-chung-sinh": pdf(),
            "next": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    review = hoa.get(f"/ho-so/{draft.pk}/xem-lai/").content.decode()
    assert "10/11/2026" in review and "giay-chung-sinh.pdf" in review

    response = hoa.post(
        f"/ho-so/{draft.pk}/xem-lai/",
        {"idempotency_key": "k-1", "expected_version": Dossier.objects.get(pk=draft.pk).version},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.NEW
    done = hoa.get(response["Location"]).content.decode()
    assert "Đã nộp hồ sơ thành công" in done and "Điều gì xảy ra tiếp theo?" in done
