"""The dossiers API takes and returns ``provision: "eform"`` and refuses it, in Vietnamese,
where the electronic declaration cannot stand for the document."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers.models import Dossier
from motcua.organizations.models import Agency
from tests.dossiers.conftest import GOOD_DECLARATION, make_version

pytestmark = pytest.mark.django_db

CERTIFICATE = {"code": "giay-chung-sinh", "provision": "counter", "originals": 1}


@pytest.fixture
def version(commune_agency: Agency) -> ProcedureVersion:
    return make_version(commune_agency, declared_online=True)


def create(user: User, documents: list[dict[str, Any]], **extra: Any) -> Any:
    client = Client()
    client.force_login(user)
    body = {
        "procedure": "1.001193",
        "agency": "000.01.01.H26",
        "declaration": dict(GOOD_DECLARATION),
        "documents": documents,
        **extra,
    }
    return client.post("/api/v1/dossiers", json.dumps(body), content_type="application/json")


def test_a_citizen_sends_eform_for_the_form_and_reads_it_back(
    citizen: User, version: ProcedureVersion
) -> None:
    response = create(citizen, [{"code": "to-khai", "provision": "eform"}, CERTIFICATE])

    assert response.status_code == 201, response.content
    documents = {d["code"]: d["provision"] for d in response.json()["documents"]}
    assert documents == {"to-khai": "eform", "giay-chung-sinh": "counter"}
    again = Client()
    again.force_login(citizen)
    detail = again.get(f"/api/v1/dossiers/{response.json()['id']}").json()
    assert {d["code"]: d["provision"] for d in detail["documents"]}["to-khai"] == "eform"


def test_a_citizen_who_leaves_the_form_out_gets_it_recorded_as_eform(
    citizen: User, version: ProcedureVersion
) -> None:
    response = create(citizen, [CERTIFICATE])

    assert response.status_code == 201, response.content
    documents = {d["code"]: d["provision"] for d in response.json()["documents"]}
    assert documents["to-khai"] == "eform"


def test_eform_for_a_document_the_e_form_does_not_replace_is_a_422_in_vietnamese(
    citizen: User, version: ProcedureVersion
) -> None:
    response = create(
        citizen,
        [{"code": "to-khai", "provision": "eform"}, {**CERTIFICATE, "provision": "eform"}],
    )

    assert response.status_code == 422
    assert response.json()["field"] == "documents[1].provision"
    assert "Tờ khai điện tử không thay thế được «Giấy chứng sinh»" in response.json()["message"]
    assert not Dossier.objects.exists()


def test_eform_on_a_counter_dossier_is_a_422_in_vietnamese(
    clerk: User, version: ProcedureVersion
) -> None:
    response = create(
        clerk,
        [{"code": "to-khai", "provision": "eform"}, CERTIFICATE],
        applicant={"name": "Nguyễn Thị Hoa"},
        channel=1,
    )

    assert response.status_code == 422
    assert response.json()["field"] == "documents[0].provision"
    assert (
        "Hồ sơ nộp trực tiếp hoặc qua bưu chính không dùng tờ khai điện tử"
        in (response.json()["message"])
    )
    assert not Dossier.objects.exists()


def test_the_openapi_document_offers_eform(version: ProcedureVersion) -> None:
    schema = Client().get("/api/v1/openapi.json").json()

    document_in = schema["components"]["schemas"]["DocumentIn"]["properties"]["provision"]
    assert "eform" in document_in["enum"]
