"""Slips are made from the dossier's own events, once each, usually by a background job
that the dossier's change asks for."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.documents.errors import InvalidState
from motcua.documents.models import DocumentKind, GeneratedDocument
from motcua.documents.services import register_generate, slip_generate, slips_enqueue
from motcua.documents.slips_from_dossier import lookup_url
from motcua.documents.tasks import generate_slip
from motcua.dossiers import services as dossier_services
from motcua.dossiers.models import Dossier, DossierEvent, Provision
from motcua.dossiers.services import DocumentInput
from motcua.organizations.models import Agency
from tests.documents.conftest import ADDRESS, APPLICANT, DECLARATION, diacritics, pdf_text
from tests.documents.qr_check import qr_payload_matches

REASON = "Thiếu Giấy chứng nhận kết hôn; tờ khai ghi sai năm sinh của mẹ (ỹ ẵ ự)"


def _text(doc: GeneratedDocument) -> str:
    with doc.file.open("rb") as handle:
        return pdf_text(handle.read())


def _pdf(doc: GeneratedDocument) -> bytes:
    with doc.file.open("rb") as handle:
        return handle.read()


def _event(dossier: Dossier, action: str) -> DossierEvent:
    return dossier.events.get(action=action)


def test_the_receipt_carries_the_dossier_its_appointment_and_a_lookup_qr(
    received: Dossier,
) -> None:
    doc = slip_generate(
        dossier_id=received.pk, kind=DocumentKind.RECEIPT, event_id=_event(received, "intake").pk
    )
    text = _text(doc)

    assert doc.dossier == received
    assert received.code and received.code in text
    for letter in diacritics(APPLICANT, ADDRESS):
        assert letter in text, letter
    assert received.lookup_secret in text
    assert "Lê Thị Lan" in text
    assert "09:00 ngày 18/11/2026" in text
    assert "Giấy chứng sinh" in text
    assert qr_payload_matches(_pdf(doc), lookup_url(received.code))


def test_generating_twice_returns_the_same_slip(received: Dossier) -> None:
    event = _event(received, "intake")
    first = slip_generate(dossier_id=received.pk, kind=DocumentKind.RECEIPT, event_id=event.pk)
    second = slip_generate(dossier_id=received.pk, kind=DocumentKind.RECEIPT, event_id=event.pk)

    assert first.pk == second.pk
    assert GeneratedDocument.objects.filter(kind=DocumentKind.RECEIPT).count() == 1


def test_the_job_makes_the_slip_and_running_it_again_makes_nothing_new(
    received: Dossier,
) -> None:
    event = _event(received, "intake")
    generate_slip.enqueue(received.pk, DocumentKind.RECEIPT, event.pk)
    generate_slip.enqueue(received.pk, DocumentKind.RECEIPT, event.pk)

    assert GeneratedDocument.objects.filter(dossier=received).count() == 1


def test_the_dossier_change_asks_for_its_slip_once_it_commits(
    received: Dossier, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        kind = slips_enqueue(event=_event(received, "intake"))

    assert kind == DocumentKind.RECEIPT
    assert GeneratedDocument.objects.get(dossier=received).kind == DocumentKind.RECEIPT


def test_an_event_that_needs_no_slip_asks_for_none(
    received: Dossier, clerk: User, specialist: User
) -> None:
    moved = dossier_services.dossier_assign(
        dossier=received, actor=clerk, assignee=clerk, expected_version=received.version
    )
    assert slips_enqueue(event=moved.events.get(action="assign")) is None


def test_the_supplement_request_lists_the_reason(received: Dossier, clerk: User) -> None:
    asked = dossier_services.dossier_request_supplement(
        dossier=received, actor=clerk, expected_version=received.version, reason=REASON
    )
    doc = slip_generate(
        dossier_id=asked.pk,
        kind=DocumentKind.SUPPLEMENT_REQUEST,
        event_id=_event(asked, "request_supplement").pk,
    )
    text = _text(doc)

    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text
    assert REASON in text.replace("\n", " ")


def test_the_supplement_request_asks_for_what_is_asked_not_what_does_not_apply(
    received: Dossier, clerk: User
) -> None:
    from motcua.documents.slips_from_dossier import supplement_request_data
    from motcua.dossiers.models import DossierDocument

    version = received.procedure_version
    for code, provision in (
        ("giay-chung-sinh", Provision.MISSING),
        ("giay-ket-hon", Provision.MISSING),
    ):
        required = version.documents.get(code=code)
        DossierDocument.objects.update_or_create(
            dossier=received,
            required_document=required,
            defaults={"name": required.name, "provision": provision},
        )
    asked = dossier_services.dossier_request_supplement(
        dossier=received,
        actor=clerk,
        expected_version=received.version,
        reason="Ảnh Giấy chứng sinh bị mờ\nGhi lại quê quán",
    )
    data = supplement_request_data(asked)
    # Mandatory and left out: asked. Conditional and "not my case": not asked.
    assert data.missing == ("Giấy chứng sinh",)
    text = _text(
        slip_generate(
            dossier_id=asked.pk,
            kind=DocumentKind.SUPPLEMENT_REQUEST,
            event_id=_event(asked, "request_supplement").pk,
        )
    ).replace("\n", " ")
    assert "1. Giấy chứng sinh" in text and "2. Ảnh Giấy chứng sinh bị mờ" in text
    assert "3. Ghi lại quê quán" in text
    assert "kết hôn" not in text


def test_the_refusal_of_an_online_dossier_says_why(
    version: ProcedureVersion, citizen: User, clerk: User
) -> None:
    submitted = dossier_services.dossier_submit(
        actor=citizen,
        version=version,
        agency=version.procedure.agencies.get(),
        declaration=dict(DECLARATION),
        documents=[
            DocumentInput("to-khai", Provision.AT_COUNTER, originals=1),
            DocumentInput("giay-chung-sinh", Provision.AT_COUNTER, originals=1),
        ],
    )
    refused = dossier_services.dossier_refuse(
        dossier=submitted, actor=clerk, expected_version=submitted.version, reason=REASON
    )
    doc = slip_generate(
        dossier_id=refused.pk, kind=DocumentKind.REFUSAL, event_id=_event(refused, "refuse").pk
    )
    text = _text(doc)

    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text
    assert REASON in text.replace("\n", " ")
    assert "Nguyễn Thị Hoa" in text  # the account holder who applied online


def test_the_apology_gives_the_old_and_new_appointment(received: Dossier, leader: User) -> None:
    assert received.due_at is not None
    new_due = received.due_at + timedelta(days=2)
    sorry = dossier_services.dossier_apologize(
        dossier=received,
        actor=leader,
        expected_version=received.version,
        reason=REASON,
        new_due_at=new_due,
    )
    doc = slip_generate(
        dossier_id=sorry.pk, kind=DocumentKind.APOLOGY, event_id=_event(sorry, "apologize").pk
    )
    text = _text(doc)

    assert "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in text
    assert "ngày 23/11/2026" in text  # three working days after Wednesday 18
    assert "ngày 25/11/2026" in text


def test_the_stop_notice_is_made_when_the_citizen_stops_the_dossier(
    received: Dossier, citizen: User
) -> None:
    stopped = dossier_services.dossier_stop(
        dossier=received,
        actor=citizen,
        expected_version=received.version,
        reason="Tôi đã chuyển nơi cư trú",
    )
    doc = slip_generate(
        dossier_id=stopped.pk, kind=DocumentKind.STOP_NOTICE, event_id=_event(stopped, "stop").pk
    )

    assert "Tôi đã chuyển nơi cư trú" in _text(doc)


def test_the_control_slip_has_a_row_for_each_handoff(at_leader: Dossier) -> None:
    doc = slip_generate(dossier_id=at_leader.pk, kind=DocumentKind.CONTROL_SLIP)
    text = _text(doc)

    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text
    assert f"Người nộp: {APPLICANT}" in text.replace("\n", " ")
    assert text.count("Đúng hạn") + text.count("Trước hạn") >= 2


def test_no_receipt_before_reception(version: ProcedureVersion, citizen: User) -> None:
    submitted = dossier_services.dossier_submit(
        actor=citizen,
        version=version,
        agency=version.procedure.agencies.get(),
        declaration=dict(DECLARATION),
        documents=[
            DocumentInput("to-khai", Provision.AT_COUNTER, originals=1),
            DocumentInput("giay-chung-sinh", Provision.AT_COUNTER, originals=1),
        ],
    )
    with pytest.raises(InvalidState):
        slip_generate(dossier_id=submitted.pk, kind=DocumentKind.RECEIPT)
    assert not GeneratedDocument.objects.exists()


def test_the_register_of_a_past_period_is_made_once(
    received: Dossier, commune_agency: Agency
) -> None:
    first = register_generate(
        agency=commune_agency, period_from=date(2026, 11, 1), period_to=date(2026, 11, 17)
    )
    again = register_generate(
        agency=commune_agency, period_from=date(2026, 11, 1), period_to=date(2026, 11, 17)
    )
    current = register_generate(
        agency=commune_agency, period_from=date(2026, 11, 1), period_to=date(2026, 11, 30)
    )

    assert first.pk == again.pk
    assert received.code is not None
    assert received.code not in _text(first)
    assert received.code and received.code in _text(current)
    assert APPLICANT in " ".join(_text(current).split())


def test_lists_show_only_the_newest_control_slip(at_leader: Dossier, clerk: User) -> None:
    from motcua.documents.selectors import dossier_documents

    receipt = slip_generate(
        dossier_id=at_leader.pk, kind=DocumentKind.RECEIPT, event_id=_event(at_leader, "intake").pk
    )
    events = list(at_leader.events.order_by("id"))
    first = slip_generate(
        dossier_id=at_leader.pk, kind=DocumentKind.CONTROL_SLIP, event_id=events[-2].pk
    )
    newest = slip_generate(
        dossier_id=at_leader.pk, kind=DocumentKind.CONTROL_SLIP, event_id=events[-1].pk
    )
    assert first.pk != newest.pk

    assert dossier_documents(at_leader, clerk) == [receipt, newest]
    assert GeneratedDocument.objects.filter(pk=first.pk).exists()  # kept for the record
