"""«Xóa bản nháp»: Bà Hoa deletes a draft she abandoned, from «Hồ sơ của tôi» or from the
draft itself, after a page that asks her to confirm. Ông Bình cannot touch it, and a
dossier already submitted stays."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.test import Client

from motcua.accounts.models import User
from motcua.audit.models import AuditEvent
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import services
from motcua.dossiers.models import Attachment, Dossier, Status
from tests.dossiers.conftest import (
    VN,
    complete_draft,
    race,
    saved_elsewhere,
    submit_online,
)
from tests.portal.conftest import PDF
from tests.portal.english import in_english, text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path)


def confirm_url(dossier: Dossier) -> str:
    return f"/ho-so-cua-toi/{dossier.pk}/xoa-nhap/"


def confirm(client: Client, dossier: Dossier, **extra: Any) -> Any:
    return client.post(confirm_url(dossier), {"expected_version": dossier.version}, **extra)


def test_she_deletes_it_from_her_list_after_confirming(
    hoa: Client, draft: Dossier, citizen: User, django_capture_on_commit_callbacks: Any
) -> None:
    scan = services.attachment_add(dossier=draft, actor=citizen, data=PDF, name="cs.pdf")
    draft.refresh_from_db()
    submitted = submit_online(citizen, draft.procedure_version)

    listed = text(hoa.get("/ho-so-cua-toi/"))
    assert listed.count("Xóa bản nháp") == 1  # on the draft's row, not the submitted one
    assert confirm_url(draft) in listed and confirm_url(submitted) not in listed

    asked = hoa.get(confirm_url(draft))
    assert asked.status_code == 200 and Dossier.objects.filter(pk=draft.pk).exists()
    page = text(asked)
    assert "Xóa bản nháp?" in page and "Đăng ký khai sinh" in page
    assert "Số tệp đã đính kèm sẽ bị xóa: 1." in page
    assert 'name="csrfmiddlewaretoken"' in page and 'method="post"' in page

    with django_capture_on_commit_callbacks(execute=True):
        done = confirm(hoa, draft, follow=True)

    assert done.redirect_chain == [("/ho-so-cua-toi/", 302)]
    assert "Đã xóa bản nháp hồ sơ «Đăng ký khai sinh»." in text(done)
    assert not Dossier.objects.filter(pk=draft.pk).exists()
    assert not default_storage.exists(scan.file.name)
    assert not Attachment.objects.exists()
    assert AuditEvent.objects.get(action="draft_delete").actor == citizen
    assert Dossier.objects.get() == submitted


def test_every_page_of_the_draft_offers_it(hoa: Client, draft: Dossier) -> None:
    for page in (
        f"/ho-so-cua-toi/{draft.pk}/",
        f"/ho-so/{draft.pk}/khai/1/",
        f"/ho-so/{draft.pk}/giay-to/",
        f"/ho-so/{draft.pk}/xem-lai/",
    ):
        assert confirm_url(draft) in hoa.get(page).content.decode(), page


def test_a_draft_lists_its_documents_as_attached_not_submitted(
    hoa: Client, draft: Dossier, citizen: User
) -> None:
    page = text(hoa.get(f"/ho-so-cua-toi/{draft.pk}/"))
    assert "Giấy tờ kèm theo" in page and "Giấy tờ đã nộp" not in page

    submitted = submit_online(citizen, draft.procedure_version)
    page = text(hoa.get(f"/ho-so-cua-toi/{submitted.pk}/"))
    assert "Giấy tờ đã nộp" in page and confirm_url(submitted) not in page


def test_asking_is_not_deleting(hoa: Client, draft: Dossier) -> None:
    hoa.get(confirm_url(draft))
    assert Dossier.objects.filter(pk=draft.pk).exists()


def test_the_deletion_needs_the_csrf_token(citizen: User, draft: Dossier) -> None:
    forged = Client(HTTP_HOST="127.0.0.1", enforce_csrf_checks=True)
    forged.force_login(citizen)
    assert confirm(forged, draft).status_code == 403
    assert Dossier.objects.filter(pk=draft.pk).exists()


def test_someone_else_s_draft_or_an_unknown_one_is_not_found(
    web: Client, draft: Dossier, other_citizen: User
) -> None:
    web.force_login(other_citizen)
    assert web.get(confirm_url(draft)).status_code == 404
    assert confirm(web, draft).status_code == 404
    assert web.post(f"/ho-so-cua-toi/{10**6}/xoa-nhap/").status_code == 404
    assert Dossier.objects.filter(pk=draft.pk).exists()


def test_a_submitted_dossier_stays_and_the_page_says_why(
    hoa: Client, citizen: User, version: ProcedureVersion
) -> None:
    submitted = submit_online(citizen, version)
    for answer in (hoa.get(confirm_url(submitted)), confirm(hoa, submitted)):
        assert answer.status_code == 302
        assert answer["Location"] == f"/ho-so-cua-toi/{submitted.pk}/"
    shown = text(hoa.get(f"/ho-so-cua-toi/{submitted.pk}/"))
    assert "Hồ sơ đã nộp nên không xóa được" in shown
    assert Dossier.objects.get(pk=submitted.pk).status == Status.NEW


def test_a_draft_saved_in_another_window_meanwhile_is_asked_about_again(
    hoa: Client, draft: Dossier, citizen: User
) -> None:
    seen = draft.version
    saved_elsewhere(draft, citizen)
    answer = hoa.post(confirm_url(draft), {"expected_version": seen})
    assert answer.status_code == 409
    assert "vừa được cập nhật" in text(answer) and "Xóa bản nháp?" in text(answer)
    assert Dossier.objects.filter(pk=draft.pk).exists()


def test_a_draft_already_deleted_in_another_window_is_said_so(
    hoa: Client, draft: Dossier, citizen: User
) -> None:
    services.dossier_draft_delete(actor=citizen, draft=draft)
    assert confirm(hoa, draft).status_code == 404
    assert hoa.get(f"/ho-so/{draft.pk}/xem-lai/").status_code == 404


def test_in_english_the_page_and_the_message_are_english(hoa: Client, draft: Dossier) -> None:
    english = in_english(hoa)
    assert "Delete this draft?" in text(english.get(confirm_url(draft)))
    assert "Delete draft" in text(english.get("/ho-so-cua-toi/"))
    assert "Attached documents" in text(english.get(f"/ho-so-cua-toi/{draft.pk}/"))

    done = text(confirm(english, draft, follow=True))

    assert "Deleted the draft dossier “Đăng ký khai sinh”." in done
    assert "Xóa" not in done


@pytest.mark.no_freeze
@pytest.mark.django_db(transaction=True)
def test_deleting_while_submitting_in_another_window_ends_one_way_without_an_error_page(
    citizen: User, version: ProcedureVersion
) -> None:
    with time_machine.travel(datetime(2026, 11, 18, 9, tzinfo=VN), tick=True):
        draft = complete_draft(citizen, version)
        windows = [Client(HTTP_HOST="127.0.0.1") for _ in range(2)]
        for window in windows:
            window.force_login(citizen)
        outcomes = race(
            lambda: confirm(windows[0], draft),
            lambda: windows[1].post(
                f"/ho-so/{draft.pk}/xem-lai/",
                {"expected_version": draft.version, "idempotency_key": "k-1"},
            ),
        )
    deleting, submitting = (getattr(o, "status_code", o) for o in outcomes)
    assert deleting in (302, 409), outcomes
    assert submitting in (302, 404), outcomes  # 404: the draft was gone before the page read it
    left = list(Dossier.objects.all())
    if left:
        assert left[0].status == Status.NEW
        assert not AuditEvent.objects.filter(action="draft_delete").exists()
    else:
        assert AuditEvent.objects.filter(action="draft_delete").count() == 1
