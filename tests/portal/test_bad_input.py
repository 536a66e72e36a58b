"""Bad input on the citizen pages: Vietnamese errors next to the field, what was typed
kept, uploads never lost, a double click submits once, an expired session keeps the draft."""

from __future__ import annotations

import io
import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import services
from motcua.dossiers.models import Dossier, Status
from tests.dossiers.conftest import submit_online
from tests.portal.conftest import pdf
from tests.portal.test_submit_online import start

pytestmark = pytest.mark.django_db


def test_a_wrong_date_is_named_kept_as_typed_and_saved_in_the_draft(
    hoa: Client, version: ProcedureVersion
) -> None:
    draft = start(hoa, version)
    response = hoa.post(
        f"/ho-so/{draft.pk}/khai/1/",
        {"d:child_name": "An", "d:child_birth_date": "31/02/2026", "next": "1"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "«Ngày sinh» phải là ngày có thật" in html
    assert 'value="31/02/2026"' in html
    assert "Thiếu thông tin bắt buộc «Họ tên mẹ»" in html
    draft.refresh_from_db()
    assert draft.declaration["child_name"] == "An"


def test_a_date_typed_as_8_digits_on_a_phone_comes_back_as_dd_mm_yyyy(
    hoa: Client, version: ProcedureVersion
) -> None:
    draft = start(hoa, version)
    page = hoa.get(f"/ho-so/{draft.pk}/khai/1/").content.decode()
    assert 'inputmode="numeric"' in page and "gõ liền 8 chữ số, ví dụ 05032026" in page
    response = hoa.post(
        f"/ho-so/{draft.pk}/khai/1/",
        {"d:child_name": "An", "d:child_birth_date": "10112026", "save": "1"},
    )
    assert "phải là ngày có thật" not in response.content.decode()
    draft.refresh_from_db()
    assert draft.declaration["child_birth_date"] == "2026-11-10"
    page = hoa.get(f"/ho-so/{draft.pk}/khai/1/").content.decode()
    assert 'value="10/11/2026"' in page
    assert "phải là ngày có thật" not in page


def test_a_file_that_is_not_a_pdf_is_refused_and_the_good_one_kept(
    hoa: Client, version: ProcedureVersion
) -> None:
    draft = start(hoa, version)
    fake = SimpleUploadedFile("to-khai.pdf", b"not really a pdf", content_type="application/pdf")
    response = hoa.post(
        f"/ho-so/{draft.pk}/giay-to/",
        {
            "provision-to-khai": "upload",
            "provision-giay-chung-sinh": "upload",
            "provision-giay-ket-hon": "missing",
            "file-to-khai": fake,
            "file-giay-chung-sinh": pdf(),
            "next": "1",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "không phải PDF, JPEG hoặc PNG hợp lệ" in html
    assert "Đã tải lên" in html and "giay-chung-sinh.pdf" in html
    assert draft.attachments.count() == 1


def test_review_refuses_an_incomplete_declaration_and_submits_nothing(
    hoa: Client, version: ProcedureVersion
) -> None:
    draft = start(hoa, version)
    response = hoa.post(f"/ho-so/{draft.pk}/xem-lai/", {"idempotency_key": "x"})
    assert response.status_code == 400
    assert "Thiếu thông tin bắt buộc" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def fill_all(client: Client, draft: Dossier) -> None:
    client.post(
        f"/ho-so/{draft.pk}/khai/1/",
        {
            "d:child_name": "Nguyễn Minh An",
            "d:child_birth_date": "10/11/2026",
            "d:mother_name": "Nguyễn Thị Hoa",
            "save": "1",
        },
    )
    client.post(
        f"/ho-so/{draft.pk}/giay-to/",
        {
            "provision-to-khai": "counter",
            "provision-giay-chung-sinh": "counter",
            "provision-giay-ket-hon": "missing",
            "save": "1",
        },
    )


def test_a_double_click_on_submit_submits_once(hoa: Client, version: ProcedureVersion) -> None:
    draft = start(hoa, version)
    fill_all(hoa, draft)
    draft.refresh_from_db()
    form = {"idempotency_key": "same-click", "expected_version": draft.version}
    first = hoa.post(f"/ho-so/{draft.pk}/xem-lai/", form)
    second = hoa.post(f"/ho-so/{draft.pk}/xem-lai/", form)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == f"/ho-so/{draft.pk}/da-nop/"
    assert Dossier.objects.filter(status=Status.NEW).count() == 1
    # The page says the dossier code comes at reception, and what to quote until then.
    page = hoa.get(second["Location"]).content.decode()
    assert f'data-testid="online-number">{draft.pk}<' in page
    assert "sẽ được cấp khi Bộ phận Một cửa tiếp nhận" in page


@pytest.mark.parametrize("garbled", ["abc", "-1", "99999999999999999999", "1.5"])
def test_a_garbled_version_on_submit_is_a_clear_refusal_not_a_crash(
    hoa: Client, version: ProcedureVersion, garbled: str
) -> None:
    draft = start(hoa, version)
    fill_all(hoa, draft)

    answer = hoa.post(
        f"/ho-so/{draft.pk}/xem-lai/", {"idempotency_key": "k", "expected_version": garbled}
    )

    assert answer.status_code == 400
    assert "Trang này đã cũ hoặc bị sửa. Hãy tải lại trang rồi nộp lại." in answer.content.decode()
    assert Dossier.objects.get(pk=draft.pk).status == Status.DRAFT


def test_a_step_saved_into_a_draft_deleted_meanwhile_says_so(
    hoa: Client, version: ProcedureVersion, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page read the draft; another window deleted it before this save."""
    from motcua.dossiers import services
    from motcua.dossiers.errors import NotFound

    draft = start(hoa, version)

    def gone(**kwargs: object) -> Dossier:
        raise NotFound("Không tìm thấy hồ sơ.")

    monkeypatch.setattr(services, "dossier_draft_save", gone)
    answer = hoa.post(f"/ho-so/{draft.pk}/khai/1/", {"save": "1"})

    assert answer.status_code == 302 and answer["Location"] == "/ho-so-cua-toi/"
    page = hoa.get(answer["Location"]).content.decode()
    assert "Bản nháp này đã được xóa nên không lưu được." in page


def test_an_expired_session_keeps_what_was_typed(
    web: Client, citizen: User, version: ProcedureVersion
) -> None:
    web.force_login(citizen)
    draft = start(web, version)
    web.logout()
    url = f"/ho-so/{draft.pk}/khai/1/"
    response = web.post(url, {"d:child_name": "Nguyễn Minh An", "next": "1"})
    assert response["Location"].startswith(f"/dang-nhap/?next={url}")
    login = web.get(response["Location"]).content.decode()
    assert "Nội dung bạn vừa nhập đã được giữ lại" in login
    web.force_login(citizen)
    html = web.get(url).content.decode()
    assert 'value="Nguyễn Minh An"' in html and "Đã khôi phục" in html
    draft.refresh_from_db()
    assert draft.declaration["child_name"] == "Nguyễn Minh An"


def test_a_message_sent_after_the_session_expired_comes_back_to_its_page_and_says_so(
    web: Client, citizen: User, version: ProcedureVersion
) -> None:
    dossier = submit_online(citizen, version)
    page = f"/ho-so-cua-toi/{dossier.pk}/"
    sent = web.post(
        f"{page}trao-doi/",
        {"body": "Tôi đã gửi bản rõ hơn."},
        HTTP_REFERER=f"http://127.0.0.1{page}",
    )
    # Back to the dossier's page after logging in, not to the address of the form.
    assert sent["Location"] == f"/dang-nhap/?next={page}"
    login = web.get(sent["Location"]).content.decode()
    assert "nội dung vừa gửi chưa được ghi nhận" in login
    # A Referer of another site is not followed.
    elsewhere = web.post(
        f"{page}trao-doi/", {"body": "x"}, HTTP_REFERER="https://example.com/ho-so-cua-toi/1/"
    )
    assert elsewhere["Location"] == f"/dang-nhap/?next={page}trao-doi/"


def test_an_address_that_only_takes_forms_opened_as_a_link_says_what_to_do(
    web: Client, citizen: User, version: ProcedureVersion
) -> None:
    dossier = submit_online(citizen, version)
    web.force_login(citizen)
    for url in ("/dang-xuat/", f"/ho-so-cua-toi/{dossier.pk}/trao-doi/"):
        response = web.get(url)
        assert response.status_code == 405 and response["Allow"] == "POST"
        html = response.content.decode()
        assert "Địa chỉ này chỉ nhận dữ liệu gửi từ biểu mẫu" in html
        assert 'href="/ho-so-cua-toi/"' in html
    # The API keeps answering for itself.
    api = web.get("/api/v1/lookup")
    assert api.status_code == 405 and "biểu mẫu" not in api.content.decode()


def test_autosave_answers_in_one_line_and_says_when_the_session_expired(
    web: Client, citizen: User, version: ProcedureVersion
) -> None:
    web.force_login(citizen)
    draft = start(web, version)
    saved = web.post(
        f"/ho-so/{draft.pk}/luu-nhap/", {"step": "1", "d:child_name": "An"}, HTTP_HX_REQUEST="true"
    )
    assert "Đã lưu nháp lúc 09:00" in saved.content.decode()
    web.logout()
    expired = web.post(
        f"/ho-so/{draft.pk}/luu-nhap/",
        {"step": "1", "d:child_name": "Bình"},
        HTTP_HX_REQUEST="true",
    )
    assert "Phiên đăng nhập đã hết hạn" in expired.content.decode()
    draft.refresh_from_db()
    assert draft.declaration["child_name"] == "An"


def test_a_draft_resumes_on_another_device(citizen: User, version: ProcedureVersion) -> None:
    phone, desktop = Client(), Client()
    phone.force_login(citizen)
    draft = start(phone, version)
    phone.post(f"/ho-so/{draft.pk}/khai/1/", {"d:child_name": "Nguyễn Minh An", "save": "1"})
    desktop.force_login(citizen)
    offer = desktop.get("/nop-ho-so/1.001193/").content.decode()
    assert "Tiếp tục bản nháp" in offer
    assert 'value="Nguyễn Minh An"' in desktop.get(f"/ho-so/{draft.pk}/khai/1/").content.decode()


def test_bad_step_numbers_and_garbage_never_500(hoa: Client, version: ProcedureVersion) -> None:
    draft = start(hoa, version)
    assert hoa.get(f"/ho-so/{draft.pk}/khai/99/").status_code == 302
    assert hoa.post(f"/ho-so/{draft.pk}/luu-nhap/", {"step": "abc"}).status_code == 400
    assert hoa.post("/nop-ho-so/1.001193/", {"agency": "nope"}).status_code == 400
    assert hoa.get("/nop-ho-so/9.999999/").status_code == 404


def test_too_many_files_in_one_form_says_how_many_and_keeps_the_rest(
    hoa: Client, version: ProcedureVersion, settings: object
) -> None:
    draft = start(hoa, version)
    page = f"/ho-so/{draft.pk}/giay-to/"
    kept = hoa.post(
        page,
        {
            "provision-to-khai": "upload",
            "provision-giay-chung-sinh": "missing",
            "provision-giay-ket-hon": "missing",
            "file-to-khai": pdf("to-khai.pdf"),
        },
    )
    assert kept.status_code in (200, 302)
    assert draft.attachments.count() == 1
    limit = settings.DATA_UPLOAD_MAX_NUMBER_FILES  # type: ignore[attr-defined]
    response = hoa.post(
        page,
        {
            "provision-giay-chung-sinh": "upload",
            "file-giay-chung-sinh": [pdf(f"trang-{n}.pdf") for n in range(limit + 1)],
        },
        HTTP_REFERER=f"http://127.0.0.1{page}",
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert f"Lần gửi này có hơn {limit} tệp" in html
    assert "Không tệp nào trong lần gửi này được ghi nhận" in html
    assert f'href="{page}"' in html
    assert draft.attachments.count() == 1


def test_too_many_files_through_the_api_is_a_json_message(hoa: Client) -> None:
    from django.conf import settings

    limit = settings.DATA_UPLOAD_MAX_NUMBER_FILES
    response = hoa.post(
        "/api/v1/dossiers/X/attachments",
        {"file": [pdf(f"trang-{n}.pdf") for n in range(limit + 1)]},
    )
    assert response.status_code == 400
    assert f"hơn {limit} tệp" in response.json()["message"]


def test_too_many_files_is_logged_as_a_warning_in_one_line(hoa: Client) -> None:
    """The person's mistake is not the system's error: no ERROR, no traceback."""
    from django.conf import settings

    from motcua.core.logs import LimitsAreWarnings

    console = next(
        h
        for h in logging.getLogger().handlers
        if any(isinstance(f, LimitsAreWarnings) for f in h.filters)
    )
    written = io.StringIO()
    before = console.setStream(written)  # type: ignore[attr-defined]
    try:
        hoa.post(
            "/api/v1/dossiers/X/attachments",
            {
                "file": [
                    pdf(f"trang-{n}.pdf") for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1)
                ]
            },
        )
    finally:
        console.setStream(before)  # type: ignore[attr-defined]
    log = written.getvalue()
    assert "WARNING django.security.TooManyFilesSent" in log
    assert "ERROR" not in log
    assert "Traceback" not in log


def test_files_over_the_limit_are_named_and_the_rest_kept(
    hoa: Client, version: ProcedureVersion, settings: object
) -> None:
    settings.MAX_FILES_PER_DOSSIER = 3  # type: ignore[attr-defined]
    draft = start(hoa, version)
    response = hoa.post(
        f"/ho-so/{draft.pk}/giay-to/",
        {
            "provision-to-khai": "missing",
            "provision-giay-chung-sinh": "upload",
            "provision-giay-ket-hon": "missing",
            "file-giay-chung-sinh": [pdf(f"trang-{n}.pdf") for n in range(1, 6)],
        },
    )
    html = response.content.decode()
    assert draft.attachments.count() == 3
    assert "Không lưu được «trang-4.pdf», «trang-5.pdf»: Mỗi hồ sơ có tối đa 3 tệp." in html


def test_a_contradiction_across_fields_is_shown_at_its_step(
    hoa: Client, version: ProcedureVersion
) -> None:
    from motcua.catalog.data.forms import birth_registration
    from motcua.portal import forms_schema as fs

    version.declaration_schema = birth_registration()
    version.save(update_fields=["declaration_schema"])
    draft = start(hoa, version)
    step = 1 + [s.key for s in fs.sections_of(version.declaration_schema)].index("mother")
    response = hoa.post(
        f"/ho-so/{draft.pk}/khai/{step}/",
        {
            "d:mother.full_name": "Trần Thị Mai",
            "d:mother.birth_year": "1992",
            "d:mother.birth_date": "15/08/1990",
            "next": "1",
        },
    )
    assert response.status_code == 400
    assert "«Năm sinh» không khớp với năm trong «Ngày, tháng, năm sinh»" in (
        response.content.decode()
    )


def test_a_step_sent_while_the_autosave_is_saving_is_not_a_server_error(
    hoa: Client, version: ProcedureVersion, monkeypatch: pytest.MonkeyPatch
) -> None:
    from motcua.dossiers.errors import StaleDossier

    draft = start(hoa, version)
    real = services.dossier_draft_save
    raced: list[bool] = []

    def autosave_first(**kwargs: object) -> Dossier:
        if not raced:
            raced.append(True)
            # The autosave of the same page lands first: the draft moves on a version.
            real(**{**kwargs, "declaration": {"child_name": "Nguyễn Minh"}})  # type: ignore[arg-type]
            raise StaleDossier()
        return real(**kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(services, "dossier_draft_save", autosave_first)
    response = hoa.post(
        f"/ho-so/{draft.pk}/khai/1/",
        {"d:child_name": "Nguyễn Minh An", "d:child_birth_date": "10/11/2026", "next": "1"},
    )
    assert response.status_code in (200, 302, 400)
    draft.refresh_from_db()
    assert draft.declaration["child_name"] == "Nguyễn Minh An"


def test_the_review_shows_the_date_in_words_the_system_will_write(
    hoa: Client, version: ProcedureVersion
) -> None:
    from motcua.catalog.data.forms import birth_registration

    version.declaration_schema = birth_registration()
    version.save(update_fields=["declaration_schema"])
    draft = start(hoa, version)
    Dossier.objects.filter(pk=draft.pk).update(
        declaration={"child": {"full_name": "NGUYỄN MINH AN", "birth_date": "2026-11-10"}}
    )
    page = hoa.get(f"/ho-so/{draft.pk}/xem-lai/").content.decode()
    assert "Ngày mười tháng mười một năm hai nghìn không trăm hai mươi sáu." in page
    draft.refresh_from_db()
    assert "birth_date_in_words" not in draft.declaration["child"]  # stored as sent


def test_a_text_too_long_is_refused_with_its_length_and_stays_refused_until_shortened(
    hoa: Client, version: ProcedureVersion
) -> None:
    """The test schema sets no maxLength on the child's name: the ceiling holds it."""
    draft = start(hoa, version)
    page = hoa.get(f"/ho-so/{draft.pk}/khai/1/").content.decode()
    assert 'maxlength="5000"' in page  # the browser stops the typing there
    fill_all(hoa, draft)
    long_name = "Nguyễn " * 3000 + "Khang"  # 21,005 characters, sent past the browser
    response = hoa.post(
        f"/ho-so/{draft.pk}/khai/1/",
        {
            "d:child_name": long_name,
            "d:child_birth_date": "10/11/2026",
            "d:mother_name": "Nguyễn Thị Hoa",
            "next": "1",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert (
        "«Họ, chữ đệm, tên trẻ» không được dài quá 5.000 ký tự; nội dung nhập dài 21.005 ký tự"
        in html
    )
    draft.refresh_from_db()
    assert len(draft.declaration["child_name"]) == 5001  # not cut to a length that passes
    # Nothing is submitted with it, by the review page or through the API's check.
    response = hoa.post(f"/ho-so/{draft.pk}/xem-lai/", {"idempotency_key": "long"})
    assert response.status_code == 400
    assert "không được dài quá 5000 ký tự" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    # Shortened, it goes through.
    hoa.post(
        f"/ho-so/{draft.pk}/khai/1/",
        {
            "d:child_name": "Nguyễn Minh Khang",
            "d:child_birth_date": "10/11/2026",
            "d:mother_name": "Nguyễn Thị Hoa",
            "save": "1",
        },
    )
    response = hoa.post(f"/ho-so/{draft.pk}/xem-lai/", {"idempotency_key": "short"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status != Status.DRAFT
