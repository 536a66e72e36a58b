"""Sample data for previewing a result template before any dossier uses it."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import timezone

from motcua.documents.pdf.data import Letterhead, ResultData
from motcua.documents.pdf.fmt import vn_date
from motcua.documents.pdf.result import render_result
from motcua.documents.templating import template_check, template_render
from motcua.organizations.models import Agency

SAMPLE_CODE = "000.00.00.H00-260101-0001"


def sample_context(procedure: Any = None, agency_name: str = "") -> dict[str, Any]:
    today = vn_date(timezone.localdate())
    declaration: dict[str, Any] = {}
    if procedure is not None:
        version = procedure.versions.order_by("-number").first()
        schema = getattr(version, "declaration_schema", None) or {}
        for key, prop in (schema.get("properties") or {}).items():
            declaration[key] = f"[{(prop or {}).get('title') or key}]"
    return {
        **declaration,
        "applicant_name": "Nguyễn Thị Hường",
        "applicant_identity_number": "001190012345",
        "applicant_address": "Số 7 phố Hàng Bạc, phường Hoàn Kiếm, Hà Nội",
        "applicant_phone": "0912345678",
        "dossier_code": SAMPLE_CODE,
        "procedure_name": procedure.name if procedure is not None else "[Tên thủ tục]",
        "agency_name": agency_name or "[Tên cơ quan]",
        "received_date": today,
        "due_date": today,
        "today": today,
        "to_khai": declaration,
    }


def template_preview_pdf(
    *,
    agency: Agency | None,
    procedure: Any,
    title: str,
    body: str,
    signer_title: str,
    on_behalf_of: str,
) -> bytes:
    """The template rendered with sample data (raises InvalidTemplate on a bad body)."""
    template_check(body, procedure=procedure)
    name = agency.name if agency else "[Tên cơ quan]"
    text = template_render(body, sample_context(procedure, name))
    head = Letterhead(
        agency_name=name,
        parent_agency_name=agency.parent.name if agency and agency.parent else "",
        issued_on=timezone.localdate(),
        dossier_code=SAMPLE_CODE,
        qr_payload=f"{settings.PUBLIC_URL}/xac-thuc/?ma=MAU-XEM-TRUOC",
        qr_caption="Quét mã để xác thực văn bản",
        verification_code="MAU-XEM-TRUOC",
    )
    data = ResultData(
        letterhead=head,
        title=title or "[Tiêu đề]",
        body=text,
        signer_name="[Họ tên người ký]",
        signer_title=signer_title,
        on_behalf_of=on_behalf_of,
    )
    return render_result(data, preview=True).pdf
