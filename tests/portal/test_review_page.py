"""The review step lists the documents truthfully: a document Bà Hoa has not uploaded,
reused or said she will bring is never shown as provided."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from motcua.dossiers.models import Dossier, Provision
from tests.portal.conftest import pdf

pytestmark = pytest.mark.django_db

NOT_PROVIDED = "Giấy tờ bắt buộc: bấm «Sửa» để tải tệp lên hoặc chọn nộp bản giấy."


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path)


def documents_listed(hoa: Client, draft: Dossier) -> str:
    page = hoa.get(f"/ho-so/{draft.pk}/xem-lai/").content.decode()
    start = page.index('id="rv-docs"')
    return page[start : page.index("</section>", start)]


def test_before_the_documents_step_nothing_is_shown_as_provided(
    hoa: Client, draft: Dossier
) -> None:
    listed = documents_listed(hoa, draft)

    assert "Nộp tệp điện tử" not in listed
    assert "Tờ khai đăng ký khai sinh</strong>: Chưa khai" in listed
    assert "Giấy chứng sinh</strong>: Chưa khai" in listed
    assert listed.count(NOT_PROVIDED) == 2  # the two mandatory documents


def test_an_upload_chosen_without_a_file_is_shown_as_missing_its_file(
    hoa: Client, draft: Dossier
) -> None:
    hoa.post(
        f"/ho-so/{draft.pk}/giay-to/",
        {
            "provision-to-khai": Provision.AT_COUNTER,
            "provision-giay-chung-sinh": Provision.UPLOAD,
            "provision-giay-ket-hon": Provision.MISSING,
        },
    )

    listed = documents_listed(hoa, draft)

    assert "Tờ khai đăng ký khai sinh</strong>: Xuất trình, nộp tại Bộ phận Một cửa" in listed
    assert "Giấy chứng sinh</strong>: Chưa tải tệp lên" in listed
    # Conditional, and not in her case: said as she said it, not as something missing.
    assert "Giấy chứng nhận kết hôn</strong>: Không có / không thuộc trường hợp này" in listed
    assert listed.count(NOT_PROVIDED) == 1


def test_an_uploaded_file_is_shown_with_its_name(hoa: Client, draft: Dossier) -> None:
    hoa.post(
        f"/ho-so/{draft.pk}/giay-to/",
        {
            "provision-to-khai": Provision.AT_COUNTER,
            "provision-giay-chung-sinh": Provision.UPLOAD,
            "provision-giay-ket-hon": Provision.MISSING,
            "file-giay-chung-sinh": pdf(),
        },
    )

    listed = documents_listed(hoa, draft)

    assert "Giấy chứng sinh</strong>: Nộp tệp điện tử – giay-chung-sinh.pdf" in listed
    assert NOT_PROVIDED not in listed
