"""Minh (specialist) drafts Bà Hoa's birth extract from the ward's template and corrects
it; Hùng (leader) approves and signs it with one button. A signature that cannot be made
leaves the dossier as it was; officials of another agency see nothing."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.documents.models import (
    DocumentKind,
    GeneratedDocument,
    Result,
    ResultTemplate,
    SigningCertificate,
)
from motcua.documents.services import certificate_issue_demo, certificate_revoke, result_draft
from motcua.documents.verification import verify_pdf
from motcua.dossiers import services
from motcua.dossiers.models import Dossier, Status
from motcua.organizations.models import Agency, Role
from tests.conftest import make_staff
from tests.documents.conftest import demo_ca_dir, isolated  # noqa: F401  (keys and files per test)
from tests.dossiers.conftest import intake

pytestmark = pytest.mark.django_db

LEADER_NAME = "Phạm Đức Hùng"


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def birth_template(commune_agency: Agency, version: ProcedureVersion) -> ResultTemplate:
    return ResultTemplate.objects.create(
        agency=commune_agency,
        procedure=version.procedure,
        name="Trích lục khai sinh",
        title="Trích lục khai sinh",
        body=(
            "Họ, chữ đệm, tên: {{ child_name }}\n"
            "Ngày, tháng, năm sinh: {{ child_birth_date }}\n"
            "Giới tính: {{ child_sex }}\n"
            "Họ, chữ đệm, tên người mẹ: {{ mother_name }}\n\n"
            "Đã đăng ký khai sinh tại {{ agency_name }} theo hồ sơ số {{ dossier_code }}."
        ),
    )


@pytest.fixture
def generic_template(commune_agency: Agency) -> ResultTemplate:
    return ResultTemplate.objects.create(
        agency=commune_agency,
        name="Văn bản trả lời",
        title="Thông báo kết quả giải quyết",
        body="Hồ sơ {{ dossier_code }} của {{ applicant_name }} đã được giải quyết.",
    )


@pytest.fixture
def at_specialist(
    clerk: User, specialist: User, citizen: User, version: ProcedureVersion
) -> Dossier:
    """Bà Hoa's birth registration, received and handed to Minh."""
    received = intake(clerk, version, applicant_user=citizen)
    return services.dossier_forward(
        dossier=received, actor=clerk, expected_version=received.version, assignee=specialist
    )


@pytest.fixture
def at_leader(at_specialist: Dossier, specialist: User, birth_template: ResultTemplate) -> Dossier:
    """Minh drafted the extract and passed the dossier to the leader."""
    result_draft(dossier=at_specialist, actor=specialist, template=birth_template)
    return services.dossier_forward(
        dossier=at_specialist, actor=specialist, expected_version=at_specialist.version
    )


@pytest.fixture
def leader_certificate(leader: User, commune_agency: Agency) -> SigningCertificate:
    leader.full_name = LEADER_NAME
    leader.save(update_fields=["full_name"])
    return certificate_issue_demo(user=leader, agency=commune_agency)


def as_user(web: Client, user: User) -> Client:
    web.force_login(user)
    return web


def sign(web: Client, dossier: Dossier) -> object:
    page = web.get(f"/can-bo/ho-so/{dossier.pk}/ky-so/")
    dossier.refresh_from_db()
    return web.post(
        f"/can-bo/ho-so/{dossier.pk}/ky-so/ky/",
        {"expected_version": dossier.version, "seen": page.context["seen"]},
    )


def files() -> set[Path]:
    return {p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()}


def unchanged(dossier: Dossier, files_before: set[Path]) -> None:
    """Still at the leader's step, not approved, nothing signed, no file left behind."""
    before = dossier.version, dossier.current_step_id, dossier.approved_at
    dossier.refresh_from_db()
    assert (dossier.version, dossier.current_step_id, dossier.approved_at) == before
    assert dossier.current_step is not None and dossier.current_step.role == Role.LEADER
    assert not Result.objects.filter(state=Result.State.SIGNED).exists()
    assert not GeneratedDocument.objects.filter(kind=DocumentKind.RESULT).exists()
    assert files() == files_before


# --- the specialist drafts ---------------------------------------------------------


def test_the_dossier_page_offers_drafting_to_the_specialist_at_their_step(
    web: Client, specialist: User, at_specialist: Dossier
) -> None:
    html = as_user(web, specialist).get(f"/can-bo/ho-so/{at_specialist.pk}/").content.decode()
    assert "Soạn kết quả" in html
    assert f"/can-bo/ho-so/{at_specialist.pk}/ket-qua/" in html


def test_the_specialist_picks_a_template_drafts_and_corrects_the_text(
    web: Client,
    specialist: User,
    at_specialist: Dossier,
    birth_template: ResultTemplate,
    generic_template: ResultTemplate,
) -> None:
    web = as_user(web, specialist)
    page = web.get(f"/can-bo/ho-so/{at_specialist.pk}/ket-qua/").content.decode()
    # The procedure's own template comes first, the agency's generic one after it.
    assert page.index("Trích lục khai sinh") < page.index("Văn bản trả lời")

    response = web.post(
        f"/can-bo/ho-so/{at_specialist.pk}/ket-qua/soan/", {"template": birth_template.pk}
    )
    assert response.status_code == 302
    result = Result.objects.get(dossier=at_specialist)
    assert "Họ, chữ đệm, tên: Nguyễn Minh An" in result.body
    assert "Ngày, tháng, năm sinh: 10/11/2026" in result.body
    page = web.get(f"/can-bo/ho-so/{at_specialist.pk}/ket-qua/").content.decode()
    assert "Nguyễn Minh An" in page and 'name="body"' in page

    corrected = result.body.replace(
        "Giới tính: Nam", "Giới tính: Nam (đã đối chiếu giấy chứng sinh)"
    )
    response = web.post(
        f"/can-bo/ho-so/{at_specialist.pk}/ket-qua/{result.pk}/sua/",
        {"title": "Trích lục khai sinh (bản chính)", "body": corrected},
    )
    assert response.status_code == 302
    result.refresh_from_db()
    assert "đã đối chiếu giấy chứng sinh" in result.body
    assert result.title == "Trích lục khai sinh (bản chính)"

    preview = web.get(f"/can-bo/ho-so/{at_specialist.pk}/ket-qua/{result.pk}/pdf/")
    assert preview["Content-Type"] == "application/pdf"
    assert preview["Content-Disposition"].startswith("inline")
    text = pdf_text(preview.content)
    assert "đã đối chiếu giấy chứng sinh" in text and "Nguyễn Minh An" in text
    download = web.get(f"/can-bo/ho-so/{at_specialist.pk}/ket-qua/{result.pk}/pdf/?tai=1")
    assert download["Content-Disposition"].startswith("attachment")


def test_the_generic_template_serves_a_procedure_without_its_own(
    web: Client, specialist: User, at_specialist: Dossier, generic_template: ResultTemplate
) -> None:
    web = as_user(web, specialist)
    web.post(f"/can-bo/ho-so/{at_specialist.pk}/ket-qua/soan/", {"template": generic_template.pk})
    result = Result.objects.get(dossier=at_specialist)
    assert result.body == f"Hồ sơ {at_specialist.code} của Nguyễn Thị Hoa đã được giải quyết."


def test_an_empty_correction_is_refused_and_the_typed_title_is_kept(
    web: Client, specialist: User, at_specialist: Dossier, birth_template: ResultTemplate
) -> None:
    result = result_draft(dossier=at_specialist, actor=specialist, template=birth_template)
    response = as_user(web, specialist).post(
        f"/can-bo/ho-so/{at_specialist.pk}/ket-qua/{result.pk}/sua/",
        {"title": "Tiêu đề mới", "body": "   "},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Nội dung kết quả không được để trống." in html
    assert 'value="Tiêu đề mới"' in html
    result.refresh_from_db()
    assert "Nguyễn Minh An" in result.body and result.title == "Trích lục khai sinh"


def test_no_template_chosen_is_named(
    web: Client, specialist: User, at_specialist: Dossier, birth_template: ResultTemplate
) -> None:
    response = as_user(web, specialist).post(f"/can-bo/ho-so/{at_specialist.pk}/ket-qua/soan/", {})
    assert response.status_code == 422
    assert "Hãy chọn một mẫu kết quả" in response.content.decode()
    assert not Result.objects.exists()


def test_the_clerk_cannot_draft(
    web: Client, clerk: User, at_specialist: Dossier, birth_template: ResultTemplate
) -> None:
    response = as_user(web, clerk).post(
        f"/can-bo/ho-so/{at_specialist.pk}/ket-qua/soan/", {"template": birth_template.pk}
    )
    assert response.status_code == 403
    assert "không có vai trò" in response.content.decode()
    assert not Result.objects.exists()


def test_a_template_of_another_agency_cannot_be_used(
    web: Client, specialist: User, at_specialist: Dossier, other_agency: Agency
) -> None:
    foreign = ResultTemplate.objects.create(
        agency=other_agency, name="Mẫu của Ba Đình", title="X", body="{{ applicant_name }}"
    )
    response = as_user(web, specialist).post(
        f"/can-bo/ho-so/{at_specialist.pk}/ket-qua/soan/", {"template": foreign.pk}
    )
    assert response.status_code == 422
    assert not Result.objects.exists()


# --- the leader signs and approves ---------------------------------------------------


def test_the_leader_signs_and_approves_with_one_button(
    web: Client,
    leader: User,
    citizen: User,
    at_leader: Dossier,
    leader_certificate: SigningCertificate,
) -> None:
    web = as_user(web, leader)
    dossier_page = web.get(f"/can-bo/ho-so/{at_leader.pk}/").content.decode()
    assert 'data-testid="open-sign"' in dossier_page
    # A result waits for signature: approving without signing is not offered.
    assert 'data-testid="action-approve"' not in dossier_page
    page = web.get(f"/can-bo/ho-so/{at_leader.pk}/ky-so/").content.decode()
    assert "Nguyễn Minh An" in page and leader_certificate.serial_number in page

    response = sign(web, at_leader)

    assert response.status_code == 302  # type: ignore[attr-defined]
    at_leader.refresh_from_db()
    assert at_leader.approved_at is not None
    assert at_leader.current_step is not None and at_leader.current_step.name == "Trả kết quả"
    result = Result.objects.get(dossier=at_leader)
    assert result.state == Result.State.SIGNED and result.signed_by == leader
    assert result.document is not None
    assert at_leader.events.filter(action="approve").count() == 1

    download = web.get(f"/tai-lieu/{result.document.public_id}/")
    signed = b"".join(download.streaming_content)  # type: ignore[attr-defined]
    verdict = verify_pdf(signed)
    assert verdict.valid and verdict.signer == LEADER_NAME and verdict.matches_record
    after = web.get(f"/can-bo/ho-so/{at_leader.pk}/ky-so/").content.decode()
    assert "tải được văn bản đã ký tại trang «Hồ sơ của tôi»" in after  # she has an account
    account = at_leader.applicant_id
    Dossier.objects.filter(pk=at_leader.pk).update(applicant=None)  # as a counter dossier
    unclaimed = web.get(f"/can-bo/ho-so/{at_leader.pk}/ky-so/").content.decode()
    assert "Người nộp chưa có tài khoản trên cổng" in unclaimed
    assert "«Hồ sơ của tôi»" not in unclaimed
    Dossier.objects.filter(pk=at_leader.pk).update(applicant=account)

    # Bà Hoa finds the signed result on her dossier page and downloads it.
    web.force_login(citizen)
    mine = web.get(f"/ho-so-cua-toi/{at_leader.pk}/").content.decode()
    assert "Trích lục khai sinh" in mine
    assert web.get(f"/tai-lieu/{result.document.public_id}/").status_code == 200


def test_a_revoked_certificate_refuses_and_changes_nothing(
    web: Client, leader: User, at_leader: Dossier, leader_certificate: SigningCertificate
) -> None:
    certificate_revoke(certificate=leader_certificate, actor=None, reason="Mất thiết bị ký")
    web = as_user(web, leader)
    page = web.get(f"/can-bo/ho-so/{at_leader.pk}/ky-so/").content.decode()
    assert "đã bị thu hồi" in page
    kept = files()

    response = sign(web, at_leader)

    assert response.status_code == 422  # type: ignore[attr-defined]
    html = response.content.decode()  # type: ignore[attr-defined]
    assert "đã bị thu hồi" in html and "Mất thiết bị ký" in html
    unchanged(at_leader, kept)


def test_text_the_pdf_cannot_print_is_shown_and_not_signed(
    web: Client,
    leader: User,
    specialist: User,
    at_leader: Dossier,
    leader_certificate: SigningCertificate,
) -> None:
    # A draft holding characters the font has no glyph for (from data entered before the
    # declaration refused them): they would vanish from the signed paper.
    result = Result.objects.get(dossier=at_leader)
    result.body += "\nGhi chú: 李小龍 👍"
    result.save(update_fields=["body"])
    web = as_user(web, leader)
    page = web.get(f"/can-bo/ho-so/{at_leader.pk}/ky-so/").content.decode()
    assert 'data-testid="unprintable"' in page and "«李», «小», «龍», «👍»" in page
    kept = files()

    response = sign(web, at_leader)

    assert response.status_code == 409  # type: ignore[attr-defined]
    assert "không in được trên văn bản" in response.content.decode()  # type: ignore[attr-defined]
    unchanged(at_leader, kept)

    # The specialist sees the same warning where the draft is corrected.
    web = as_user(web, specialist)
    at_leader.refresh_from_db()
    drafting = web.get(f"/can-bo/ho-so/{at_leader.pk}/ket-qua/").content.decode()
    assert 'data-testid="unprintable"' in drafting


def test_an_expired_certificate_refuses_and_changes_nothing(
    web: Client, leader: User, commune_agency: Agency, at_leader: Dossier
) -> None:
    now = timezone.now()
    certificate_issue_demo(
        user=leader,
        agency=commune_agency,
        not_before=now - timedelta(days=400),
        not_after=now - timedelta(days=1),
    )
    kept = files()
    response = sign(as_user(web, leader), at_leader)
    assert response.status_code == 422  # type: ignore[attr-defined]
    assert "hết hạn" in response.content.decode()  # type: ignore[attr-defined]
    unchanged(at_leader, kept)


def test_a_leader_without_a_certificate_is_told_so(
    web: Client, leader: User, at_leader: Dossier
) -> None:
    web = as_user(web, leader)
    assert (
        "Tài khoản của bạn chưa có chứng thư số"
        in web.get(f"/can-bo/ho-so/{at_leader.pk}/ky-so/").content.decode()
    )
    kept = files()
    response = sign(web, at_leader)
    assert response.status_code == 422  # type: ignore[attr-defined]
    assert "Tài khoản của bạn chưa có chứng thư số" in response.content.decode()  # type: ignore[attr-defined]
    unchanged(at_leader, kept)


def test_the_specialist_cannot_sign(
    web: Client,
    specialist: User,
    leader: User,
    at_leader: Dossier,
    leader_certificate: SigningCertificate,
    commune_agency: Agency,
) -> None:
    certificate_issue_demo(user=specialist, agency=commune_agency)
    kept = files()
    response = sign(as_user(web, specialist), at_leader)
    assert response.status_code == 403  # type: ignore[attr-defined]
    unchanged(at_leader, kept)


def test_an_official_without_the_step_is_told_so_not_about_certificates(
    web: Client, clerk: User, at_leader: Dossier, leader_certificate: SigningCertificate
) -> None:
    kept = files()
    response = sign(as_user(web, clerk), at_leader)
    answer = response.content.decode()  # type: ignore[attr-defined]
    assert response.status_code == 403  # type: ignore[attr-defined]
    assert "bạn không có vai trò này tại cơ quan giải quyết" in answer
    assert "chứng thư số" not in answer
    unchanged(at_leader, kept)


def test_a_draft_corrected_after_the_leader_read_it_is_not_signed_blind(
    web: Client,
    leader: User,
    specialist: User,
    at_leader: Dossier,
    leader_certificate: SigningCertificate,
) -> None:
    web = as_user(web, leader)
    seen = web.get(f"/can-bo/ho-so/{at_leader.pk}/ky-so/").context["seen"]
    result = Result.objects.get(dossier=at_leader)
    result.body += "\nGhi chú thêm."
    result.updated_at = timezone.now() + timedelta(seconds=1)
    result.save(update_fields=["body", "updated_at"])
    at_leader.refresh_from_db()
    kept = files()
    response = web.post(
        f"/can-bo/ho-so/{at_leader.pk}/ky-so/ky/",
        {"expected_version": at_leader.version, "seen": seen},
    )
    assert response.status_code == 409
    assert "vừa được sửa" in response.content.decode()
    unchanged(at_leader, kept)


def test_a_stale_page_does_not_sign(
    web: Client, leader: User, at_leader: Dossier, leader_certificate: SigningCertificate
) -> None:
    web = as_user(web, leader)
    seen = web.get(f"/can-bo/ho-so/{at_leader.pk}/ky-so/").context["seen"]
    kept = files()
    response = web.post(
        f"/can-bo/ho-so/{at_leader.pk}/ky-so/ky/",
        {"expected_version": at_leader.version - 1, "seen": seen},
        follow=True,
    )
    assert "vừa được cập nhật" in response.content.decode()
    unchanged(at_leader, kept)


# --- another agency ------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["ket-qua/", "ky-so/", "ket-qua/{rid}/pdf/"],
)
def test_officials_of_another_agency_get_404(
    web: Client, outsider: User, at_leader: Dossier, path: str
) -> None:
    rid = Result.objects.get(dossier=at_leader).pk
    url = f"/can-bo/ho-so/{at_leader.pk}/" + path.format(rid=rid)
    assert as_user(web, outsider).get(url).status_code == 404


def test_a_leader_of_another_agency_cannot_sign_or_draft(
    web: Client,
    other_agency: Agency,
    at_leader: Dossier,
    birth_template: ResultTemplate,
) -> None:
    stranger = make_staff("dung.lanhdao", other_agency, Role.LEADER, "leadership")
    certificate_issue_demo(user=stranger, agency=other_agency)
    web = as_user(web, stranger)
    kept = files()
    response = web.post(
        f"/can-bo/ho-so/{at_leader.pk}/ky-so/ky/",
        {"expected_version": at_leader.version, "seen": "x"},
    )
    assert response.status_code == 404
    response = web.post(
        f"/can-bo/ho-so/{at_leader.pk}/ket-qua/soan/", {"template": birth_template.pk}
    )
    assert response.status_code == 404
    unchanged(at_leader, kept)
    assert at_leader.status == Status.PROCESSING


def test_after_forwarding_the_specialist_s_page_no_longer_offers_to_correct(
    web: Client, specialist: User, at_leader: Dossier
) -> None:
    page = as_user(web, specialist).get(f"/can-bo/ho-so/{at_leader.pk}/ket-qua/").content.decode()
    assert "Trích lục khai sinh" in page  # the draft is still shown
    assert 'name="body"' not in page
    refused = web.post(
        f"/can-bo/ho-so/{at_leader.pk}/ket-qua/{Result.objects.get(dossier=at_leader).pk}/sua/",
        {"title": "x", "body": "sửa sau khi đã chuyển"},
    )
    assert refused.status_code in (403, 422)
    assert "sửa sau khi đã chuyển" not in Result.objects.get(dossier=at_leader).body
