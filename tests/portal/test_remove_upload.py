"""Bà Hoa takes a wrong scan back out of her draft; once submitted, files stay."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from motcua.accounts.models import User
from motcua.dossiers import services
from motcua.dossiers.errors import InvalidInput, InvalidTransition, NotAllowed
from motcua.dossiers.models import Attachment, Dossier, DossierEvent, Provision, Status
from tests.portal.conftest import PDF

pytestmark = pytest.mark.django_db(transaction=True)  # the file goes after the commit


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path)


def upload(draft: Dossier, actor: User) -> Attachment:
    return services.attachment_add(
        dossier=draft, actor=actor, data=PDF, name="nham-trang.pdf", document_code="giay-chung-sinh"
    )


def test_the_file_and_its_row_go_and_the_trail_says_so(draft: Dossier, citizen: User) -> None:
    wrong = upload(draft, citizen)
    stored = wrong.file.name
    assert default_storage.exists(stored)

    services.attachment_remove(dossier=draft, attachment_id=wrong.pk, actor=citizen)

    assert not Attachment.objects.filter(pk=wrong.pk).exists()
    assert not default_storage.exists(stored)
    event = DossierEvent.objects.get(dossier=draft, action="detach")
    assert event.changes["name"] == "nham-trang.pdf" and event.changes["sha256"] == wrong.sha256


def test_another_citizen_cannot_remove_it(
    draft: Dossier, citizen: User, other_citizen: User
) -> None:
    wrong = upload(draft, citizen)
    with pytest.raises(NotAllowed):
        services.attachment_remove(dossier=draft, attachment_id=wrong.pk, actor=other_citizen)
    assert Attachment.objects.filter(pk=wrong.pk).exists()


def test_a_submitted_dossier_keeps_its_files(draft: Dossier, citizen: User) -> None:
    kept = upload(draft, citizen)
    Dossier.objects.filter(pk=draft.pk).update(status=1)
    with pytest.raises(InvalidTransition, match="Hồ sơ đã nộp"):
        services.attachment_remove(dossier=draft, attachment_id=kept.pk, actor=citizen)
    assert Attachment.objects.filter(pk=kept.pk).exists()
    assert default_storage.exists(kept.file.name)


def test_the_documents_page_offers_it_and_says_it_is_done(draft: Dossier, citizen: User) -> None:
    web = Client(HTTP_HOST="127.0.0.1")
    web.force_login(citizen)
    wrong = upload(draft, citizen)
    page = web.get(f"/ho-so/{draft.pk}/giay-to/").content.decode()
    assert f"/ho-so/{draft.pk}/giay-to/{wrong.pk}/go/" in page and "Gỡ tệp" in page

    done = web.post(f"/ho-so/{draft.pk}/giay-to/{wrong.pk}/go/", follow=True)
    assert "Đã gỡ tệp khỏi hồ sơ" in done.content.decode()
    assert not Attachment.objects.filter(pk=wrong.pk).exists()
    assert web.post(f"/ho-so/{draft.pk}/giay-to/{wrong.pk}/go/").status_code == 302  # gone: said
    assert web.get(f"/ho-so/{draft.pk}/giay-to/{wrong.pk}/go/").status_code == 405


# --- while supplementing --------------------------------------------------------


@pytest.fixture
def waiting(draft: Dossier, citizen: User, clerk: User) -> tuple[Dossier, Attachment]:
    """Submitted with a blurry birth certificate; the desk asked for a clear one."""
    blurry = services.attachment_add(
        dossier=draft, actor=citizen, data=PDF, name="mo.pdf", document_code="giay-chung-sinh"
    )
    submitted = services.dossier_submit(
        actor=citizen,
        draft=draft,
        expected_version=Dossier.objects.get(pk=draft.pk).version,
        documents=[
            services.DocumentInput("to-khai", Provision.AT_COUNTER),
            services.DocumentInput("giay-chung-sinh", Provision.UPLOAD),
        ],
    )
    asked = services.dossier_request_supplement(
        dossier=submitted,
        actor=clerk,
        expected_version=submitted.version,
        reason="Giấy chứng sinh chụp mờ, đề nghị gửi bản rõ nét",
    )
    return asked, blurry


def test_a_file_sent_before_the_request_is_withdrawn_and_kept(
    waiting: tuple[Dossier, Attachment], citizen: User
) -> None:
    dossier, blurry = waiting
    done = services.attachment_remove(dossier=dossier, attachment_id=blurry.pk, actor=citizen)
    assert done == "withdrawn"
    blurry.refresh_from_db()
    assert blurry.withdrawn_at is not None and default_storage.exists(blurry.file.name)
    event = DossierEvent.objects.get(dossier=dossier, action="withdraw_file")
    assert event.changes["sha256"] == blurry.sha256
    with pytest.raises(InvalidTransition, match="đã được rút"):
        services.attachment_remove(dossier=dossier, attachment_id=blurry.pk, actor=citizen)
    # Integrators see it too.
    api = Client(HTTP_HOST="127.0.0.1")
    api.force_login(citizen)
    [listed] = api.get(f"/api/v1/dossiers/{dossier.pk}").json()["attachments"]
    assert listed["id"] == blurry.pk and listed["withdrawn_at"].endswith("+07:00")

    # Sending the supplement with the line left without a file is refused.
    dossier.refresh_from_db()
    with pytest.raises(InvalidInput, match="Chưa tải lên tệp cho thành phần «Giấy chứng sinh»"):
        services.dossier_supplement(
            dossier=dossier, actor=citizen, expected_version=dossier.version, note="Đã rút"
        )
    assert Dossier.objects.get(pk=dossier.pk).status == Status.SUPPLEMENT_REQUESTED


def test_a_file_uploaded_for_the_supplement_can_go_for_good(
    waiting: tuple[Dossier, Attachment], citizen: User
) -> None:
    dossier, _ = waiting
    wrong = upload(dossier, citizen)
    assert (
        services.attachment_remove(dossier=dossier, attachment_id=wrong.pk, actor=citizen)
        == "removed"
    )
    assert not Attachment.objects.filter(pk=wrong.pk).exists()
    assert not default_storage.exists(wrong.file.name)


def test_the_supplement_panel_replaces_a_blurry_file_and_the_desk_sees_both(
    waiting: tuple[Dossier, Attachment], citizen: User, clerk: User
) -> None:
    dossier, blurry = waiting
    web = Client(HTTP_HOST="127.0.0.1")
    web.force_login(citizen)
    page = f"/ho-so-cua-toi/{dossier.pk}/"
    remove = f"{page}bo-sung/{blurry.pk}/go/"
    assert remove in web.get(page).content.decode()

    done = web.post(remove, follow=True).content.decode()
    assert "Đã rút tệp; tệp vẫn được lưu trong hồ sơ" in done
    assert "Đã rút (vẫn lưu trong hồ sơ):" in done and remove not in done

    clear = SimpleUploadedFile("ro-net.pdf", PDF, content_type="application/pdf")
    sent = web.post(
        f"{page}bo-sung/",
        {
            "file-giay-chung-sinh": clear,
            "resubmit": "1",
            "expected_version": Dossier.objects.get(pk=dossier.pk).version,
        },
    )
    assert sent.status_code == 302
    assert Dossier.objects.get(pk=dossier.pk).status == Status.NEW
    # Not received yet: no clock to "go on", and the page does not say it does.
    told = web.get(sent["Location"]).content.decode()
    assert "Bộ phận Một cửa sẽ kiểm tra và tiếp nhận hồ sơ" in told
    assert "được tính tiếp" not in told

    web.force_login(clerk)
    desk = web.get(f"/can-bo/ho-so/{dossier.pk}/").content.decode()
    assert "ro-net.pdf" in desk
    # The desk sees which file came with the answer.
    assert 'Xem ro-net.pdf <span class="status-badge" data-testid="supplemented-file">' in desk
    assert desk.count('data-testid="supplemented-file"') == 1
    assert 'data-testid="withdrawn-file"' in desk and "mo.pdf: công dân đã rút lúc" in desk


def test_once_supplemented_files_stay_again(
    waiting: tuple[Dossier, Attachment], citizen: User
) -> None:
    dossier, blurry = waiting
    fresh = upload(dossier, citizen)
    services.dossier_supplement(dossier=dossier, actor=citizen, expected_version=dossier.version)
    dossier.refresh_from_db()
    for attachment in (blurry, fresh):
        with pytest.raises(InvalidTransition, match="Hồ sơ đã nộp"):
            services.attachment_remove(dossier=dossier, attachment_id=attachment.pk, actor=citizen)


def test_a_withdrawn_file_gives_its_place_back(
    waiting: tuple[Dossier, Attachment], citizen: User, settings: Any
) -> None:
    settings.MAX_FILES_PER_DOSSIER = 1
    dossier, blurry = waiting
    with pytest.raises(InvalidInput, match="tối đa 1 tệp"):
        upload(dossier, citizen)
    services.attachment_remove(dossier=dossier, attachment_id=blurry.pk, actor=citizen)
    assert upload(dossier, citizen).withdrawn_at is None


def test_a_file_chosen_and_a_note_typed_survive_a_removal(
    waiting: tuple[Dossier, Attachment], citizen: User
) -> None:
    dossier, blurry = waiting
    web = Client(HTTP_HOST="127.0.0.1")
    web.force_login(citizen)
    clear = SimpleUploadedFile("ro-net.pdf", PDF, content_type="application/pdf")
    page = web.post(
        f"/ho-so-cua-toi/{dossier.pk}/bo-sung/{blurry.pk}/go/",
        {"file-giay-chung-sinh": clear, "note": "Đã thay ảnh mờ."},
        follow=True,
    ).content.decode()
    assert dossier.attachments.filter(original_name="ro-net.pdf").exists()
    assert ">Đã thay ảnh mờ.</textarea>" in page


def test_removing_a_draft_file_keeps_what_was_chosen_beside_it(
    draft: Dossier, citizen: User
) -> None:
    """«Gỡ tệp» sits in the documents step's form: a file chosen for another line and the
    lines' choices come with the click and are saved, not dropped."""
    wrong = upload(draft, citizen)
    web = Client(HTTP_HOST="127.0.0.1")
    web.force_login(citizen)
    page = f"/ho-so/{draft.pk}/giay-to/"
    remove = f"{page}{wrong.pk}/go/"
    assert remove in web.get(page).content.decode()

    answer = web.post(
        remove,
        {
            "provision-to-khai": "upload",
            "file-to-khai": SimpleUploadedFile("to-khai.pdf", PDF, content_type="application/pdf"),
            "provision-giay-chung-sinh": "upload",
            "provision-giay-ket-hon": "missing",
        },
        follow=True,
    )
    assert "Đã gỡ tệp khỏi hồ sơ" in answer.content.decode()
    assert list(draft.attachments.values_list("original_name", flat=True)) == ["to-khai.pdf"]
    chosen = dict(draft.documents.values_list("required_document__code", "provision"))
    assert chosen["giay-ket-hon"] == Provision.MISSING


def test_a_refused_supplement_keeps_the_note_typed(
    waiting: tuple[Dossier, Attachment], citizen: User
) -> None:
    dossier, _blurry = waiting
    web = Client(HTTP_HOST="127.0.0.1")
    web.force_login(citizen)
    fake = SimpleUploadedFile("giay.pdf", b"plain text, not a PDF", content_type="application/pdf")
    answer = web.post(
        f"/ho-so-cua-toi/{dossier.pk}/bo-sung/",
        {
            "file-giay-chung-sinh": fake,
            "note": "Đã chụp lại bản rõ nét",
            "resubmit": "1",
            "expected_version": dossier.version,
        },
    )
    assert answer.status_code == 400
    assert "Đã chụp lại bản rõ nét</textarea>" in answer.content.decode()
