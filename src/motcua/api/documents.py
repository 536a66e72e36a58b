"""Verification of signed results: POST /api/v1/verify with a PDF (multipart field
``file``) or the code from its QR (JSON or form field ``code``)."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.responses import Status

from motcua.core.json_answer import JsonAnswer
from motcua.core.ratelimit import client_ip, hit
from motcua.documents.errors import DocumentError
from motcua.documents.verification import verify_code
from motcua.documents.views import VERIFY_LIMIT, verify_upload

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
            raise DocumentError("Nội dung JSON không hợp lệ.", field="body") from exc
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
            {"message": f"Quá nhiều yêu cầu; thử lại sau {wait} giây.", "field": ""}, status=429
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
                "Gửi tệp PDF (trường «file») hoặc mã xác thực (trường «code»).", field="file"
            )
        return Status(200, verify_code(code).as_dict())
    except DocumentError as exc:
        status = exc.status_code if exc.status_code in (404, 422) else 422
        return Status(status, {"message": exc.message, "field": exc.field})
