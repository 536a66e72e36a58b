"""Bà Hoa and the Hoàn Kiếm officials chose English: what the services refuse and what
the pages confirm reaches them in English, while the same refusal stays Vietnamese for
whoever did not choose (the site's default)."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import services
from motcua.dossiers.errors import InvalidInput, InvalidTransition, NotAllowed
from motcua.dossiers.models import Dossier, Status
from tests.dossiers.conftest import submit_online
from tests.portal.conftest import pdf
from tests.portal.english import in_english, staff, text

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path)


def act(client: Client, dossier: Dossier, name: str, **extra: object) -> Response:
    dossier.refresh_from_db()
    return client.post(
        f"/can-bo/ho-so/{dossier.pk}/thao-tac/{name}/",
        {"expected_version": dossier.version, **extra},
    )


# --- the citizen ---------------------------------------------------------------------


def test_a_file_that_is_not_a_pdf_or_image_is_refused_in_english(
    hoa: Client, draft: Dossier
) -> None:
    note = SimpleUploadedFile("ghi-chu.txt", b"just some words", content_type="text/plain")
    response = in_english(hoa).post(
        f"/ho-so/{draft.pk}/giay-to/",
        {"provision-giay-chung-sinh": "upload", "file-giay-chung-sinh": note},
    )

    assert response.status_code == 400
    page = text(response)
    assert "The file «ghi-chu.txt» is not a valid PDF, JPEG or PNG." in page
    assert "không phải PDF" not in page


def test_too_many_files_are_refused_in_english_and_named(
    hoa: Client, draft: Dossier, settings: Any
) -> None:
    settings.MAX_FILES_PER_DOSSIER = 1
    response = in_english(hoa).post(
        f"/ho-so/{draft.pk}/giay-to/",
        {
            "provision-giay-chung-sinh": "upload",
            "file-giay-chung-sinh": [pdf("mat-truoc.pdf"), pdf("mat-sau.pdf")],
        },
    )

    page = text(response)
    assert "Could not save «mat-sau.pdf»: A dossier can hold at most 1 file." in page
    assert "Không lưu được" not in page and "tối đa" not in page


def test_the_saved_documents_step_confirms_in_english(hoa: Client, draft: Dossier) -> None:
    response = in_english(hoa).post(
        f"/ho-so/{draft.pk}/giay-to/",
        {"provision-to-khai": "counter", "provision-giay-chung-sinh": "counter"},
        follow=True,
    )

    assert "The dossier's documents are saved." in text(response)


def test_a_file_cannot_be_taken_out_once_submitted_said_in_english(
    hoa: Client, citizen: User, version: ProcedureVersion
) -> None:
    dossier = submit_online(citizen, version)
    sent = services.attachment_add(
        dossier=dossier, actor=citizen, data=pdf().read(), name="a.pdf", document_code="to-khai"
    )

    response = in_english(hoa).post(
        f"/ho-so-cua-toi/{dossier.pk}/bo-sung/{sent.pk}/go/", follow=True
    )

    page = text(response)
    assert "The dossier has been submitted; files can be removed only while drafting" in page
    assert "Hồ sơ đã nộp; chỉ gỡ được tệp" not in page


def test_an_empty_message_is_refused_in_english(
    hoa: Client, citizen: User, version: ProcedureVersion
) -> None:
    dossier = submit_online(citizen, version)

    response = in_english(hoa).post(f"/ho-so-cua-toi/{dossier.pk}/trao-doi/", {"body": " "})

    assert response.status_code == 400
    page = text(response)
    assert "Please write a message." in page and "không được để trống" not in page


def test_the_autosave_line_speaks_english(
    hoa: Client, draft: Dossier, citizen: User, version: ProcedureVersion
) -> None:
    saved = in_english(hoa).post(f"/ho-so/{draft.pk}/luu-nhap/", {"step": "1"})
    assert "Draft saved at 09:00" in saved.content.decode()

    sent = submit_online(citizen, version)
    done = hoa.post(f"/ho-so/{sent.pk}/luu-nhap/", {"step": "1"}).content.decode()
    assert "The dossier has been submitted." in done and "Hồ sơ đã nộp" not in done


# --- the officials ---------------------------------------------------------------------


def test_a_step_out_of_turn_names_the_status_in_english(
    clerk: User, citizen: User, version: ProcedureVersion
) -> None:
    dossier = submit_online(citizen, version)

    response = act(in_english(staff(clerk)), dossier, "forward")

    assert response.status_code == 409
    page = text(response)
    assert "You cannot forward the dossier while it is «Newly submitted»." in page
    assert "Không thể" not in page and "Mới đăng ký»" not in page


def test_only_the_desk_may_receive_said_in_english(
    specialist: User, citizen: User, version: ProcedureVersion
) -> None:
    dossier = submit_online(citizen, version)

    response = act(in_english(staff(specialist)), dossier, "receive")

    assert response.status_code == 403
    assert "Only these roles at UBND Phường Hoàn Kiếm can do this: reception clerk." in text(
        response
    )


def test_a_stale_page_and_a_done_action_are_told_in_english(
    clerk: User, citizen: User, version: ProcedureVersion
) -> None:
    dossier = submit_online(citizen, version)
    stale = dossier.version
    lan = in_english(staff(clerk))

    received = act(lan, dossier, "receive")
    assert received.status_code == 302
    assert "Dossier received." in text(lan.get(f"/can-bo/ho-so/{dossier.pk}/"))

    refused = lan.post(
        f"/can-bo/ho-so/{dossier.pk}/thao-tac/refuse/",
        {"expected_version": stale, "reason": "Thiếu giấy"},
        follow=True,
    )
    page = text(refused)
    assert "The dossier was changed (by someone else, or in another window)" in page
    assert "vừa được cập nhật" not in page


def test_a_result_without_a_template_is_refused_in_english(
    clerk: User, specialist: User, citizen: User, version: ProcedureVersion
) -> None:
    dossier = submit_online(citizen, version)
    dossier = services.dossier_receive(
        dossier=dossier, actor=clerk, expected_version=dossier.version
    )
    dossier = services.dossier_forward(
        dossier=dossier, actor=clerk, expected_version=dossier.version, assignee=specialist
    )

    response = in_english(staff(specialist)).post(f"/can-bo/ho-so/{dossier.pk}/ket-qua/soan/", {})

    assert response.status_code == 422
    assert "Please choose one of the agency's result templates." in text(response)


def test_the_register_form_speaks_english(clerk: User) -> None:
    response = in_english(staff(clerk)).post(
        "/can-bo/so-theo-doi/", {"period_from": "30/11/2026", "period_to": "01/11/2026"}
    )

    assert response.status_code == 400
    page = text(response)
    assert "The end date cannot be before the start date." in page
    assert "Unit keeping the register" in page and "Đơn vị giữ sổ" not in page


# --- the services themselves -------------------------------------------------------------


def test_the_same_refusal_stays_vietnamese_by_default(
    clerk: User, citizen: User, version: ProcedureVersion
) -> None:
    dossier = submit_online(citizen, version)
    page = text(act(staff(clerk), dossier, "forward"))
    assert "Không thể chuyển bước khi hồ sơ ở trạng thái «Mới đăng ký»." in page


def test_an_earlier_appointment_is_refused_in_the_active_language(
    clerk: User, leader: User, citizen: User, version: ProcedureVersion
) -> None:
    dossier = submit_online(citizen, version)
    dossier = services.dossier_receive(
        dossier=dossier, actor=clerk, expected_version=dossier.version
    )
    assert dossier.due_at is not None
    earlier = dossier.due_at - timedelta(hours=1)

    with translation.override("en"), pytest.raises(InvalidInput) as refused:
        services.dossier_apologize(
            dossier=dossier,
            actor=leader,
            expected_version=dossier.version,
            reason="Chờ xác minh",
            new_due_at=earlier,
        )
    assert refused.value.message == "The new result date must be after the current one."

    with pytest.raises(InvalidInput) as refused:
        services.dossier_apologize(
            dossier=dossier,
            actor=leader,
            expected_version=dossier.version,
            reason="Chờ xác minh",
            new_due_at=earlier,
        )
    assert refused.value.message == "Ngày hẹn mới phải sau ngày hẹn cũ."


def test_a_status_out_of_turn_is_named_in_the_active_language(
    clerk: User, citizen: User, version: ProcedureVersion
) -> None:
    dossier = submit_online(citizen, version)
    dossier = services.dossier_receive(
        dossier=dossier, actor=clerk, expected_version=dossier.version
    )

    with translation.override("en"), pytest.raises(InvalidTransition) as refused:
        services.dossier_receive(dossier=dossier, actor=clerk, expected_version=dossier.version)
    assert (
        refused.value.message
        == "Only a newly submitted dossier can be received; this one is «Received»."
    )


def test_a_role_named_in_a_refusal_is_translated(
    citizen: User, clerk: User, version: ProcedureVersion
) -> None:
    dossier = submit_online(citizen, version)
    dossier = services.dossier_receive(
        dossier=dossier, actor=clerk, expected_version=dossier.version
    )
    dossier = services.dossier_forward(
        dossier=dossier, actor=clerk, expected_version=dossier.version
    )
    assert dossier.status == Status.PROCESSING

    with translation.override("en"), pytest.raises(NotAllowed) as refused:
        services.dossier_forward(dossier=dossier, actor=clerk, expected_version=dossier.version)
    assert refused.value.message == (
        "The step «Thẩm định, đề xuất» is done by a specialist; "
        "you do not hold this role at the deciding agency."
    )


def test_a_rating_without_its_reason_is_refused_in_english(
    hoa: Client,
    citizen: User,
    clerk: User,
    specialist: User,
    leader: User,
    version: ProcedureVersion,
) -> None:
    from tests.feedback.conftest import resolve, return_result

    returned = return_result(
        resolve(submit_online(citizen, version), clerk, specialist, leader), clerk
    )

    response = in_english(hoa).post(
        f"/ho-so-cua-toi/{returned.pk}/danh-gia/", {"level": "not_satisfied", "reason": " "}
    )

    assert response.status_code == 422
    page = text(response)
    assert "Please tell us why you are not satisfied." in page
    assert "lý do bạn không hài lòng" not in page


def test_a_step_s_working_hours_take_the_plural_english_needs(
    web: Client, version: ProcedureVersion
) -> None:
    version.steps.filter(order=1).update(budget_hours=1)
    vietnamese = web.get(f"/thu-tuc/{version.procedure.code}/").content.decode()
    english = in_english(web).get(f"/thu-tuc/{version.procedure.code}/").content.decode()
    assert "1 giờ làm việc" in vietnamese
    assert "1 working hour)" in english
    assert "working hours)" in english  # the steps of more than one hour
    assert "1 working hours" not in english
