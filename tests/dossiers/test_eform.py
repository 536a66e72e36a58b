"""The electronic declaration stands for the «Tờ khai» line of an online dossier.

Birth registration at Hoàn Kiếm, where the catalog says the e-form replaces «Tờ khai
đăng ký khai sinh» online. Bà Hoa submits online; Lan enters dossiers at the counter,
where the paper form is still handed in and counted.
"""

from __future__ import annotations

import pytest

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import services
from motcua.dossiers.errors import InvalidInput
from motcua.dossiers.models import Dossier, DossierDocument, Provision, Status
from motcua.dossiers.services import ApplicantInput, DocumentInput
from motcua.organizations.models import Agency
from tests.dossiers.conftest import GOOD_DECLARATION, make_version, submit_online

pytestmark = pytest.mark.django_db

CERTIFICATE = DocumentInput("giay-chung-sinh", Provision.AT_COUNTER, originals=1)


@pytest.fixture
def version(commune_agency: Agency) -> ProcedureVersion:
    return make_version(commune_agency, declared_online=True)


def provisions(dossier: Dossier) -> dict[str, str]:
    return dict(dossier.documents.values_list("required_document__code", "provision"))


def counter_intake(clerk: User, version: ProcedureVersion, *documents: DocumentInput) -> Dossier:
    return services.dossier_intake(
        actor=clerk,
        version=version,
        agency=version.procedure.agencies.get(),
        applicant=ApplicantInput(name="Nguyễn Thị Hoa", identity_number="001190012345"),
        declaration=dict(GOOD_DECLARATION),
        documents=list(documents),
    )


def test_online_the_form_line_is_provided_by_the_e_form_and_the_desk_can_receive_it(
    citizen: User, clerk: User, version: ProcedureVersion
) -> None:
    dossier = submit_online(
        citizen, version, documents=[DocumentInput("to-khai", Provision.EFORM), CERTIFICATE]
    )

    received = services.dossier_receive(
        dossier=dossier, actor=clerk, expected_version=dossier.version
    )

    assert provisions(dossier) == {"to-khai": "eform", "giay-chung-sinh": "counter"}
    assert received.status == Status.RECEIVED


@pytest.mark.parametrize(
    "documents",
    [
        [CERTIFICATE],
        [DocumentInput("to-khai", Provision.MISSING), CERTIFICATE],
        [DocumentInput("to-khai", Provision.UPLOAD), CERTIFICATE],
    ],
    ids=["line left out", "line marked missing", "upload without a file"],
)
def test_online_submission_records_the_e_form_for_a_form_line_not_otherwise_provided(
    citizen: User, version: ProcedureVersion, documents: list[DocumentInput]
) -> None:
    dossier = submit_online(citizen, version, documents=documents)

    assert dossier.status == Status.NEW
    assert provisions(dossier)["to-khai"] == Provision.EFORM


def test_a_paper_form_the_citizen_chose_to_bring_stays_a_paper_form(
    citizen: User, version: ProcedureVersion
) -> None:
    paper = DocumentInput("to-khai", Provision.AT_COUNTER, originals=1)

    dossier = submit_online(citizen, version, documents=[paper, CERTIFICATE])

    assert provisions(dossier)["to-khai"] == Provision.AT_COUNTER


def test_the_e_form_does_not_stand_for_a_document_the_catalog_does_not_say_it_replaces(
    citizen: User, version: ProcedureVersion
) -> None:
    with pytest.raises(InvalidInput) as caught:
        submit_online(
            citizen,
            version,
            documents=[
                DocumentInput("to-khai", Provision.EFORM),
                DocumentInput("giay-chung-sinh", Provision.EFORM),
            ],
        )

    assert caught.value.field == "documents[1].provision"
    assert "Tờ khai điện tử không thay thế được «Giấy chứng sinh»" in caught.value.message
    assert "hãy tải tệp lên" in caught.value.message
    assert not Dossier.objects.exists()


def test_without_the_catalog_flag_nothing_is_recorded_and_the_form_is_still_required(
    citizen: User, commune_agency: Agency
) -> None:
    plain = make_version(commune_agency, code="1.001195")

    with pytest.raises(InvalidInput) as caught:
        submit_online(citizen, plain, documents=[CERTIFICATE])

    assert "Thiếu thành phần hồ sơ bắt buộc «Tờ khai đăng ký khai sinh»" in caught.value.message
    assert not DossierDocument.objects.filter(provision=Provision.EFORM).exists()


def test_at_the_counter_the_e_form_is_refused_and_nothing_is_saved(
    clerk: User, version: ProcedureVersion
) -> None:
    with pytest.raises(InvalidInput) as caught:
        counter_intake(clerk, version, DocumentInput("to-khai", Provision.EFORM), CERTIFICATE)

    assert caught.value.field == "documents[0].provision"
    assert "không dùng tờ khai điện tử" in caught.value.message
    assert "bản giấy «Tờ khai đăng ký khai sinh»" in caught.value.message
    assert not Dossier.objects.exists()


def test_at_the_counter_the_paper_form_is_still_needed_and_counted(
    clerk: User, version: ProcedureVersion
) -> None:
    with pytest.raises(InvalidInput) as caught:
        counter_intake(clerk, version, CERTIFICATE)
    assert "Thiếu thành phần hồ sơ bắt buộc «Tờ khai đăng ký khai sinh»" in caught.value.message

    dossier = counter_intake(
        clerk, version, DocumentInput("to-khai", Provision.AT_COUNTER, originals=1), CERTIFICATE
    )

    line = dossier.documents.get(required_document__code="to-khai")
    assert (line.provision, line.originals_received) == (Provision.AT_COUNTER, 1)


def test_a_draft_keeps_the_e_form_choice(citizen: User, version: ProcedureVersion) -> None:
    draft = services.dossier_draft_save(
        actor=citizen,
        version=version,
        agency=version.procedure.agencies.get(),
        declaration=dict(GOOD_DECLARATION),
        documents=[DocumentInput("to-khai", Provision.EFORM)],
    )

    assert provisions(draft) == {"to-khai": Provision.EFORM}


def test_an_e_form_line_the_catalog_does_not_allow_is_not_counted_as_provided(
    citizen: User, clerk: User, version: ProcedureVersion
) -> None:
    dossier = submit_online(citizen, version, documents=[CERTIFICATE])
    # Written around the services, as a hand edit in the database could.
    DossierDocument.objects.filter(
        dossier=dossier, required_document__code="giay-chung-sinh"
    ).update(provision=Provision.EFORM)

    with pytest.raises(InvalidInput) as caught:
        services.dossier_receive(dossier=dossier, actor=clerk, expected_version=dossier.version)

    assert caught.value.field == "documents.giay-chung-sinh"
    assert "không thay thế được «Giấy chứng sinh»" in caught.value.message
