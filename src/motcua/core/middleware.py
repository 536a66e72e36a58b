"""Security headers that Django does not set by itself, a page for an address opened with
a method it does not take, and the language a page is shown in."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils.translation import gettext_lazy

# Everything the portal loads is served by the portal itself: no CDN, no inline script.
# Inline styles stay allowed for the QR/SVG and print layouts; scripts do not.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; "
    "form-action 'self'; base-uri 'self'; object-src 'none'"
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", "camera=(self), geolocation=()")
        return response


class MethodNotAllowedPage:
    """Django answers an address that only takes forms, opened as a link (after a login,
    from the history, a bookmark), with a 405 and no body: a blank browser page. Pages get
    one that says what to do; the API keeps its JSON answers."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if type(response) is HttpResponseNotAllowed and not request.path.startswith("/api/"):
            page = render(request, "405.html", status=405)
            page["Allow"] = response["Allow"]
            return page
        return response


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Vietnamese unless the person chose otherwise (the language switch's cookie).

    Django would follow the browser's Accept-Language, and many Vietnamese phones and
    Chromium itself say English: citizens landed on English pages they never asked
    for. The browser's wish is left out; the choice is the person's."""

    def process_request(self, request: HttpRequest) -> None:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        super().process_request(request)


# A number past what the database stores (an id, a version, a filter typed into the
# address): SQLite's driver raises OverflowError where PostgreSQL would find nothing.
TOO_LARGE = gettext_lazy(
    "Một số trong yêu cầu quá lớn. Hãy kiểm tra lại địa chỉ hoặc dữ liệu gửi lên."
)


def from_the_database(exception: BaseException) -> bool:
    """Was this raised while a query was sent (a value the driver cannot bind), rather
    than by the application's own arithmetic, which is a bug to report, not the
    person's mistake?"""
    frame = exception.__traceback__
    while frame is not None:
        if frame.tb_frame.f_globals.get("__name__", "").startswith("django.db."):
            return True
        frame = frame.tb_next
    return False


class NumbersTooLarge:
    """A page asked with a number too large to look up is the person's mistake: a 400
    that says so, not the 500 page. (The API answers it in JSON, ``motcua.api``.) An
    ``OverflowError`` from anywhere but the database stays a server error."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, OverflowError) and from_the_database(exception):
            return render(request, "400.html", {"reason": str(TOO_LARGE), "back": ""}, status=400)
        return None
