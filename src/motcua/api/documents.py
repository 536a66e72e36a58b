"""Documents through the API: a dossier's slips and results, listed and downloaded by
whoever may see the dossier (bearer token or session), and verification of signed
results: POST /api/v1/verify with a PDF (multipart field ``file``) or the code from its
QR (JSON or form field ``code``)."""

from __future__ import annotations

import json
import uuid
from typing import Any

from django.http import FileResponse, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.responses import Status

from motcua.core.json_answer import JsonAnswer
from motcua.core.moments import local_iso
from motcua.core.ratelimit import client_ip, hit
from motcua.core.text import wait_phrase
from motcua.documents.errors import DocumentError
from motcua.documents.models import GeneratedDocument
from motcua.documents.selectors import document_for_download, dossier_documents
from motcua.documents.verification import verify_code
from motcua.documents.views import VERIFY_LIMIT, file_response, verify_upload
from motcua.dossiers.api_support import AUTH, actor_of, answers_errors, visible_dossier
from motcua.dossiers.errors import NotFound

router = Router(tags=["Xác thực văn bản"])


class VerificationOut(Schema):
    valid: bool
    reason: str
    signer: str
    agency: str
    signed_at: str | None
    unchanged: bool
    matches_record: bool
    dossier_code: str
    document: str
    signed: bool  # False: the file carries no signature, and ``unchanged`` means nothing


class ErrorOut(Schema):
    message: str
    field: str = ""


def _code_of(request: HttpRequest) -> str:
    if request.content_type == "application/json":
        try:
            body: Any = json.loads(request.body or b"{}")
        except ValueError as exc:
            raise DocumentError(_("Nội dung JSON không hợp lệ."), field="body") from exc
        return str(body.get("code", "")).strip() if isinstance(body, dict) else ""
    return str(request.POST.get("code", "")).strip()


@router.post(
    "/verify",
    response={200: VerificationOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    summary="Xác thực chữ ký số của một kết quả",
    auth=None,
)
def verify(request: HttpRequest) -> Any:
    wait = hit(VERIFY_LIMIT, client_ip(request))
    if wait is not None:
        response = JsonAnswer(
            {
                "message": _("Quá nhiều yêu cầu; thử lại sau %(wait)s.")
                % {"wait": wait_phrase(wait)},
                "field": "",
            },
            status=429,
        )
        response["Retry-After"] = str(wait)
        return response
    try:
        upload = request.FILES.get("file")
        if upload is not None:
            return Status(200, verify_upload(upload.read(), upload.name or "tệp").as_dict())
        code = _code_of(request)
        if not code:
            raise DocumentError(
                _("Gửi tệp PDF (trường «file») hoặc mã xác thực (trường «code»)."), field="file"
            )
        return Status(200, verify_code(code).as_dict())
    except DocumentError as exc:
        status = exc.status_code if exc.status_code in (404, 422) else 422
        return Status(status, {"message": exc.message, "field": exc.field})


def _document_json(doc: GeneratedDocument) -> dict[str, Any]:
    return {
        "id": str(doc.public_id),
        "kind": doc.kind,
        "kind_label": doc.shown_kind,
        "title": doc.title,
        "size": doc.size,
        "sha256": doc.sha256,
        "issued_electronically": doc.issued_electronically,
        "verification_code": doc.verification_code,
        "created_at": local_iso(doc.created_at),
        "download": reverse("api:document_download", kwargs={"public_id": doc.public_id}),
    }


@router.get(
    "/dossiers/{ref}/documents",
    auth=AUTH,
    tags=["Hồ sơ"],
    summary="Phiếu và kết quả của hồ sơ",
    description=(
        "Các phiếu (giấy tiếp nhận, phiếu kiểm soát, ...) và kết quả đã lập cho hồ sơ, cũ "
        "nhất trước; phiếu kiểm soát chỉ bản mới nhất. `download` là địa chỉ tải tệp PDF."
    ),
)
@answers_errors
def dossier_document_list(request: HttpRequest, ref: str) -> JsonAnswer:
    dossier = visible_dossier(request, ref)
    documents = dossier_documents(dossier, actor_of(request))
    return JsonAnswer({"items": [_document_json(doc) for doc in documents]})


@router.get(
    "/documents/{public_id}",
    auth=AUTH,
    url_name="document_download",
    tags=["Hồ sơ"],
    summary="Tải một phiếu hoặc kết quả (PDF)",
)
@answers_errors
def document_download(request: HttpRequest, public_id: str) -> FileResponse:
    try:
        wanted = uuid.UUID(public_id)
    except ValueError:
        wanted = None
    doc = document_for_download(actor_of(request), wanted) if wanted else None
    if doc is None:
        # The same answer whether it exists or not (and for an id no document could have).
        raise NotFound(_("Không tìm thấy tài liệu."))
    return file_response(doc.file, doc.download_name, "application/pdf")
