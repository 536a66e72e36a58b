"""«Hồ sơ của tôi»: the citizen's dossiers, each with its status, timeline, appointment,
slips and results, supplement requests to answer and the message thread; abandoned
drafts deleted; and the public look-up by code and secret."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from motcua.core import ratelimit
from motcua.core.moments import LocalTime
from motcua.core.urls import pk_urls
from motcua.documents.errors import DocumentError
from motcua.documents.models import DocumentKind, GeneratedDocument
from motcua.documents.selectors import dossier_documents
from motcua.documents.services.slips import slip_generate
from motcua.dossiers import services
from motcua.dossiers.cursor import from_link
from motcua.dossiers.errors import DossierError, NotFound, RateLimited, StaleDossier
from motcua.dossiers.lookup import dossier_lookup
from motcua.dossiers.models import Dossier, Provision, Status
from motcua.dossiers.selectors import (
    citizen_dossier_page,
    dossier_messages,
    dossier_timeline,
    dossiers_visible_to,
)
from motcua.dossiers.services import DocumentInput
from motcua.portal.checklist_form import checklist_rows, store_uploads
from motcua.portal.citizen_access import citizen, citizen_required
from motcua.portal.timeline import timeline_rows


def mine(request: HttpRequest, pk: int) -> Dossier:
    """One of the signed-in citizen's dossiers; anyone else's, or none, is not found."""
    dossier = dossiers_visible_to(citizen(request)).filter(pk=pk).first()
    if dossier is None:
        raise Http404(_("Không tìm thấy hồ sơ."))
    return dossier


@citizen_required
@require_GET
def my_dossiers(request: HttpRequest) -> HttpResponse:
    below, bad_cursor = from_link(request.GET.get("truoc", ""))
    page = citizen_dossier_page(citizen(request), below)
    rows = page.rows
    _listed(rows)
    context = {
        "dossiers": rows,
        "paged": below is not None,
        "bad_cursor": bad_cursor,
        "older": f"?truoc={page.older}" if page.older else "",
    }
    return render(request, "portal/dossiers/mine.html", context)


def _listed(rows: list[dict[str, Any]]) -> None:
    """What the list prints of each row, worked out once a page where the template would
    do it once a row: links reversed once (about 10 µs a call), each status named once,
    instants formatted without the ``date`` filter. Half the page's CPU was its rows."""
    continue_draft = pk_urls("portal:dossier_step", 1)
    delete_draft = pk_urls("portal:my_draft_delete")
    open_dossier = pk_urls("portal:my_dossier")
    minute = LocalTime().minute
    labels: dict[int, str] = {}
    for row in rows:
        status = row["status"]
        if status not in labels:
            labels[status] = _(Status(status).label)  # stored Vietnamese, shown translated
        row["status_label"] = labels[status]
        row["procedure_name"] = row.pop("procedure_version__procedure__name")
        row["href"] = (continue_draft if status == Status.DRAFT else open_dossier)(row["pk"])
        row["delete_href"] = delete_draft(row["pk"]) if status == Status.DRAFT else ""
        row["created"] = minute(row["created_at"])
        row["submitted"] = minute(row["submitted_at"])
        row["due"] = minute(row["due_at"])


def _supplement_reason(dossier: Dossier) -> str:
    event = dossier.events.filter(action="request_supplement").order_by("-at", "-id").first()
    return event.reason if event else ""


# A supplement's note typed before «Gỡ tệp», shown again in the form.
NOTE_KEY = "supplement-note:{}"


def _page(
    request: HttpRequest, dossier: Dossier, errors: dict[str, str], status: int = 200
) -> HttpResponse:
    user = citizen(request)
    context = {
        "dossier": dossier,
        "timeline": timeline_rows(dossier_timeline(dossier, viewer=user)),
        "messages_thread": dossier_messages(dossier),
        "documents": dossier_documents(dossier, user),
        "rows": checklist_rows(dossier, errors),
        "errors": errors,
        # Kept after «Gỡ tệp», or sent with a supplement that was refused.
        "supplement_note": request.session.pop(NOTE_KEY.format(dossier.pk), "")
        or request.POST.get("note", "")[:2000],
        "supplement_reason": _supplement_reason(dossier)
        if dossier.status == Status.SUPPLEMENT_REQUESTED
        else "",
        "is_draft": dossier.status == Status.DRAFT,
        "can_withdraw": services.withdrawable(dossier),
        "steps_done": dossier.status in (Status.RESOLVED, Status.RETURNED),
    }
    return render(request, "portal/dossiers/detail.html", context, status=status)


@citizen_required
@require_GET
def my_dossier(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, mine(request, pk), {})


@citizen_required
@require_POST
def my_supplement(request: HttpRequest, pk: int) -> HttpResponse:
    """Answer a supplement request: upload what was missing, then resubmit."""
    dossier = mine(request, pk)
    _stored, errors = store_uploads(request, dossier, citizen(request))
    if "resubmit" in request.POST and not errors:
        documents = [
            DocumentInput(row.code, Provision.UPLOAD)
            for row in checklist_rows(dossier, {})
            if row.attachments
        ]
        try:
            answered = services.dossier_supplement(
                dossier=dossier,
                actor=citizen(request),
                expected_version=int(request.POST.get("expected_version") or 0),
                documents=documents,
                note=request.POST.get("note", "")[:2000],
            )
        except (DossierError, ValueError) as exc:
            errors["supplement"] = getattr(exc, "message", _("Dữ liệu gửi lên không hợp lệ."))
        else:
            messages.success(
                request,
                _("Đã gửi hồ sơ bổ sung. Thời hạn giải quyết được tính tiếp.")
                if answered.clock_started_at is not None
                else _("Đã gửi hồ sơ bổ sung. Bộ phận Một cửa sẽ kiểm tra và tiếp nhận hồ sơ."),
            )
            return redirect("portal:my_dossier", pk=dossier.pk)
    if errors:
        return _page(request, Dossier.objects.get(pk=dossier.pk), errors, status=400)
    messages.success(request, _("Đã tải tệp lên. Khi đủ giấy tờ, bấm «Gửi bổ sung»."))
    return redirect("portal:my_dossier", pk=dossier.pk)


@citizen_required
@require_POST
def my_supplement_remove(request: HttpRequest, pk: int, attachment: int) -> HttpResponse:
    """«Gỡ tệp» while supplementing: a file uploaded for the supplement goes; one the
    agency already had is withdrawn (kept in the record, no longer counted)."""
    dossier = mine(request, pk)
    # The button sits in the supplement's form: files chosen and a note typed beside it
    # come with it, and are not dropped on the way.
    _stored, upload_errors = store_uploads(request, dossier, citizen(request))
    for problem in upload_errors.values():
        messages.error(request, problem)
    note = request.POST.get("note", "")[:2000]
    if note.strip():
        request.session[NOTE_KEY.format(dossier.pk)] = note
    try:
        done = services.attachment_remove(
            dossier=dossier, attachment_id=attachment, actor=citizen(request)
        )
    except DossierError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Đã rút tệp; tệp vẫn được lưu trong hồ sơ để đối chiếu. Hãy tải tệp thay thế lên.")
            if done == "withdrawn"
            else _("Đã gỡ tệp. Bạn có thể tải tệp khác lên."),
        )
    return redirect(reverse("portal:my_dossier", args=[dossier.pk]) + "#bo-sung")


@citizen_required
@require_POST
def my_message(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = mine(request, pk)
    try:
        services.dossier_message_post(
            dossier=dossier, actor=citizen(request), body=request.POST.get("body", "")
        )
    except DossierError as exc:
        return _page(request, dossier, {"body": exc.message}, status=400)
    messages.success(request, _("Đã gửi trao đổi."))
    return redirect("portal:my_dossier", pk=dossier.pk)


NOT_A_DRAFT = gettext_noop(
    "Hồ sơ đã nộp nên không xóa được. Nếu không muốn cơ quan giải quyết nữa, bạn có thể "
    "đề nghị rút hồ sơ."
)


@citizen_required
@require_http_methods(["GET", "POST"])
def my_draft_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """«Xóa bản nháp»: a page saying what goes and what stays, then the deletion, posted.
    Someone else's draft or an unknown one is not found; a submitted dossier is kept,
    and the page it opens says why."""
    dossier = mine(request, pk)
    problem = ""
    if request.method == "POST" and dossier.status == Status.DRAFT:
        name = dossier.procedure_version.procedure.name
        try:
            services.dossier_draft_delete(
                actor=citizen(request), draft=dossier, expected_version=seen_version(request)
            )
        except NotFound:  # deleted in another window a moment before
            messages.info(request, _("Bản nháp này đã được xóa."))
            return redirect("portal:my_dossiers")
        except StaleDossier as exc:  # submitted or saved meanwhile: look again
            dossier, problem = mine(request, pk), exc.message
        except DossierError as exc:
            problem = exc.message
        else:
            messages.success(request, _("Đã xóa bản nháp hồ sơ «%(name)s».") % {"name": name})
            return redirect("portal:my_dossiers")
    if dossier.status != Status.DRAFT:
        messages.error(request, _(NOT_A_DRAFT))
        return redirect("portal:my_dossier", pk=dossier.pk)
    context = {"dossier": dossier, "files": dossier.attachments.count(), "problem": problem}
    status = 409 if problem else 200
    return render(request, "portal/dossiers/delete_draft.html", context, status=status)


def seen_version(request: HttpRequest) -> int:
    """The version the confirmation page showed; unreadable, one no dossier has."""
    try:
        return int(request.POST.get("expected_version", ""))
    except ValueError:
        return 0


@citizen_required
@require_GET
def my_attachment(request: HttpRequest, pk: int, attachment: int) -> FileResponse:
    dossier = mine(request, pk)
    item = dossier.attachments.filter(pk=attachment).first()
    if item is None:
        raise Http404(_("Không tìm thấy tệp."))
    return FileResponse(
        item.file.open("rb"), content_type=item.content_type, filename=item.original_name
    )


@citizen_required
@require_GET
def my_document(request: HttpRequest, pk: int, public_id: str) -> FileResponse:
    dossier = mine(request, pk)
    doc = GeneratedDocument.objects.filter(dossier=dossier, public_id=public_id).first()
    if doc is None:
        raise Http404(_("Không tìm thấy tài liệu."))
    return FileResponse(
        doc.file.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=doc.download_name,
    )


@citizen_required
@require_GET
def my_receipt(request: HttpRequest, pk: int) -> FileResponse:
    """The receipt and appointment slip (PDF), made by the documents service on first ask."""
    dossier = mine(request, pk)
    if dossier.received_at is None:
        raise Http404(_("Hồ sơ chưa được tiếp nhận, chưa có giấy tiếp nhận."))
    doc = GeneratedDocument.objects.filter(dossier=dossier, kind=DocumentKind.RECEIPT).first()
    if doc is None:
        event = dossier.events.filter(action__in=["receive", "intake"]).order_by("-at").first()
        try:
            doc = slip_generate(
                dossier_id=dossier.pk,
                kind=DocumentKind.RECEIPT,
                event_id=event.pk if event else None,
            )
        except DocumentError as exc:
            raise Http404(exc.message) from exc
    return FileResponse(
        doc.file.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=doc.download_name,
    )


@require_http_methods(["GET", "POST"])
def lookup(request: HttpRequest) -> HttpResponse:
    """Public: code and secret (or phone) → status, step and dates, nothing personal.

    The form is posted so the secret never lands in an address bar, a browser history or
    a server log; a GET only fills in the code (the QR on a slip links to ``?ma=CODE``).
    """
    data = request.POST if request.method == "POST" else request.GET
    code = data.get("ma", "").strip()[:60]
    secret = data.get("bi_mat", "").strip()[:30] if request.method == "POST" else ""
    context: dict[str, object] = {"code": code, "secret": ""}
    status = 200
    if request.method == "POST" and code and secret:
        try:
            found = dossier_lookup(code=code, secret=secret, client=ratelimit.client_ip(request))
        except RateLimited as exc:
            context["blocked"] = exc.message
            context["retry"] = exc.retry_after
            status = 429
        else:
            context["result"] = found
            if found is None:
                context["not_found"] = True
                status = 404
    elif request.method == "POST":
        context["missing_secret"] = not secret
        context["missing_code"] = not code
        status = 400
    response = render(request, "portal/dossiers/lookup.html", context, status=status)
    if status == 429:
        response["Retry-After"] = str(context.get("retry", 60))
    return response
