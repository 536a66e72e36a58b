"""The receipt's list of documents says how each came: paper is counted in originals and
copies, a file, a reused document or the e-form is named as such (never "0 bản chính,
0 bản sao"); and an applicant without an address gets no empty «Địa chỉ» line."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.documents.models import DocumentKind, GeneratedDocument
from motcua.documents.pdf.data import Letterhead, ReceiptData, ReceivedDocument
from motcua.documents.pdf.slips import render_receipt
from motcua.documents.services import slip_generate
from motcua.dossiers import services as dossier_services
from motcua.dossiers.models import Dossier, Provision
from motcua.dossiers.services import DocumentInput
from motcua.organizations.models import Agency
from tests.documents.conftest import ADDRESS, APPLICANT, DECLARATION, VN, pdf_text
from tests.dossiers.conftest import make_version
from tests.portal.conftest import PDF

AT = datetime(2026, 11, 18, 9, 5, tzinfo=VN)


def row(text: str, name: str) -> str:
    """The extracted line of the documents table that names the document."""
    found = [line for line in text.splitlines() if name in line]
    assert len(found) == 1, (name, found)
    return found[0]


def receipt(*documents: ReceivedDocument, address: str = "") -> str:
    return pdf_text(
        render_receipt(
            ReceiptData(
                letterhead=Letterhead(agency_name="UBND Phường Hoàn Kiếm", issued_on=date.today()),
                applicant_name=APPLICANT,
                applicant_address=address,
                procedure_name="Đăng ký khai sinh",
                received_at=AT,
                due_at=AT + timedelta(days=1),
                lookup_secret="K7Q2MX9P",
                receiving_official="Lê Thị Lan",
                documents=documents,
            )
        )
    )


def test_electronic_documents_are_named_by_how_they_came_and_paper_is_counted() -> None:
    text = receipt(
        ReceivedDocument("Tờ khai đăng ký khai sinh", provided_as="Tờ khai điện tử"),
        ReceivedDocument("Giấy chứng sinh", provided_as="Bản điện tử"),
        ReceivedDocument("Giấy chứng nhận kết hôn", 1, 2),
    )

    assert row(text, "Tờ khai đăng ký khai sinh").endswith("Tờ khai điện tử")
    assert row(text, "Giấy chứng sinh").endswith("Bản điện tử")
    assert row(text, "Giấy chứng nhận kết hôn").endswith("1 2")
    assert not re.search(r"\b0\b", row(text, "Giấy chứng sinh"))


def test_no_address_line_when_the_applicant_gave_none() -> None:
    assert "Địa chỉ" not in receipt(ReceivedDocument("Giấy chứng sinh", 1, 0))
    assert f"Địa chỉ: {ADDRESS}" in receipt(
        ReceivedDocument("Giấy chứng sinh", 1, 0), address=ADDRESS
    ).replace("\n", " ")


@pytest.fixture
def online_received(citizen: User, clerk: User, commune_agency: Agency) -> Dossier:
    """Bà Hoa submitted online: the e-form for the form, a scan of the birth
    certificate, the marriage certificate to show at the desk. Lan received it."""
    version = make_version(commune_agency, declared_online=True)
    dossier = _submit_with_scan(citizen, version)
    return dossier_services.dossier_receive(
        dossier=dossier, actor=clerk, expected_version=dossier.version
    )


def _submit_with_scan(citizen: User, version: ProcedureVersion) -> Dossier:
    draft = dossier_services.dossier_draft_save(
        actor=citizen,
        version=version,
        agency=version.procedure.agencies.get(),
        declaration=dict(DECLARATION),
    )
    dossier_services.attachment_add(
        dossier=draft,
        actor=citizen,
        data=PDF,
        name="chung-sinh.pdf",
        document_code="giay-chung-sinh",
    )
    return dossier_services.dossier_submit(
        actor=citizen,
        draft=draft,
        documents=[
            DocumentInput("giay-chung-sinh", Provision.UPLOAD),
            DocumentInput("giay-ket-hon", Provision.AT_COUNTER, originals=1),
        ],
    )


def _receipt_text(dossier: Dossier) -> str:
    doc: GeneratedDocument = slip_generate(dossier_id=dossier.pk, kind=DocumentKind.RECEIPT)
    with doc.file.open("rb") as handle:
        return pdf_text(handle.read())


def test_an_online_dossier_receipt_names_the_e_form_and_the_scan(
    online_received: Dossier,
) -> None:
    text = _receipt_text(online_received)

    assert row(text, "Tờ khai đăng ký khai sinh").endswith("Tờ khai điện tử")
    assert row(text, "Giấy chứng sinh").endswith("Bản điện tử")
    assert row(text, "Giấy chứng nhận kết hôn").endswith("1 0")
    assert "Địa chỉ" not in text


def test_a_counter_dossier_receipt_still_counts_originals_and_copies(received: Dossier) -> None:
    text = _receipt_text(received)

    assert row(text, "Tờ khai đăng ký khai sinh").endswith("1 0")
    assert row(text, "Giấy chứng sinh").endswith("1 2")
    assert "Tờ khai điện tử" not in text and "Bản điện tử" not in text
