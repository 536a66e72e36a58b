"""Drafting a dossier's result: the specialist picks the agency's template, the text is
drafted from the dossier data, corrected by hand and previewed as the PDF it will be.

Thin: the documents services draft, correct and render; they check role and state.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import F, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_POST

from motcua.accounts.models import User
from motcua.backoffice.access import official, staff_required, visible_dossier
from motcua.backoffice.actions import allowed_actions
from motcua.documents.errors import DocumentError
from motcua.documents.models import Result, ResultTemplate
from motcua.documents.services import result_draft, result_preview, result_update
from motcua.documents.services.results import DRAFTABLE, DRAFTING_ROLES, at_their_step
from motcua.dossiers.models import Dossier
from motcua.dossiers.permissions import roles_at


def templates_for(dossier: Dossier) -> QuerySet[ResultTemplate]:
    """The deciding agency's active templates for this procedure, then its generic ones."""
    procedure_id = dossier.procedure_version.procedure_id
    return (
        ResultTemplate.objects.filter(agency=dossier.deciding_agency, is_active=True)
        .filter(Q(procedure_id=procedure_id) | Q(procedure__isnull=True))
        .select_related("procedure")
        .order_by(F("procedure").asc(nulls_last=True), "name", "id")
    )


def may_draft(user: User, dossier: Dossier) -> bool:
    """Offer the drafting form only where the service would accept it."""
    held = roles_at(user, dossier.deciding_agency_id) & DRAFTING_ROLES
    return bool(held) and dossier.status in DRAFTABLE and at_their_step(user, dossier)


def dossier_result(dossier: Dossier, result_id: int) -> Result:
    result = Result.objects.filter(dossier=dossier, pk=result_id).first()
    if result is None:
        raise Http404(_("Không tìm thấy kết quả."))
    return result


def _page(
    request: HttpRequest,
    dossier: Dossier,
    *,
    error: str = "",
    error_field: str = "",
    error_result: int | None = None,
    typed: dict[int, dict[str, str]] | None = None,
    status: int = 200,
) -> HttpResponse:
    user = official(request)
    results = list(dossier.results.select_related("template", "document").order_by("id"))
    for result in results:
        # What the person typed stays in the form after a refusal.
        kept = (typed or {}).get(result.pk)
        if kept:
            result.title, result.body = kept["title"], kept["body"]
    context: dict[str, Any] = {
        "dossier": dossier,
        "templates": list(templates_for(dossier)),
        "results": results,
        "can_draft": may_draft(user, dossier),
        "can_sign": any(a.name == "approve" for a in allowed_actions(user, dossier)),
        "error": error,
        "error_field": error_field,
        "error_result": error_result,
    }
    return render(request, "backoffice/results/draft.html", context, status=status)


@staff_required
@require_GET
def drafting(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, visible_dossier(request, pk))


@staff_required
@require_POST
def draft(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = visible_dossier(request, pk)
    raw = request.POST.get("template", "")
    template = templates_for(dossier).filter(pk=int(raw)).first() if raw.isdigit() else None
    if template is None:
        return _page(
            request,
            dossier,
            error=_("Hãy chọn một mẫu kết quả của cơ quan."),
            error_field="template",
            status=422,
        )
    try:
        result = result_draft(dossier=dossier, actor=official(request), template=template)
    except DocumentError as exc:
        return _page(
            request, dossier, error=exc.message, error_field="template", status=exc.status_code
        )
    messages.success(
        request, _("Đã soạn dự thảo «%(name)s» từ dữ liệu hồ sơ.") % {"name": result.name}
    )
    return redirect(reverse("backoffice:results", args=[dossier.pk]) + f"#ket-qua-{result.pk}")


@staff_required
@require_POST
def correct(request: HttpRequest, pk: int, result_id: int) -> HttpResponse:
    dossier = visible_dossier(request, pk)
    result = dossier_result(dossier, result_id)
    title = request.POST.get("title", "")
    body = request.POST.get("body", "")
    try:
        result_update(result=result, actor=official(request), body=body, title=title)
    except DocumentError as exc:
        return _page(
            request,
            dossier,
            error=exc.message,
            error_result=result.pk,
            typed={result.pk: {"title": title, "body": body}},
            status=exc.status_code,
        )
    messages.success(request, _("Đã lưu nội dung đã sửa của «%(name)s».") % {"name": result.name})
    return redirect(reverse("backoffice:results", args=[dossier.pk]) + f"#ket-qua-{result.pk}")


@staff_required
@require_GET
@xframe_options_sameorigin
def preview(request: HttpRequest, pk: int, result_id: int) -> HttpResponse:
    """The draft as it will print, inline (for the page's frame) or as a download."""
    dossier = visible_dossier(request, pk)
    result = dossier_result(dossier, result_id)
    if result.state != Result.State.DRAFT and result.document_id:
        return redirect("documents:download", public_id=result.document.public_id)  # type: ignore[union-attr]
    try:
        pdf = result_preview(result)
    except DocumentError as exc:
        raise Http404(exc.message) from exc
    response = HttpResponse(pdf, content_type="application/pdf")
    how = "attachment" if request.GET.get("tai") == "1" else "inline"
    response["Content-Disposition"] = f'{how}; filename="du-thao-ket-qua-{result.pk}.pdf"'
    response["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'self'"
    response["Cache-Control"] = "private, no-store"
    return response
