"""The read API integrators and other issues build on: /api/v1/procedures, /sectors, ..."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from motcua.api.catalog import ProcedureList
from motcua.catalog import search
from motcua.catalog.models import Procedure
from motcua.organizations.models import AdministrativeUnit, Agency
from tests.catalog.factories import procedure, real_catalog

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_index() -> None:
    search.invalidate()


@pytest.fixture
def api() -> Client:
    return Client(HTTP_HOST="127.0.0.1")


def test_list_paginates_with_items_and_count(api: Client) -> None:
    real_catalog()
    first = api.get("/api/v1/procedures", {"limit": 5}).json()
    second = api.get("/api/v1/procedures", {"limit": 5, "offset": 5}).json()
    assert first["count"] == second["count"] == 14
    assert len(first["items"]) == len(second["items"]) == 5
    assert not {p["code"] for p in first["items"]} & {p["code"] for p in second["items"]}


@pytest.mark.parametrize(
    "params", [{}, {"q": "khai sinh"}, {"q": "dang ky", "level": "commune"}, {"limit": 200}]
)
def test_the_list_answers_in_its_documented_shape(api: Client, params: dict[str, str]) -> None:
    real_catalog()
    Procedure.objects.filter(code="1.001193").update(abolished_on=date(2026, 1, 1))
    body = api.get("/api/v1/procedures", params).json()
    assert body["items"], params
    # The view sends its own JSON; it must be exactly what the schema would have sent.
    assert ProcedureList.model_validate(body).model_dump(mode="json") == body


def test_search_without_accents(api: Client) -> None:
    real_catalog()
    body = api.get("/api/v1/procedures", {"q": "dang ky khai sinh"}).json()
    assert body["items"][0]["code"] == "1.001193"
    assert body["items"][0]["duration"] == {"value": "5", "unit": "d", "text": "5 ngày làm việc"}


def test_detail_has_the_version_in_force(api: Client, commune_agency: Agency) -> None:
    procedure("1.001193", "Thủ tục đăng ký khai sinh", agencies=[commune_agency])
    body = api.get("/api/v1/procedures/1.001193").json()
    version = body["current_version"]
    assert version["number"] == 1
    assert version["documents"][0]["name"] == "Tờ khai theo mẫu"
    assert version["fees"][0]["amount"] == 8000
    assert [s["role"] for s in version["steps"]] == ["clerk", "specialist", "leader"]
    assert sum(s["budget_hours"] for s in version["steps"]) == 40
    assert body["agencies"] == [{"code": commune_agency.code, "name": commune_agency.name}]
    assert version["declaration_schema"]["type"] == "object"


def test_a_version_not_yet_in_force_is_not_shown(api: Client) -> None:
    procedure("1.001193", "Thủ tục đăng ký khai sinh", effective_from=date(2099, 1, 1))
    assert api.get("/api/v1/procedures/1.001193").status_code == 404
    assert api.get("/api/v1/procedures").json()["count"] == 0


def test_drafts_are_not_public(api: Client) -> None:
    procedure("1.001193", "Thủ tục đăng ký khai sinh", publish=False)
    assert api.get("/api/v1/procedures/1.001193").status_code == 404


def test_abolished_procedures_stay_readable(api: Client) -> None:
    proc = procedure("1.001193", "Thủ tục đăng ký khai sinh")
    Procedure.objects.filter(pk=proc.pk).update(abolished_on=date(2026, 1, 1))
    body = api.get("/api/v1/procedures/1.001193").json()
    assert body["abolished_on"] == "2026-01-01"


def test_sectors_count_their_procedures(api: Client) -> None:
    real_catalog()
    body = api.get("/api/v1/sectors").json()
    counts = {s["name"]: s["procedure_count"] for s in body["items"]}
    assert counts["Hộ tịch"] == 6
    assert counts["Đăng ký, quản lý cư trú"] == 3


def test_agencies_and_administrative_units(
    api: Client, commune_agency: Agency, hoan_kiem_ward: AdministrativeUnit
) -> None:
    agencies = api.get("/api/v1/agencies", {"level": "commune"}).json()
    assert agencies["items"][0]["code"] == commune_agency.code
    assert agencies["items"][0]["parent"] == "000.00.00.H26"
    provinces = api.get("/api/v1/administrative-units", {"level": "province"}).json()
    assert provinces["items"] == [
        {
            "code": "01",
            "name": "Thành phố Hà Nội",
            "division_type": "thành phố trung ương",
            "level": "province",
            "province": None,
        }
    ]
    communes = api.get(
        "/api/v1/administrative-units", {"level": "commune", "province": "01", "q": "hoan kiem"}
    ).json()
    assert [u["name"] for u in communes["items"]] == ["Phường Hoàn Kiếm"]


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        ("/api/v1/procedures", {"limit": 0}, 422),
        ("/api/v1/procedures", {"limit": 201}, 422),
        ("/api/v1/procedures", {"offset": -1}, 422),
        ("/api/v1/procedures", {"limit": "abc"}, 422),
        ("/api/v1/procedures", {"level": "galaxy"}, 422),
        ("/api/v1/procedures", {"q": "x" * 201}, 422),
        ("/api/v1/procedures/9.999999", {}, 404),
        ("/api/v1/procedures/" + "1" * 300, {}, 404),
        ("/api/v1/administrative-units", {"level": "district"}, 422),
        ("/api/v1/agencies", {"limit": 10**9}, 422),
        ("/api/v1/no-such-thing", {}, 404),
        ("/api/v2/procedures", {}, 404),
    ],
)
def test_bad_requests_get_json_errors(
    api: Client, path: str, params: dict[str, str | int], status: int
) -> None:
    response = api.get(path, params)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["message"]


def test_openapi_document_lists_the_stable_paths(api: Client) -> None:
    paths = api.get("/api/v1/openapi.json").json()["paths"]
    for path in [
        "/api/v1/procedures",
        "/api/v1/procedures/{code}",
        "/api/v1/sectors",
        "/api/v1/agencies",
        "/api/v1/administrative-units",
    ]:
        assert path in paths
