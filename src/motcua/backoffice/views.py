"""The officials' work queue and dossier page. Thin: reads through the dossiers selectors,
changes through the dossiers services."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_POST

from motcua.accounts.models import User
from motcua.backoffice.access import official, staff_required, visible_dossier
from motcua.backoffice.actions import allowed_actions, dossier_holder
from motcua.catalog import selectors as catalog
from motcua.catalog.models import Procedure
from motcua.documents.errors import DocumentError
from motcua.documents.models import DocumentKind, GeneratedDocument
from motcua.documents.selectors import dossier_documents
from motcua.documents.services.slips import slip_generate
from motcua.dossiers import services
from motcua.dossiers.cursor import Cursor, from_link
from motcua.dossiers.errors import DossierError, InvalidInput, StaleDossier
from motcua.dossiers.models import Dossier, Status
from motcua.dossiers.selectors import (
    DossierFilter,
    count_capped,
    dossier_messages,
    dossier_timeline,
    dossiers_filter,
    dossiers_in_order,
    dossiers_visible_to,
    official_newest_ids,
    official_scope,
    page_of,
    process_control_rows,
    step_officials,
    urgency_conditions,
    work_queue,
)
from motcua.dossiers.services.attachments import attached_since_request
from motcua.organizations.selectors import staff_roles
from motcua.portal import forms_schema as fs
from motcua.portal.checklist_form import checklist_rows
from motcua.portal.timeline import timeline_rows

STATUS_FILTERS = [(s.value, s.label) for s in Status if s != Status.DRAFT]


def _day_end(now: datetime) -> datetime:
    local = timezone.localtime(now)
    return local.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)


def _filters(request: HttpRequest) -> DossierFilter:
    f = DossierFilter(
        code=request.GET.get("ma", "")[:60], procedure=request.GET.get("thu_tuc", "")[:10]
    )
    status = request.GET.get("trang_thai", "")
    if status.isdigit():
        f.status = [int(status)]
    late = request.GET.get("tre_han")
    if late in ("1", "0"):
        f.late = late == "1"
    return f


def _urgency(dossier: Dossier, now: datetime, day_end: datetime) -> str:
    due = dossier.current_step_due_at or dossier.due_at
    if due is None or dossier.is_paused:
        return ""
    if due < now:
        return "overdue"
    if due < day_end:
        return "today"
    return ""


QUEUE_ROWS = 300


def _after(request: HttpRequest) -> tuple[Cursor | None, bool]:
    """The cursor of the "all dossiers" page asked for (``sau``), and whether the one
    given was not a cursor (a link edited by hand: the first page is shown)."""
    return from_link(request.GET.get("sau", ""))


def _paging(
    request: HttpRequest,
    page: list[Dossier],
    more: bool,
    after: Cursor | None,
    bad_cursor: bool,
) -> dict[str, object]:
    """Links to the next page (below the last row shown) and back to the first."""
    paging: dict[str, object] = {"paged": after is not None, "bad_cursor": bad_cursor}
    last = page[-1] if more and page else None
    if last is not None and last.submitted_at is not None:
        query = request.GET.copy()
        query["sau"] = str(Cursor(last.submitted_at, last.pk))
        paging["next_page"] = "?" + query.urlencode()
    if after is not None or bad_cursor:
        query = request.GET.copy()
        query.pop("sau", None)
        paging["first_page"] = "?" + query.urlencode()
    return paging


@staff_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    user = official(request)
    scope = "tat-ca" if request.GET.get("pham_vi") == "tat-ca" else "viec-cua-toi"
    filters = _filters(request)
    paging: dict[str, object] = {}
    if scope == "viec-cua-toi":
        found = dossiers_filter(work_queue(user), filters)
        page = page_of(found, 0, QUEUE_ROWS)
    else:
        seen = official_scope(user)  # read once for the page and its counts
        found = dossiers_filter(dossiers_visible_to(user, seen), filters)
        after, bad_cursor = _after(request)
        # One row more than shown tells whether there is a next page at all.
        ids = official_newest_ids(user, filters, 0, QUEUE_ROWS + 1, after, seen)
        page = dossiers_in_order(ids[:QUEUE_ROWS])
        paging = _paging(request, page, len(ids) > QUEUE_ROWS, after, bad_cursor)
    now = timezone.now()
    day_end = _day_end(now)
    rows = [(d, _urgency(d, now, day_end)) for d in page]
    overdue, today = urgency_conditions(now, day_end)
    # Counted by the database over the whole filtered list (not only the rows shown),
    # each stopping at COUNT_CAP: "1000+" is as useful as an exact figure and costs less.
    counted = {
        name: count_capped(queryset)
        for name, queryset in (
            ("total", found),
            ("overdue", found.filter(overdue)),
            ("today", found.filter(today)),
        )
    }
    counts = {name: n for name, (n, _) in counted.items()}
    more = {name: capped for name, (_, capped) in counted.items()}
    context = {
        "rows": rows,
        "counts": counts,
        "more": more,
        "shown": len(rows),
        "scope": scope,
        "statuses": STATUS_FILTERS,
        "query": request.GET,
        "now": now,
        **paging,
    }
    if getattr(request, "htmx", False):
        return render(request, "backoffice/_queue_rows.html", context)
    context["procedures"] = _procedures_of(user)
    return render(request, "backoffice/queue.html", context)


def _procedures_of(user: User) -> list[Procedure]:
    """The procedures of the official's agencies, for the queue's filter."""
    return catalog.procedures_offered_at({held.agency_id for held in staff_roles(user)})


def _declaration(dossier: Dossier) -> list[fs.Section]:
    schema = dossier.procedure_version.declaration_schema or {}
    sections = fs.sections_of(schema)
    fs.fill(sections, schema, dossier.declaration or {})
    return sections


def _next_officials(dossier: Dossier) -> list[User]:
    """Whom «Chuyển bước tiếp theo» may hand the dossier to: the next step's officials."""
    order = dossier.current_step.order if dossier.current_step else 0
    step = dossier.procedure_version.steps.filter(order__gt=order).order_by("order").first()
    return step_officials(dossier.deciding_agency_id, step) if step else []


def _dossier_page(
    request: HttpRequest,
    dossier: Dossier,
    *,
    error: tuple[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    user = official(request)
    actions = allowed_actions(user, dossier)
    context: dict[str, Any] = {
        "dossier": dossier,
        "sections": _declaration(dossier),
        "rows": checklist_rows(dossier, {}),
        # Files that came with the citizen's answer to the latest supplement request.
        "supplemented": attached_since_request(dossier.pk),
        "timeline": timeline_rows(dossier_timeline(dossier, viewer=user), staff=True),
        "control_rows": process_control_rows(dossier),
        "messages_thread": dossier_messages(dossier),
        "actions": actions,
        # With nothing to do here, the official is told who holds the dossier instead.
        "holder": None if actions else dossier_holder(dossier),
        # The step just before comes first: it is where a dossier is nearly always sent.
        "earlier_steps": dossier.procedure_version.steps.filter(
            order__lt=dossier.current_step.order if dossier.current_step else 0
        ).order_by("-order"),
        "documents": dossier_documents(dossier, user),
        "next_officials": _next_officials(dossier)
        if any(a.name == "forward" for a in actions)
        else [],
        "error_action": error[0] if error else "",
        "error": error[1] if error else "",
    }
    return render(request, "backoffice/dossier.html", context, status=status)


@staff_required
@require_GET
def dossier_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _dossier_page(request, visible_dossier(request, pk))


def _chosen_assignee(dossier: Dossier, data: Any) -> User | None:
    """The official picked for the next step, among those who hold it; none picked: the
    step's officials take it themselves."""
    raw = str(data.get("assignee", ""))
    if not raw:
        return None
    chosen = next((u for u in _next_officials(dossier) if str(u.pk) == raw), None)
    if chosen is None:
        raise InvalidInput(
            _("Cán bộ được chọn không xử lý bước tiếp theo; hãy chọn lại."), field="assignee"
        )
    return chosen


def _run(name: str, dossier: Dossier, user: User, data: Any) -> Dossier:
    expected = int(data.get("expected_version") or 0)
    reason = str(data.get("reason", ""))[:2000]
    calls: dict[str, Callable[[], Dossier]] = {
        "receive": lambda: services.dossier_receive(
            dossier=dossier, actor=user, expected_version=expected
        ),
        "refuse": lambda: services.dossier_refuse(
            dossier=dossier, actor=user, expected_version=expected, reason=reason
        ),
        "request_supplement": lambda: services.dossier_request_supplement(
            dossier=dossier, actor=user, expected_version=expected, reason=reason
        ),
        "take": lambda: services.dossier_assign(
            dossier=dossier, actor=user, assignee=user, expected_version=expected
        ),
        "forward": lambda: services.dossier_forward(
            dossier=dossier,
            actor=user,
            expected_version=expected,
            note=reason,
            assignee=_chosen_assignee(dossier, data),
        ),
        "send_back": lambda: services.dossier_send_back(
            dossier=dossier,
            actor=user,
            expected_version=expected,
            step_order=int(data.get("step_order") or 0),
            reason=reason,
        ),
        "approve": lambda: services.dossier_approve(
            dossier=dossier, actor=user, expected_version=expected, note=reason
        ),
        "resolve": lambda: services.dossier_resolve(
            dossier=dossier, actor=user, expected_version=expected, note=reason
        ),
        "return_result": lambda: services.dossier_return_result(
            dossier=dossier, actor=user, expected_version=expected
        ),
    }
    if name not in calls:
        raise Http404(_("Không có thao tác này."))
    return calls[name]()


DONE = {
    "receive": gettext_noop("Đã tiếp nhận hồ sơ."),
    "refuse": gettext_noop("Đã từ chối tiếp nhận hồ sơ."),
    "request_supplement": gettext_noop("Đã gửi yêu cầu bổ sung cho công dân."),
    "take": gettext_noop("Bạn đã nhận xử lý hồ sơ."),
    "forward": gettext_noop("Đã chuyển hồ sơ sang bước tiếp theo."),
    "send_back": gettext_noop("Đã trả hồ sơ về bước trước."),
    "approve": gettext_noop("Đã phê duyệt."),
    "resolve": gettext_noop("Đã ghi nhận giải quyết xong."),
    "return_result": gettext_noop("Đã trả kết quả."),
}


@staff_required
@require_POST
def dossier_action(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    dossier = visible_dossier(request, pk)
    try:
        _run(name, dossier, official(request), request.POST)
    except StaleDossier as exc:
        messages.error(request, exc.message)
        return redirect("backoffice:dossier", pk=dossier.pk)
    except ValueError:
        return _dossier_page(
            request, dossier, error=(name, _("Dữ liệu gửi lên không hợp lệ.")), status=400
        )
    except DossierError as exc:
        return _dossier_page(request, dossier, error=(name, exc.message), status=exc.status_code)
    messages.success(request, _(DONE.get(name, gettext_noop("Đã thực hiện."))))
    if name == "receive":
        return redirect("backoffice:receipt", pk=dossier.pk)
    return redirect("backoffice:dossier", pk=dossier.pk)


@staff_required
@require_POST
def dossier_message(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = visible_dossier(request, pk)
    try:
        services.dossier_message_post(
            dossier=dossier, actor=official(request), body=request.POST.get("body", "")
        )
    except DossierError as exc:
        return _dossier_page(
            request, dossier, error=("message", exc.message), status=exc.status_code
        )
    messages.success(request, _("Đã gửi trao đổi cho công dân."))
    return redirect("backoffice:dossier", pk=dossier.pk)


@staff_required
@require_GET
@xframe_options_sameorigin
def attachment(request: HttpRequest, pk: int, attachment_id: int) -> FileResponse:
    """Shown inline in the dossier page (PDF and images), never guessed from a path."""
    dossier = visible_dossier(request, pk)
    item = dossier.attachments.filter(pk=attachment_id).first()
    if item is None:
        raise Http404(_("Không tìm thấy tệp."))
    response = FileResponse(
        item.file.open("rb"), content_type=item.content_type, filename=item.original_name
    )
    response["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'self'"
    return response


@staff_required
@require_GET
def receipt(request: HttpRequest, pk: int) -> HttpResponse:
    """The receipt with the appointment, ready to print (and its PDF when available)."""
    dossier = visible_dossier(request, pk)
    pdf = None
    if dossier.received_at is not None:
        pdf = GeneratedDocument.objects.filter(dossier=dossier, kind=DocumentKind.RECEIPT).first()
        if pdf is None:
            event = dossier.events.filter(action__in=["receive", "intake"]).order_by("-at").first()
            try:
                pdf = slip_generate(
                    dossier_id=dossier.pk,
                    kind=DocumentKind.RECEIPT,
                    event_id=event.pk if event else None,
                    actor=official(request),
                )
            except DocumentError:
                pdf = None
    return render(
        request,
        "backoffice/receipt.html",
        {"dossier": dossier, "pdf": pdf, "rows": checklist_rows(dossier, {})},
    )


@staff_required
@require_GET
def document(request: HttpRequest, pk: int, public_id: str) -> FileResponse:
    dossier = visible_dossier(request, pk)
    doc = GeneratedDocument.objects.filter(dossier=dossier, public_id=public_id).first()
    if doc is None:
        raise Http404(_("Không tìm thấy tài liệu."))
    return FileResponse(
        doc.file.open("rb"), content_type="application/pdf", filename=doc.download_name
    )
