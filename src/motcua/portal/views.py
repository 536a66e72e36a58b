"""Public catalog pages. Thin: every read goes through catalog.selectors."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_GET

from motcua.catalog import selectors
from motcua.catalog.models import Procedure, Sector
from motcua.catalog.validation import CHANNEL_KEYS
from motcua.organizations.models import Agency
from motcua.workdays.durations import Duration, DurationError
from motcua.workdays.wording import duration_text

LIFE_EVENTS = [
    {"label": gettext_noop("Sinh con"), "query": "khai sinh"},
    {"label": gettext_noop("Người thân mất"), "query": "khai tử"},
    {"label": gettext_noop("Kết hôn"), "query": "kết hôn"},
    {"label": gettext_noop("Chuyển nơi ở"), "query": "thường trú"},
    {"label": gettext_noop("Mở hộ kinh doanh"), "query": "hộ kinh doanh"},
    {"label": gettext_noop("Đất đai, xây dựng"), "query": "giấy chứng nhận đất"},
    {"label": gettext_noop("Chứng thực giấy tờ"), "query": "chứng thực"},
]
POPULAR_CODES = ["1.001193", "1.004222", "1.000656", "1.000894", "2.000815", "1.001612"]
CHANNEL_LABELS = {
    "online": gettext_noop("Nộp trực tuyến"),
    "postal": gettext_noop("Qua bưu chính"),
    "in_person": gettext_noop("Nộp trực tiếp"),
}
MAX_QUERY = 200


def _query(request: HttpRequest) -> str:
    return request.GET.get("q", "").strip()[:MAX_QUERY]


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    by_code = {p.code: p for p in selectors.public_procedures().filter(code__in=POPULAR_CODES)}
    popular = [by_code[c] for c in POPULAR_CODES if c in by_code]
    return render(
        request,
        "portal/home.html",
        {
            "life_events": LIFE_EVENTS,
            "popular": popular,
            "sectors": selectors.sectors_with_counts(),
        },
    )


@require_GET
def procedures(request: HttpRequest) -> HttpResponse:
    q = _query(request)
    found = selectors.search_procedures(selectors.ProcedureFilters(q=q))
    return render(
        request, "portal/procedures.html", {"procedures": found, "q": q, "show_search": True}
    )


@require_GET
def suggest(request: HttpRequest) -> HttpResponse:
    q = _query(request)
    results = selectors.search_procedures(selectors.ProcedureFilters(q=q))[:8] if q else []
    return render(request, "portal/_suggestions.html", {"results": results, "q": q})


@require_GET
def sectors(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/sectors.html", {"sectors": selectors.sectors_with_counts()})


@require_GET
def sector(request: HttpRequest, code: str) -> HttpResponse:
    item = get_object_or_404(Sector, code=code)
    found = selectors.search_procedures(selectors.ProcedureFilters(sector=item.code))
    return render(request, "portal/procedures.html", {"procedures": found, "heading": item.name})


@require_GET
def agencies(request: HttpRequest) -> HttpResponse:
    return render(
        request, "portal/agencies.html", {"agencies": selectors.agencies_with_procedures()}
    )


@require_GET
def agency(request: HttpRequest, code: str) -> HttpResponse:
    item = get_object_or_404(Agency, code=code)
    found = selectors.search_procedures(selectors.ProcedureFilters(agency=item.code))
    return render(request, "portal/procedures.html", {"procedures": found, "heading": item.name})


def _channel_durations(raw: dict[str, str]) -> list[tuple[str, str]]:
    rows = []
    for key in sorted(raw, key=lambda k: list(CHANNEL_KEYS).index(k) if k in CHANNEL_KEYS else 9):
        try:
            label = _(CHANNEL_LABELS[key]) if key in CHANNEL_LABELS else key
            rows.append((label, duration_text(Duration.parse(raw[key]))))
        except DurationError:
            continue
    return rows


def _submit_url(procedure: Procedure) -> str | None:
    try:
        return reverse("portal:dossier_start", args=[procedure.code])
    except NoReverseMatch:
        return None


@require_GET
def procedure(request: HttpRequest, code: str) -> HttpResponse:
    item = selectors.procedure_detail(code[:10])
    if item is None:
        raise Http404(_("Không có thủ tục này."))
    version = selectors.current_version(item)
    submit_url = _submit_url(item)
    can_submit = (
        version is not None
        and submit_url is not None
        and not item.is_abolished_on(selectors.today())
        and item.service_level != Procedure.ServiceLevel.IN_PERSON
    )
    page_url = settings.PUBLIC_URL + reverse("portal:procedure", args=[item.code])
    return render(
        request,
        "portal/procedure.html",
        {
            "procedure": item,
            "version": version,
            "duration_text": duration_text(version.duration) if version else "",
            "channel_durations": _channel_durations(version.channel_durations or {})
            if version
            else [],
            "page_url": page_url,
            "can_submit": can_submit,
            "submit_url": submit_url,
        },
    )


@require_GET
def changes(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/changes.html", {"changes": selectors.catalog_changes()})


@require_GET
def large_text(request: HttpRequest) -> HttpResponse:
    """Toggle large text with a cookie, so it works without JavaScript."""
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    response = HttpResponseRedirect(target)
    on = request.COOKIES.get("motcua_large_text") != "1"
    response.set_cookie(
        "motcua_large_text",
        "1" if on else "0",
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
    )
    return response
