"""Online submission by a citizen: schema, checklist, catalog checks and idempotency."""

from __future__ import annotations

from datetime import date

import pytest

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import services
from motcua.dossiers.errors import InvalidInput, NotAllowed
from motcua.dossiers.models import Channel, Dossier, DossierEvent, Provision, Status
from motcua.dossiers.services import DocumentInput
from motcua.organizations.models import Agency
from tests.dossiers.conftest import AT_COUNTER, GOOD_DECLARATION, make_version, submit_online

pytestmark = pytest.mark.django_db


def _submit_with(citizen: User, version: ProcedureVersion, documents: list[DocumentInput]) -> None:
    services.dossier_submit(
        actor=citizen,
        version=version,
        agency=version.procedure.agencies.get(),
        declaration=dict(GOOD_DECLARATION),
        documents=documents,
    )


def test_citizen_submits_online_and_waits_for_the_desk(
    citizen: User, version: ProcedureVersion
) -> None:
    dossier = submit_online(citizen, version)

    assert dossier.status == Status.NEW
    assert dossier.channel == Channel.ONLINE
    assert dossier.code is None and dossier.due_at is None
    assert dossier.applicant == citizen
    assert dossier.applicant_name == "Nguyễn Thị Hoa"
    assert dossier.applicant_identity_number == "001190012345"
    assert dossier.documents.count() == 2
    assert DossierEvent.objects.filter(dossier=dossier, action="submit").count() == 1


def test_a_missing_required_field_is_named_in_vietnamese(
    citizen: User, version: ProcedureVersion
) -> None:
    declaration = dict(GOOD_DECLARATION)
    del declaration["mother_name"]
    with pytest.raises(InvalidInput) as caught:
        submit_online(citizen, version, declaration=declaration)
    assert caught.value.field == "declaration.mother_name"
    assert "Họ tên mẹ" in caught.value.message
    assert not Dossier.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("child_birth_date", "10/11/2026", "Ngày sinh"),
        ("child_sex", "Khác", "Giới tính"),
        ("child_name", "A", "ít nhất 2 ký tự"),
        ("child_name", 42, "chuỗi ký tự"),
    ],
)
def test_bad_values_are_refused_with_the_field_title(
    citizen: User, version: ProcedureVersion, field: str, value: object, words: str
) -> None:
    declaration = {**GOOD_DECLARATION, field: value}
    with pytest.raises(InvalidInput) as caught:
        services.dossier_submit(
            actor=citizen,
            version=version,
            agency=version.procedure.agencies.get(),
            declaration=declaration,
            documents=list(AT_COUNTER),
        )
    assert caught.value.field == f"declaration.{field}"
    assert words in caught.value.message


def test_a_mandatory_document_must_be_provided(citizen: User, version: ProcedureVersion) -> None:
    with pytest.raises(InvalidInput, match="Giấy chứng sinh") as caught:
        _submit_with(citizen, version, [DocumentInput("to-khai", Provision.AT_COUNTER)])
    assert caught.value.field == "documents.giay-chung-sinh"


def test_an_upload_without_a_file_is_not_provided(citizen: User, version: ProcedureVersion) -> None:
    with pytest.raises(InvalidInput, match="Chưa tải lên tệp"):
        services.dossier_submit(
            actor=citizen,
            version=version,
            agency=version.procedure.agencies.get(),
            declaration=dict(GOOD_DECLARATION),
            documents=[
                DocumentInput("to-khai", Provision.UPLOAD),
                DocumentInput("giay-chung-sinh", Provision.AT_COUNTER),
            ],
        )


def test_an_optional_document_announced_as_uploaded_needs_its_file(
    citizen: User, version: ProcedureVersion
) -> None:
    """The marriage certificate is only needed in some cases; saying "uploaded" without a
    file would put it on the receipt as received."""
    with pytest.raises(InvalidInput) as refused:
        submit_online(
            citizen,
            version,
            documents=[*AT_COUNTER, DocumentInput("giay-ket-hon", Provision.UPLOAD)],
        )
    assert refused.value.field == "documents.giay-ket-hon"
    assert "Chưa tải lên tệp cho thành phần «Giấy chứng nhận kết hôn»" in str(refused.value)
    assert "chọn «Không có»" in str(refused.value)
    assert not Dossier.objects.filter(status=Status.NEW).exists()

    left_out = submit_online(
        citizen, version, documents=[*AT_COUNTER, DocumentInput("giay-ket-hon", Provision.MISSING)]
    )
    assert left_out.status == Status.NEW


def test_an_unknown_document_code_is_named(citizen: User, version: ProcedureVersion) -> None:
    with pytest.raises(InvalidInput) as caught:
        _submit_with(
            citizen, version, [*AT_COUNTER, DocumentInput("so-ho-khau", Provision.AT_COUNTER)]
        )
    assert caught.value.field == "documents[2].code"


@pytest.mark.parametrize("provision", ["fax", "", "COUNTER"])
def test_an_unknown_way_of_providing_a_document_is_named(
    citizen: User, version: ProcedureVersion, provision: str
) -> None:
    first = AT_COUNTER[0]
    with pytest.raises(InvalidInput, match="Hình thức cung cấp") as caught:
        _submit_with(citizen, version, [DocumentInput(first.code, provision), *AT_COUNTER[1:]])
    assert caught.value.field == "documents[0].provision"
    assert not Dossier.objects.exists()


def test_an_unpublished_version_takes_no_dossiers(citizen: User, commune_agency: Agency) -> None:
    draft_version = make_version(commune_agency, code="1.000001", published=False)
    with pytest.raises(InvalidInput, match="chưa được công bố"):
        submit_online(citizen, draft_version)


def test_an_abolished_procedure_takes_no_dossiers(citizen: User, version: ProcedureVersion) -> None:
    version.procedure.abolished_on = date(2026, 1, 1)
    version.procedure.save()
    with pytest.raises(InvalidInput, match="bãi bỏ"):
        submit_online(citizen, version)


def test_a_superseded_version_takes_no_dossiers(citizen: User, version: ProcedureVersion) -> None:
    ProcedureVersion.objects.create(
        procedure=version.procedure,
        number=2,
        effective_from=date(2026, 6, 1),
        published_at=version.published_at,
        duration_value=5,
        duration_unit="d",
    )
    with pytest.raises(InvalidInput, match="đã được thay thế"):
        submit_online(citizen, version)


@pytest.mark.parametrize(
    ("effective_from", "published"),
    [(date(2027, 1, 1), True), (date(2026, 6, 1), False)],
    ids=["published-but-not-yet-in-force", "in-force-date-but-unpublished"],
)
def test_a_later_version_only_supersedes_once_published_and_in_force(
    citizen: User, version: ProcedureVersion, effective_from: date, published: bool
) -> None:
    later = ProcedureVersion.objects.create(
        procedure=version.procedure,
        number=2,
        effective_from=effective_from,
        published_at=version.published_at if published else None,
        duration_value=5,
        duration_unit="d",
    )
    assert submit_online(citizen, version).status == Status.NEW
    # The day it comes into force, published, the old version stops taking dossiers.
    ProcedureVersion.objects.filter(pk=later.pk).update(
        effective_from=date(2026, 6, 1), published_at=version.published_at
    )
    with pytest.raises(InvalidInput, match="đã được thay thế"):
        submit_online(citizen, version)


def test_an_agency_that_does_not_implement_the_procedure_is_refused(
    citizen: User, version: ProcedureVersion, other_agency: Agency
) -> None:
    with pytest.raises(InvalidInput) as caught:
        services.dossier_submit(
            actor=citizen,
            version=version,
            agency=other_agency,
            declaration=dict(GOOD_DECLARATION),
            documents=list(AT_COUNTER),
        )
    assert caught.value.field == "agency"


def test_officials_do_not_submit_online(specialist: User, version: ProcedureVersion) -> None:
    with pytest.raises(NotAllowed):
        submit_online(specialist, version)


def test_a_retried_submission_with_the_same_key_returns_the_same_dossier(
    citizen: User, version: ProcedureVersion
) -> None:
    first = submit_online(citizen, version, idempotency_key="abc-123")
    again = submit_online(citizen, version, idempotency_key="abc-123")

    assert again.pk == first.pk
    assert Dossier.objects.count() == 1


def test_the_same_key_from_another_citizen_is_another_dossier(
    citizen: User, other_citizen: User, version: ProcedureVersion
) -> None:
    first = submit_online(citizen, version, idempotency_key="abc-123")
    second = submit_online(other_citizen, version, idempotency_key="abc-123")
    assert first.pk != second.pk


def test_a_key_reused_for_another_procedure_is_refused(
    citizen: User, version: ProcedureVersion, commune_agency: Agency
) -> None:
    submit_online(citizen, version, idempotency_key="abc-123")
    other = make_version(commune_agency, code="1.000002")
    with pytest.raises(InvalidInput, match="Idempotency-Key"):
        submit_online(citizen, other, idempotency_key="abc-123")
