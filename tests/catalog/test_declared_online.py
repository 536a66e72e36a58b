"""«Tờ khai điện tử thay thế khi nộp trực tuyến»: a required document can say that the
procedure's electronic declaration stands for it in online submissions. The flag travels
through the admin, both import formats and the read API; files written before it existed
still import, with the flag off."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from motcua.catalog import search
from motcua.catalog.data.curation import stands_for_declaration
from motcua.catalog.io import CatalogFileError, export_catalog, read_catalog
from motcua.catalog.models import Procedure, ProcedureVersion, RequiredDocument
from motcua.organizations.models import Agency
from tests.catalog.factories import procedure
from tests.catalog.io_helpers import (
    column_of,
    demo_bytes,
    demo_workbook,
    import_bytes,
    workbook_bytes,
)

pytestmark = pytest.mark.django_db

HEADER = "Tờ khai điện tử thay thế khi nộp trực tuyến"
BIRTH_FORM = "to-khai-dang-ky-khai-sinh"


def declared(code: str) -> dict[str, bool]:
    version = ProcedureVersion.objects.get(procedure__code=code)
    return dict(version.documents.values_list("code", "declared_online"))


def test_the_demo_birth_registration_form_is_declared_online_and_the_birth_certificate_not() -> (
    None
):
    import_bytes(demo_bytes())

    birth = declared("1.001193")

    assert birth[BIRTH_FORM] is True
    assert birth["giay-chung-sinh-neu-khong-co"] is False
    assert sum(birth.values()) == 1


def test_in_the_demo_catalog_a_procedure_has_at_most_one_document_the_e_form_stands_for() -> None:
    catalog = read_catalog(demo_bytes())

    for record in catalog.procedures:
        flagged = [d for d in record.versions[0].documents if d.declared_online]
        assert len(flagged) <= 1, record.code
        assert all(d.action == "submit" for d in flagged), record.code


def test_the_rule_takes_application_forms_and_leaves_other_papers() -> None:
    def rule(name: str, action: str = "submit", requirement: str = "mandatory") -> bool:
        return stands_for_declaration(name, action=action, requirement=requirement)

    assert rule("Tờ khai đăng ký khai sinh theo mẫu")
    assert rule("Đơn đề nghị cấp giấy phép xây dựng (Mẫu số 1)")
    assert rule("Giấy đề nghị đăng ký hộ kinh doanh")
    assert not rule("Giấy chứng sinh")
    assert not rule("Danh sách đề nghị giải quyết hưởng chế độ thai sản")
    assert not rule("Đơn vị xác nhận")  # "Đơn" alone is not an application form
    assert not rule("Tờ khai (Mẫu 02/2025/LLTP)", requirement="conditional")
    assert not rule("Tờ khai đăng ký khai sinh", action="present")


def test_a_json_export_and_import_keep_the_flag() -> None:
    import_bytes(demo_bytes())
    exported = export_catalog("json")
    document = json.loads(exported)
    birth = next(p for p in document["procedures"] if p["code"] == "1.001193")

    assert birth["versions"][0]["documents"][0]["declared_online"] is True
    record = read_catalog(exported)
    birth_record = next(p for p in record.procedures if p.code == "1.001193")
    assert birth_record.versions[0].documents[0].declared_online is True


def test_a_json_file_written_before_the_flag_imports_with_it_off() -> None:
    document = json.loads(demo_bytes())
    for item in document["procedures"]:
        for version in item["versions"]:
            for doc in version["documents"]:
                del doc["declared_online"]

    import_bytes(json.dumps(document, ensure_ascii=False).encode())

    assert Procedure.objects.count() == 38
    assert not RequiredDocument.objects.filter(declared_online=True).exists()


def test_a_workbook_written_before_the_column_imports_with_the_flag_off() -> None:
    workbook = demo_workbook()
    sheet = workbook["Thành phần hồ sơ"]
    sheet.delete_cols(column_of(sheet, HEADER))

    import_bytes(workbook_bytes(workbook))

    assert RequiredDocument.objects.count() > 100
    assert not RequiredDocument.objects.filter(declared_online=True).exists()


def test_a_workbook_sets_the_flag_with_co_and_khong() -> None:
    workbook = demo_workbook()
    sheet = workbook["Thành phần hồ sơ"]
    column = column_of(sheet, HEADER)
    assert sheet.cell(row=2, column=column).value in {"Có", "Không"}
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row=row, column=column, value="Không")
    birth_rows = [
        row
        for row in range(2, sheet.max_row + 1)
        if sheet.cell(row=row, column=1).value == "1.001193"
    ]
    sheet.cell(row=birth_rows[1], column=column, value="có")

    import_bytes(workbook_bytes(workbook))

    assert [code for code, on in declared("1.001193").items() if on] == [
        "giay-chung-sinh-neu-khong-co"
    ]
    assert RequiredDocument.objects.filter(declared_online=True).count() == 1


def test_a_workbook_value_that_is_neither_yes_nor_no_is_named() -> None:
    workbook = demo_workbook()
    sheet = workbook["Thành phần hồ sơ"]
    sheet.cell(row=2, column=column_of(sheet, HEADER), value="có lẽ")

    with pytest.raises(CatalogFileError) as caught:
        import_bytes(workbook_bytes(workbook))

    assert caught.value.lines() == [
        f"Sheet 'Thành phần hồ sơ', dòng 2, cột '{HEADER}': phải là 'Có' hoặc 'Không'"
    ]


def test_the_read_api_says_which_document_the_e_form_stands_for(commune_agency: Agency) -> None:
    search.invalidate()
    birth = procedure("1.001193", "Thủ tục đăng ký khai sinh", agencies=[commune_agency])
    version = birth.versions.get()
    RequiredDocument.objects.filter(version=version, order=1).update(declared_online=True)
    RequiredDocument.objects.create(
        version=version, order=2, code="giay-chung-sinh", name="Giấy chứng sinh"
    )

    body = Client(HTTP_HOST="127.0.0.1").get("/api/v1/procedures/1.001193").json()

    flags = [d["declared_online"] for d in body["current_version"]["documents"]]
    assert flags[0] is True
    assert not any(flags[1:])
