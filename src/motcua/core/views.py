"""Site-wide views: the bad-request and CSRF failure pages, the favicon and the health
check."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import (
    DisallowedHost,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.translation import gettext as _

from motcua.core.json_answer import JsonAnswer
from motcua.core.login_return import referring_page


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """A 400 that says what was wrong when the request was refused before any view saw it:
    too many files or fields in one form, or too much data. The API answers in JSON."""
    reason = _bad_request_reason(exception)
    if request.path.startswith("/api/"):
        message = reason or _("Yêu cầu không hợp lệ.")
        return JsonAnswer({"message": message}, status=400)
    # A host Django refused cannot be asked for again; the page's own address may take
    # only forms, so the way back is the page that showed the form.
    back = referring_page(request) if not isinstance(exception, DisallowedHost) else ""
    return render(request, "400.html", {"reason": reason, "back": back}, status=400)


def _bad_request_reason(exception: Exception | None) -> str:
    if isinstance(exception, TooManyFilesSent):
        return _(
            "Lần gửi này có hơn %(per_request)d tệp, trong khi mỗi hồ sơ chỉ có tối đa "
            "%(per_dossier)d tệp. Không tệp nào trong lần gửi này được ghi nhận: hãy "
            "chọn ít tệp hơn rồi gửi lại."
        ) % {
            "per_request": settings.DATA_UPLOAD_MAX_NUMBER_FILES,
            "per_dossier": settings.MAX_FILES_PER_DOSSIER,
        }
    if isinstance(exception, TooManyFieldsSent):
        return _("Biểu mẫu gửi lên có quá nhiều trường. Hãy tải lại trang rồi gửi lại.")
    if isinstance(exception, RequestDataTooBig):
        return _(
            "Dữ liệu gửi lên (ngoài các tệp) vượt quá %(mb)d MB nên chưa được ghi nhận. "
            "Hãy rút gọn nội dung rồi gửi lại."
        ) % {"mb": settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)}
    return ""


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A Vietnamese page that says what to do, in the site's layout (Django's default is an
    English technical page)."""
    return render(request, "403_csrf.html", status=403)


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page says; answer with the site icon."""
    return HttpResponseRedirect(static("portal/favicon.svg"))


def healthz(request: HttpRequest) -> JsonAnswer:
    """For load balancers: 200 when this process can reach its database, 503 otherwise.
    Never limited by admission control (it must answer during a surge) and says nothing
    about the data."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonAnswer({"status": "unavailable", "database": False}, status=503)
    return JsonAnswer({"status": "ok", "database": True})
