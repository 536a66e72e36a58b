"""Bad import files: each gets a message naming the place, and nothing is saved."""

from __future__ import annotations

import json
import os
import zipfile
from io import BytesIO, StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from motcua.catalog.io import CatalogFileError, read_catalog, xlsx_reader
from motcua.catalog.io import importing as importing_module
from motcua.catalog.models import ProcedureVersion
from motcua.catalog.services import version_publish
from tests.catalog.io_helpers import (
    EMPTY,
    catalog_counts,
    column_of,
    demo_bytes,
    demo_workbook,
    first_row_of,
    import_bytes,
    workbook_bytes,
)

pytestmark = pytest.mark.django_db


def problems_of(content: bytes) -> list[str]:
    with pytest.raises(CatalogFileError) as caught:
        import_bytes(content)
    assert catalog_counts() == EMPTY
    return caught.value.lines()


def test_a_fee_amount_that_is_not_a_number_is_named_by_sheet_row_and_column() -> None:
    workbook = demo_workbook()
    fees = workbook["Phí lệ phí"]
    fees.cell(row=7, column=column_of(fees, "Số tiền"), value="tám nghìn")

    problems = problems_of(workbook_bytes(workbook))

    assert problems == ["Sheet 'Phí lệ phí', dòng 7, cột 'Số tiền': phải là số nguyên không âm"]


def test_a_negative_copy_count_is_refused() -> None:
    workbook = demo_workbook()
    documents = workbook["Thành phần hồ sơ"]
    documents.cell(row=3, column=column_of(documents, "Số bản sao"), value=-1)

    assert problems_of(workbook_bytes(workbook)) == [
        "Sheet 'Thành phần hồ sơ', dòng 3, cột 'Số bản sao': phải là số nguyên không âm"
    ]


def test_a_renamed_column_is_reported_as_missing_and_unknown() -> None:
    workbook = demo_workbook()
    fees = workbook["Phí lệ phí"]
    fees.cell(row=1, column=column_of(fees, "Số tiền"), value="Tiền")

    problems = problems_of(workbook_bytes(workbook))

    assert "Sheet 'Phí lệ phí', dòng tiêu đề: cột 'Tiền' không có trong định dạng" in problems
    assert "Sheet 'Phí lệ phí', dòng tiêu đề: thiếu cột 'Số tiền'" in problems


def test_a_missing_sheet_is_named() -> None:
    workbook = demo_workbook()
    del workbook["Quy trình"]

    assert problems_of(workbook_bytes(workbook)) == ["Sổ tính thiếu sheet 'Quy trình'."]


def test_a_duplicate_procedure_code_is_refused() -> None:
    workbook = demo_workbook()
    sheet = workbook["Thủ tục"]
    sheet.append([cell.value for cell in sheet[first_row_of(sheet, "1.001193")]])

    problems = problems_of(workbook_bytes(workbook))

    assert any("cột 'Mã thủ tục': mã thủ tục 1.001193 bị lặp" in p for p in problems)


def test_an_unreadable_duration_is_named() -> None:
    workbook = demo_workbook()
    versions = workbook["Phiên bản"]
    row = first_row_of(versions, "1.004222")
    versions.cell(row=row, column=column_of(versions, "Thời hạn giải quyết"), value="7 ngày")

    (problem,) = problems_of(workbook_bytes(workbook))

    assert problem.startswith(
        f"Sheet 'Phiên bản', dòng {row}, cột 'Thời hạn giải quyết': Không đọc được thời hạn"
    )


def test_step_budgets_that_do_not_sum_to_the_legal_duration_are_refused() -> None:
    workbook = demo_workbook()
    steps = workbook["Quy trình"]
    steps.cell(
        row=first_row_of(steps, "1.004222"), column=column_of(steps, "Số giờ làm việc"), value=40
    )

    (problem,) = problems_of(workbook_bytes(workbook))

    assert "Tổng thời gian các bước (92 giờ) phải bằng thời hạn giải quyết" in problem
    assert problem.startswith("Sheet 'Phiên bản', dòng ")


def test_an_invalid_declaration_schema_is_refused() -> None:
    workbook = demo_workbook()
    forms = workbook["Tờ khai"]
    row = first_row_of(forms, "1.001193")
    bad = {"type": "object", "properties": {"name": {"type": "chữ"}}}
    forms.cell(row=row, column=column_of(forms, "JSON Schema"), value=json.dumps(bad))

    (problem,) = problems_of(workbook_bytes(workbook))

    assert problem.startswith(f"Sheet 'Tờ khai', dòng {row}, cột 'JSON Schema': JSON Schema")
    assert "properties/name/type" in problem


def test_a_fee_row_for_a_version_that_does_not_exist_is_refused() -> None:
    workbook = demo_workbook()
    fees = workbook["Phí lệ phí"]
    fees.cell(row=2, column=column_of(fees, "Phiên bản"), value=9)

    (problem,) = problems_of(workbook_bytes(workbook))

    assert problem.startswith("Sheet 'Phí lệ phí', dòng 2, cột 'Phiên bản': thủ tục")
    assert "phiên bản 9 không có trong sheet Phiên bản" in problem


def test_ten_megabytes_of_random_bytes_are_refused() -> None:
    garbage = os.urandom(10 * 1024 * 1024)

    assert problems_of(b"x" + garbage) == [
        "Tệp không phải JSON danh mục hay sổ tính Excel (.xlsx)."
    ]
    assert problems_of(b"PK\x03\x04" + garbage) == ["Tệp .xlsx bị hỏng (không mở được gói nén)."]


def test_a_zip_that_is_not_a_workbook_is_refused() -> None:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "không phải sổ tính")

    assert problems_of(buffer.getvalue()) == ["Tệp không phải sổ tính Excel (.xlsx) hợp lệ."]


def test_a_workbook_that_inflates_past_the_limit_is_refused_before_parsing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(xlsx_reader, "MAX_UNCOMPRESSED_BYTES", 5 * 1024 * 1024)
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (6 * 1024 * 1024))

    (problem,) = problems_of(buffer.getvalue())

    assert problem.startswith("Sổ tính khi giải nén vượt quá")


def test_a_sheet_reaching_far_down_is_refused_without_reading_every_row() -> None:
    workbook = demo_workbook()
    workbook["Lĩnh vực"].cell(row=500_000, column=1, value="xa-tit")

    (problem,) = problems_of(workbook_bytes(workbook))

    assert problem == "Sheet 'Lĩnh vực' có quá 200.000 dòng."


def test_too_many_data_rows_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsx_reader, "MAX_ROWS", 10)
    workbook = demo_workbook()

    (problem,) = problems_of(workbook_bytes(workbook))

    assert problem == "Sheet 'Lĩnh vực' có quá 10 dòng dữ liệu."


def test_an_empty_workbook_is_refused() -> None:
    problems = problems_of(workbook_bytes(Workbook()))

    assert problems[0].startswith("Sổ tính thiếu sheet 'Lĩnh vực'")


def test_json_errors_name_the_path() -> None:
    document = json.loads(demo_bytes())
    document["procedures"][3]["versions"][0]["fees"][1]["amount"] = "8.000đ"
    document["procedures"][0]["colour"] = "đỏ"

    problems = problems_of(json.dumps(document).encode())

    code = document["procedures"][3]["code"]
    assert problems == [
        "procedures[0] (1.000656).colour: trường này không có trong định dạng",
        f"procedures[3] ({code}).versions[0].fees[1].amount: phải là số nguyên không âm",
    ]


def test_broken_json_says_where_it_breaks() -> None:
    (problem,) = problems_of(b'{"format": "motcua-catalog",\n "sectors": [}')

    assert problem.startswith("Tệp không phải JSON hợp lệ (dòng 2, cột")


def test_json_of_another_kind_is_refused() -> None:
    assert problems_of(b'{"hello": "world"}') == [
        'Tệp JSON phải là một đối tượng có "format": "motcua-catalog".'
    ]


def test_different_content_for_a_published_version_is_refused_and_nothing_changes() -> None:
    import_bytes(demo_bytes())
    version = ProcedureVersion.objects.get(procedure__code="1.001193", number=1)
    version_publish(version=version, actor=None)
    counts = catalog_counts()
    document = json.loads(demo_bytes())
    birth = next(p for p in document["procedures"] if p["code"] == "1.001193")
    birth["versions"][0]["fees"][1]["amount"] = 9000
    birth["name"] = "Tên đã sửa"

    with pytest.raises(CatalogFileError) as caught:
        import_bytes(json.dumps(document).encode())

    (problem,) = caught.value.lines()
    assert "phiên bản 1 của thủ tục 1.001193 đã công bố và không sửa được" in problem
    assert catalog_counts() == counts
    assert version.procedure.name == "Thủ tục đăng ký khai sinh"


def test_a_failure_while_writing_rolls_back_everything_already_written(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_write = importing_module._write_version
    calls = {"n": 0}

    def fail_on_the_twentieth(*args: object) -> None:
        calls["n"] += 1
        if calls["n"] == 20:
            raise RuntimeError("ổ đĩa đầy")
        real_write(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(importing_module, "_write_version", fail_on_the_twentieth)

    with pytest.raises(RuntimeError):
        import_bytes(demo_bytes())

    assert catalog_counts() == EMPTY


def test_the_import_command_prints_each_problem_and_exits_non_zero(tmp_path: Path) -> None:
    workbook = demo_workbook()
    fees = workbook["Phí lệ phí"]
    fees.cell(row=7, column=column_of(fees, "Số tiền"), value=-5)
    path = tmp_path / "sai.xlsx"
    path.write_bytes(workbook_bytes(workbook))
    err = StringIO()

    with pytest.raises(CommandError, match="Không có thay đổi nào được lưu"):
        call_command("catalog_import", str(path), stderr=err)

    assert "Sheet 'Phí lệ phí', dòng 7, cột 'Số tiền': phải là số nguyên không âm" in err.getvalue()
    assert catalog_counts() == EMPTY


def test_a_file_larger_than_the_limit_is_refused_before_reading() -> None:
    with pytest.raises(CatalogFileError, match="vượt giới hạn 1 MB"):
        read_catalog(b"{" + b" " * (2 * 1024 * 1024), max_bytes=1024 * 1024)
