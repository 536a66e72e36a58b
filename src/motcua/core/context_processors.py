from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from motcua.core.urls import menu_links


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "SITE_NAME": "Cổng dịch vụ công một cửa",
        "PUBLIC_URL": settings.PUBLIC_URL,
        "OIDC_LABEL": settings.OIDC_LABEL if settings.OIDC_ISSUER else "",
        "large_text": request.COOKIES.get("motcua_large_text") == "1",
        "menu": menu_links(),
    }
