"""Pages of the documents layer: permission-checked downloads and the public
verification page (works without JavaScript)."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from motcua.accounts.models import User
from motcua.core.ratelimit import Limit, client_ip, hit
from motcua.core.text import wait_phrase
from motcua.documents import conf
from motcua.documents.errors import DocumentError
from motcua.documents.selectors import document_for_download, stored_for_download
from motcua.documents.uploads import PDF, inspect_upload
from motcua.documents.verification import Verification, verify_code, verify_pdf

VERIFY_LIMIT = Limit("verify", attempts=30, window_seconds=60)


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def file_response(file: Any, name: str, content_type: str) -> FileResponse:
    """A stored file as a download that no cache keeps and no browser sniffs."""
    response = FileResponse(
        file.open("rb"), as_attachment=True, filename=name, content_type=content_type
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def download(request: HttpRequest, public_id: uuid.UUID) -> FileResponse:
    """A generated document, only for someone who may see its dossier (404 otherwise,
    the same whether it exists or not)."""
    doc = document_for_download(_user(request), public_id)
    if doc is None:
        raise Http404(_("Không tìm thấy tài liệu."))
    return file_response(doc.file, doc.download_name, "application/pdf")


@login_required
def store_download(request: HttpRequest, public_id: uuid.UUID) -> FileResponse:
    doc = stored_for_download(_user(request), public_id)
    if doc is None:
        raise Http404(_("Không tìm thấy giấy tờ."))
    suffix = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}
    return file_response(
        doc.file, f"giay-to-{doc.pk}.{suffix.get(doc.content_type, 'bin')}", doc.content_type
    )


def verify_upload(data: bytes, name: str) -> Verification:
    """Check the upload by content, then verify it (raises InvalidUpload)."""
    inspect_upload(data, name=name, max_bytes=conf.verify_max_bytes(), accepted=(PDF,))
    return verify_pdf(data)


@require_http_methods(["GET", "POST"])
def verify_page(request: HttpRequest) -> HttpResponse:
    context: dict[str, Any] = {"max_mb": conf.verify_max_bytes() // (1024 * 1024)}
    code = (request.POST.get("ma") or request.GET.get("ma") or "").strip()
    upload = request.FILES.get("file")
    status = 200
    if request.method == "POST" or code:
        wait = hit(VERIFY_LIMIT, client_ip(request))
        try:
            if wait is not None:
                raise DocumentError(
                    _("Bạn đã gửi quá nhiều yêu cầu. Vui lòng thử lại sau %(wait)s.")
                    % {"wait": wait_phrase(wait)}
                )
            if upload is not None:
                context["result"] = verify_upload(upload.read(), upload.name or "tệp")
            elif code:
                context["result"] = verify_code(code)
            else:
                raise DocumentError(_("Hãy chọn tệp PDF hoặc nhập mã xác thực."), field="file")
        except DocumentError as exc:
            context["error"] = exc.message
            status = 429 if wait is not None else exc.status_code
    context["code"] = code
    return render(request, "documents/verify.html", context, status=status)
