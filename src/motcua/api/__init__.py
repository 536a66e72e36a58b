"""The REST API under /api/v1/: one router module per domain, each thin over services."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext, gettext_lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.renderers import BaseRenderer
from ninja.responses import NinjaJSONEncoder

from motcua.core.errors import DomainError
from motcua.core.json_answer import json_bytes
from motcua.core.middleware import TOO_LARGE, from_the_database

_NINJA_DEFAULT = NinjaJSONEncoder().default


class _Renderer(BaseRenderer):
    """What ninja renders itself (schemas, its own errors) goes through the same
    encoder as the routers' ``JsonAnswer``; ninja's encoder takes what orjson does not
    know (pydantic models, among others)."""

    media_type = "application/json"

    def render(self, request: HttpRequest, data: object, *, response_status: int) -> bytes:
        return json_bytes(data, default=_NINJA_DEFAULT)


api = NinjaAPI(
    renderer=_Renderer(),
    title="motcua API",
    version="1",
    description=(
        "API của hệ thống một cửa điện tử motcua: danh mục thủ tục, cơ quan, lịch làm việc, "
        "hồ sơ. Lỗi trả về JSON có trường `message`."
    ),
    urls_namespace="api",
)


# pydantic's words for what is wrong with a value, by its error type, in Vietnamese: an
# integrator reads one language, not the validation library's English inside ours.
_PYDANTIC = {
    "missing": gettext_lazy("thiếu trường bắt buộc"),
    "int_parsing": gettext_lazy("phải là số nguyên"),
    "int_type": gettext_lazy("phải là số nguyên"),
    "float_parsing": gettext_lazy("phải là số"),
    "float_type": gettext_lazy("phải là số"),
    "bool_parsing": gettext_lazy("phải là true hoặc false"),
    "bool_type": gettext_lazy("phải là true hoặc false"),
    "string_type": gettext_lazy("phải là chuỗi ký tự"),
    "string_too_long": gettext_lazy("quá dài"),
    "string_too_short": gettext_lazy("quá ngắn"),
    "list_type": gettext_lazy("phải là danh sách"),
    "dict_type": gettext_lazy("phải là đối tượng JSON"),
    "model_type": gettext_lazy("phải là đối tượng JSON"),
    "model_attributes_type": gettext_lazy("phải là đối tượng JSON"),
    "date_from_datetime_parsing": gettext_lazy("phải là ngày dạng YYYY-MM-DD"),
    "date_parsing": gettext_lazy("phải là ngày dạng YYYY-MM-DD"),
    "greater_than_equal": gettext_lazy("nhỏ hơn giá trị cho phép"),
    "less_than_equal": gettext_lazy("lớn hơn giá trị cho phép"),
}
_CHOICES = gettext_lazy("phải là một trong các giá trị: %(expected)s")


def _problem(error: dict[str, Any]) -> str:
    kind = str(error.get("type", ""))
    if kind in ("literal_error", "enum"):
        expected = (error.get("ctx") or {}).get("expected", "")
        return str(_CHOICES) % {"expected": expected}
    known = _PYDANTIC.get(kind)
    return str(known) if known is not None else str(error.get("msg", ""))


@api.exception_handler(NinjaValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    problems = []
    for error in exc.errors:
        where = ".".join(
            str(p) for p in error.get("loc", ()) if p not in ("query", "body", "payload")
        )
        problems.append({"field": where, "message": _problem(error)})
    first = problems[0] if problems else {"field": "", "message": ""}
    return api.create_response(
        request,
        {
            "message": gettext("Dữ liệu không hợp lệ ở «%(field)s»: %(problem)s.")
            % {"field": first["field"], "problem": first["message"]},
            "errors": problems,
        },
        status=422,
    )


@api.exception_handler(DomainError)
def _refused(request: HttpRequest, exc: DomainError) -> HttpResponse:
    body = {"message": exc.message, "field": exc.field} if exc.field else {"message": exc.message}
    response = api.create_response(request, body, status=exc.status_code)
    retry_after = getattr(exc, "retry_after", None)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    message = str(exc) or gettext("Không tìm thấy.")
    return api.create_response(request, {"message": message}, status=404)


# ninja's own refusals, in English; the rest of an HttpError's text is motcua's.
_NINJA = {
    "Cannot parse request body": gettext_lazy(
        "Nội dung gửi lên không đọc được: cần JSON hợp lệ (Content-Type: application/json)."
    ),
    "CSRF check Failed": gettext_lazy(
        "Thiếu hoặc sai mã CSRF: gọi API bằng phiên đăng nhập cần gửi kèm mã CSRF; hệ thống "
        "tích hợp hãy dùng mã truy cập (Authorization: Bearer)."
    ),
}


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    text = str(exc)
    message = _NINJA.get(text.split(" (", 1)[0], text)
    return api.create_response(request, {"message": str(message)}, status=exc.status_code)


@api.exception_handler(OverflowError)
def _number_too_large(request: HttpRequest, exc: OverflowError) -> HttpResponse:
    if not from_the_database(exc):
        raise exc  # the application's own arithmetic: a server error, logged as one
    return api.create_response(request, {"message": str(TOO_LARGE)}, status=400)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request, {"message": gettext("Cần đăng nhập hoặc mã truy cập hợp lệ.")}, status=401
    )


def _register() -> None:
    from motcua.api import catalog, documents, dossiers, feedback, organizations, workdays

    api.add_router("/", catalog.router)
    api.add_router("/", organizations.router)
    api.add_router("/workdays", workdays.router)
    api.add_router("/", dossiers.router)
    api.add_router("/", documents.router)
    api.add_router("/", feedback.router)


_register()
