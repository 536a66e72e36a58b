"""A specialist drafts the result from the agency's template, corrects it; the leader
signs it with PAdES. Signing that cannot succeed changes nothing."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import PdfSignatureStatus, validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from motcua.accounts.models import User
from motcua.documents.errors import InvalidState, NotAllowed, SigningFailed
from motcua.documents.models import (
    DocumentKind,
    GeneratedDocument,
    Result,
    ResultTemplate,
    SigningCertificate,
    StoredDocument,
)
from motcua.documents.services import (
    certificate_issue_demo,
    certificate_revoke,
    result_draft,
    result_preview,
    result_sign,
    result_update,
)
from motcua.documents.verification import trust_roots
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.organizations.models import Agency
from tests.documents.conftest import APPLICANT, CHILD, SIGNER, diacritics, pdf_text
from tests.portal.english import readers


def test_the_draft_fills_the_template_with_the_dossier_data(
    at_specialist: Dossier, specialist: User, birth_template: ResultTemplate
) -> None:
    result = result_draft(dossier=at_specialist, actor=specialist)

    assert result.state == Result.State.DRAFT
    assert f"Họ, chữ đệm, tên: {CHILD}" in result.body
    assert f"Người đi đăng ký: {APPLICANT}" in result.body
    assert at_specialist.code is not None
    assert at_specialist.code in result.body
    assert "{{" not in result.body


def test_the_specialist_corrects_the_drafted_text(
    at_specialist: Dossier, specialist: User, birth_template: ResultTemplate
) -> None:
    draft = result_draft(dossier=at_specialist, actor=specialist)

    corrected = result_update(
        result=draft, actor=specialist, body=draft.body.replace("Nữ", "Nữ (đã sửa)")
    )

    assert "Nữ (đã sửa)" in corrected.body


def test_a_correction_the_pdf_cannot_print_is_refused_and_named(
    at_specialist: Dossier, specialist: User, birth_template: ResultTemplate
) -> None:
    draft = result_draft(dossier=at_specialist, actor=specialist)
    with pytest.raises(InvalidState) as refused:
        result_update(result=draft, actor=specialist, body=draft.body + " 😀")
    assert "«😀»" in str(refused.value) and refused.value.field == "body"
    draft.refresh_from_db()
    assert "😀" not in draft.body
    assert draft.unprintable == ""


def test_a_title_longer_than_its_column_is_refused_not_cut(
    at_specialist: Dossier, specialist: User, birth_template: ResultTemplate
) -> None:
    draft = result_draft(dossier=at_specialist, actor=specialist)
    before = draft.title
    with pytest.raises(InvalidState) as refused:
        result_update(result=draft, actor=specialist, body=draft.body, title="Giấy " * 60)
    assert str(refused.value) == "Tên kết quả quá dài (tối đa 255 ký tự)."
    draft.refresh_from_db()
    assert draft.title == before
    exact = ("Giấy khai sinh " * 20)[:255]
    assert result_update(result=draft, actor=specialist, body=draft.body, title=exact).title == (
        exact.strip()
    )


def test_an_official_of_another_agency_cannot_draft(
    at_leader: Dossier, outsider: User, birth_template: ResultTemplate
) -> None:
    with pytest.raises(NotAllowed):
        result_draft(dossier=at_leader, actor=outsider)
    assert not Result.objects.exists()


@pytest.fixture
def draft(at_leader: Dossier, leader: User, birth_template: ResultTemplate) -> Result:
    return result_draft(dossier=at_leader, actor=leader)


def _validate(data: bytes) -> PdfSignatureStatus:
    signature = PdfFileReader(io.BytesIO(data)).embedded_signatures[0]
    return validate_pdf_signature(
        signature, ValidationContext(trust_roots=trust_roots(), allow_fetching=False)
    )


def test_the_leader_signs_and_pyhanko_validates_the_signature(
    draft: Result, leader: User, leader_certificate: SigningCertificate
) -> None:
    signed = result_sign(result=draft, actor=leader)

    assert signed.state == Result.State.SIGNED
    assert signed.signed_by == leader
    document = signed.document
    assert document is not None
    assert document.kind == DocumentKind.RESULT
    assert document.issued_electronically
    data = document.file.open("rb").read()
    status = _validate(data)
    assert status.bottom_line
    assert status.signing_cert.subject.native["common_name"] == SIGNER
    text = pdf_text(data)
    for letter in diacritics(CHILD, APPLICANT, SIGNER):
        assert letter in text, letter
    assert "DỰ THẢO" not in text


def test_the_draft_s_preview_is_marked_as_a_draft(draft: Result) -> None:
    text = pdf_text(result_preview(draft))
    assert "DỰ THẢO" in text
    assert "Bản xem trước, chưa ký số, chưa có giá trị pháp lý" in text


def test_a_one_byte_change_breaks_the_signature(
    draft: Result, leader: User, leader_certificate: SigningCertificate
) -> None:
    document = result_sign(result=draft, actor=leader).document
    assert document is not None
    data = bytearray(document.file.open("rb").read())
    where = data.index(b"stream") + 40
    data[where] ^= 0x01

    status = _validate(bytes(data))

    assert not status.intact
    assert not status.bottom_line


def test_the_signed_result_goes_into_the_citizens_store(
    draft: Result, leader: User, leader_certificate: SigningCertificate, citizen: User
) -> None:
    signed = result_sign(result=draft, actor=leader)

    stored = StoredDocument.objects.get(owner=citizen)
    assert stored.kind == StoredDocument.Kind.RESULT
    assert stored.source_document == signed.document
    assert stored.issued_electronically


def _unchanged(draft: Result) -> None:
    draft.refresh_from_db()
    assert draft.state == Result.State.DRAFT
    assert draft.document is None
    assert not GeneratedDocument.objects.filter(kind=DocumentKind.RESULT).exists()
    assert not StoredDocument.objects.exists()


def test_a_wrong_passphrase_fails_clearly_and_changes_nothing(
    draft: Result, leader: User, leader_certificate: SigningCertificate
) -> None:
    with pytest.raises(SigningFailed, match="Mật khẩu bảo vệ khóa ký số không đúng"):
        result_sign(result=draft, actor=leader, passphrase="không-đúng")
    _unchanged(draft)


def test_an_expired_certificate_fails_clearly_and_changes_nothing(
    draft: Result, leader: User, commune_agency: Agency
) -> None:
    now = timezone.now()
    certificate_issue_demo(
        user=leader,
        agency=commune_agency,
        not_before=now - timedelta(days=800),
        not_after=now - timedelta(days=1),
    )

    with pytest.raises(SigningFailed, match="hết hạn từ ngày 17/11/2026"):
        result_sign(result=draft, actor=leader)
    _unchanged(draft)


def test_a_revoked_certificate_fails_clearly_and_changes_nothing(
    draft: Result, leader: User, leader_certificate: SigningCertificate
) -> None:
    certificate_revoke(certificate=leader_certificate, actor=None, reason="Mất thiết bị")

    with pytest.raises(SigningFailed, match=r"đã bị thu hồi.*Mất thiết bị"):
        result_sign(result=draft, actor=leader)
    _unchanged(draft)


def test_a_leader_without_a_certificate_is_told_so(draft: Result, leader: User) -> None:
    with pytest.raises(SigningFailed, match="chưa có chứng thư số"):
        result_sign(result=draft, actor=leader)
    _unchanged(draft)


def test_only_a_leader_signs(
    draft: Result, specialist: User, leader_certificate: SigningCertificate
) -> None:
    with pytest.raises(NotAllowed):
        result_sign(result=draft, actor=specialist)
    _unchanged(draft)


def test_a_date_in_words_left_empty_is_written_into_the_draft(
    at_specialist: Dossier, specialist: User, birth_template: ResultTemplate
) -> None:
    version = at_specialist.procedure_version
    version.declaration_schema = {
        **version.declaration_schema,
        "x-date-words": ["child_birth_date_in_words", "child_birth_date"],
    }
    version.save(update_fields=["declaration_schema"])
    birth_template.body += "\nBằng chữ: {{ child_birth_date_in_words }}"
    birth_template.save(update_fields=["body"])
    at_specialist.refresh_from_db()

    result = result_draft(dossier=at_specialist, actor=specialist)

    assert "Bằng chữ: Ngày mười tháng mười một năm hai nghìn không trăm hai mươi sáu." in (
        result.body
    )
    assert "child_birth_date_in_words" not in at_specialist.declaration


def test_once_the_dossier_went_on_the_specialist_no_longer_changes_the_draft(
    at_specialist: Dossier, specialist: User, birth_template: ResultTemplate
) -> None:
    """The unit head or the leader reads the draft at their step; a correction made behind
    them would skip that reading. To change it, the step is sent back."""
    draft = result_draft(dossier=at_specialist, actor=specialist)
    services.dossier_forward(
        dossier=at_specialist, actor=specialist, expected_version=at_specialist.version
    )
    draft.refresh_from_db()
    with pytest.raises(NotAllowed) as refused:
        result_update(result=draft, actor=specialist, body=draft.body + " (sửa sau)")
    assert str(refused.value).startswith("Hồ sơ đang ở bước «")
    assert "đề nghị trả lại bước trước" in str(refused.value)
    assert Result.objects.get(pk=draft.pk).body == draft.body


def test_the_signature_states_the_instant_the_stamp_prints_however_long_the_page_takes(
    draft: Result,
    leader: User,
    leader_certificate: SigningCertificate,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The stamp is drawn first; the page after it took long enough on a slow machine
    for the signature to say a later minute than the stamp (01:01 against 01:00)."""
    from motcua.documents.pdf.result import render_result as drawn
    from motcua.documents.services import results

    with time_machine.travel(datetime(2026, 12, 4, 1, 0, 50, tzinfo=UTC), tick=False) as clock:

        def slow_page(*args: object, **kwargs: object) -> object:
            clock.shift(timedelta(seconds=30))  # the page takes half a minute to draw
            return drawn(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(results, "render_result", slow_page)
        signed = result_sign(result=draft, actor=leader)

    assert signed.signed_at == datetime(2026, 12, 4, 1, 0, 50, tzinfo=UTC)
    document = signed.document
    assert document is not None
    status = _validate(document.file.open("rb").read())
    # The stamp was drawn with signed.signed_at (results.result_sign); the signature
    # now says the same instant.
    assert status.signer_reported_dt == signed.signed_at


def test_a_result_s_state_is_shown_in_the_official_s_language(
    draft: Result, leader: User, leader_certificate: SigningCertificate
) -> None:
    english, vietnamese = readers(leader)
    page = f"/can-bo/ho-so/{draft.dossier_id}/"
    assert "Dự thảo" in vietnamese.get(page).content.decode()
    shown = english.get(page).content.decode()
    assert "Draft" in shown and "Dự thảo" not in shown

    result_sign(result=draft, actor=leader)

    assert "Đã ký số" in vietnamese.get(page).content.decode()
    shown = english.get(page).content.decode()
    assert "Digitally signed" in shown and "Đã ký số" not in shown
