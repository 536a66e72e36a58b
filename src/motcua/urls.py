from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest
from django.urls import include, path, re_path

from motcua.api import api
from motcua.core.json_answer import JsonAnswer
from motcua.core.views import favicon, healthz


def api_not_found(request: HttpRequest, rest: str) -> JsonAnswer:
    return JsonAnswer({"message": f"Không có địa chỉ API /api/{rest}."}, status=404)


admin.site.site_header = "Quản trị hệ thống một cửa điện tử"
admin.site.site_title = "motcua"
admin.site.index_title = "Quản trị"

handler400 = "motcua.core.views.bad_request"

urlpatterns = [
    path("favicon.ico", favicon),
    path("healthz", healthz),
    path("api/v1/", api.urls),
    re_path(r"^api/(?P<rest>.*)$", api_not_found),
    path("quan-tri/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("can-bo/", include("motcua.backoffice.urls")),
    path("", include("motcua.documents.urls")),
    path("", include("motcua.portal.urls")),
]
