"""Dossiers: ``/api/v1/dossiers`` (create, list, get, actions, timeline, messages,
attachments), ``/api/v1/drafts`` and the public ``/api/v1/lookup``.

Thin over ``motcua.dossiers.services`` and ``selectors``. Web pages authenticate with the
session (and CSRF); integrators with ``Authorization: Bearer <token>``. Refusals answer
``{"message", "field"}`` with 403 (role), 404 (not found or not yours), 409 (state or a
stale ``expected_version``), 422 (bad input) or 429 (too many look-ups, with Retry-After).
"""

from django.conf import settings
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router
from ninja.files import UploadedFile

from motcua.accounts.models import User
from motcua.catalog.models import Procedure, ProcedureVersion
from motcua.core.compiled import STR_MARKER, CompiledGet
from motcua.core.json_answer import JsonAnswer
from motcua.core.moments import local_iso
from motcua.dossiers import selectors, services
from motcua.dossiers.api_actions import documents_input, dossier_act
from motcua.dossiers.api_schemas import (
    ActionIn,
    DossierIn,
    DraftIn,
    DraftSubmitIn,
    ListQuery,
    LookupIn,
    MessageIn,
)
from motcua.dossiers.api_support import (
    AUTH,
    actor_of,
    answers_errors,
    attachment_json,
    client_address,
    dossier_json,
    dossier_ref,
    visible_dossier,
)
from motcua.dossiers.cursor import BadCursor, Cursor
from motcua.dossiers.cursor import parse as parse_cursor
from motcua.dossiers.errors import InvalidInput, InvalidTransition, NotFound
from motcua.dossiers.lookup import dossier_lookup
from motcua.dossiers.models import Dossier, Status
from motcua.dossiers.services import ApplicantInput
from motcua.dossiers.summary import Viewing, summary_json, summary_rows
from motcua.organizations.models import Agency
from motcua.organizations.selectors import AgencyUnits, units_from_json

router = Router(tags=["Hồ sơ"])


def _version(code: str, agency_code: str) -> ProcedureVersion:
    """The version in force today, as the portal and the desk use. Failing that, the
    newest published one, so that the service can say from when it applies. The same
    read tells, for the agency named, what the service's checks ask of every published
    version (``ProcedureVersion.published_at_agency``)."""
    agency_code = agency_code.strip()
    published = _PUBLISHED_VERSIONS.all(code.strip(), agency_code)
    today = timezone.localdate()
    version = next((v for v in published if v.effective_from <= today), None)
    version = version or (published[0] if published else None)
    if version is None:
        raise InvalidInput(_("Không có thủ tục mã «%(code)s».") % {"code": code}, field="procedure")
    version.published_at_agency = (
        agency_code,
        # ``offered`` is the read's annotation, set on each instance as the ORM sets it.
        tuple((v.effective_from, bool(v.__dict__["offered"])) for v in published),
    )
    return version


def _agency(code: str) -> Agency:
    agency = _AGENCY.first(code.strip())
    if agency is None:
        raise InvalidInput(_("Không có cơ quan mã «%(code)s».") % {"code": code}, field="agency")
    # Its units came with it: the new dossier's first step takes its unit from them.
    units = agency.__dict__.pop("units_json")
    agency.units_known = units_from_json(units, agency._state.db or "default")
    return agency


def published_versions_query(code: str, agency_code: str) -> QuerySet[ProcedureVersion]:
    """The procedure's published versions, newest first, each with whether the agency
    (by code) offers the procedure."""
    offered = Procedure.agencies.through.objects.filter(
        procedure_id=OuterRef("procedure_id"), agency__code=agency_code
    )
    return (
        ProcedureVersion.objects.published()
        .filter(procedure__code=code)
        .select_related("procedure")
        .annotate(offered=Exists(offered))
        .order_by("-effective_from", "-number")
    )


# Read on every submission; compiled once per connection (``motcua.core.compiled``).
_PUBLISHED_VERSIONS = CompiledGet(
    "published_versions",
    published_versions_query,
    markers=(STR_MARKER, STR_MARKER + "agency"),
)
_AGENCY = CompiledGet(
    "agency_by_code",
    lambda code: Agency.objects.filter(code=code).order_by().annotate(units_json=AgencyUnits("id")),
)


@router.post("/dossiers", auth=AUTH, summary="Nộp hồ sơ (công dân) hoặc nhập hồ sơ tại quầy")
@answers_errors
def create_dossier(request: HttpRequest, payload: DossierIn) -> JsonAnswer:
    actor = actor_of(request)
    version, agency = _version(payload.procedure, payload.agency), _agency(payload.agency)
    if actor.kind == User.Kind.CITIZEN:
        dossier = services.dossier_submit(
            actor=actor,
            version=version,
            agency=agency,
            declaration=payload.declaration,
            documents=documents_input(payload.documents),
            idempotency_key=request.headers.get("Idempotency-Key", ""),
        )
    else:
        if payload.applicant is None:
            raise InvalidInput(_("Cần thông tin người nộp hồ sơ."), field="applicant")
        dossier = services.dossier_intake(
            actor=actor,
            version=version,
            agency=agency,
            applicant=ApplicantInput(**payload.applicant.dict()),
            declaration=payload.declaration,
            documents=documents_input(payload.documents) or [],
            channel=payload.channel,
            idempotency_key=request.headers.get("Idempotency-Key", ""),
        )
    return JsonAnswer(dossier_json(dossier, detail=True), status=201)


@router.get(
    "/dossiers",
    auth=AUTH,
    summary="Danh sách hồ sơ tôi được xem",
    description=(
        "`count` đếm tối đa 1000 hồ sơ; khi có nhiều hơn, `count` là 1000 và có thêm "
        '`"count_capped": true` (nghĩa là «trên 1000»). Cán bộ: hồ sơ nộp gần nhất trước '
        "(`queue=true`: việc cần làm, gấp nhất trước); công dân: hồ sơ tạo gần nhất trước. "
        "Cán bộ, không kèm `queue`: `next` là vị trí của hồ sơ cuối trang (null khi đã hết); "
        "gửi lại nó trong `after` để lấy trang sau, nhanh như trang đầu ở bất kỳ độ sâu nào, "
        "thay cho `offset` lớn."
    ),
)
@answers_errors
def list_dossiers(request: HttpRequest, query: Query[ListQuery]) -> JsonAnswer:
    actor = actor_of(request)
    newest_first = not query.queue and actor.kind == User.Kind.STAFF
    # An official's agencies, read once for the page and its count.
    scope = selectors.official_scope(actor) if newest_first else None
    filters = selectors.DossierFilter(
        status=query.status,
        procedure=query.procedure,
        unit=query.unit,
        assignee=query.assignee,
        due_before=query.due_before,
        late=query.late,
        channel=query.channel,
        received_from=query.received_from,
        received_to=query.received_to,
        code=query.code,
    )
    if query.after and not newest_first:
        raise InvalidInput(
            _("Tham số after chỉ dùng cho danh sách hồ sơ của cán bộ (không kèm queue=true)."),
            field="after",
        )
    more = False
    if query.queue:
        ids, count, capped = selectors.queue_page_ids(actor, filters, query.offset, query.limit)
    else:
        found = selectors.dossiers_filter(selectors.dossiers_visible_to(actor, scope), filters)
        if newest_first:
            after = _cursor(query.after) if query.after else None
            # One more than the page tells whether a next page exists (``next``).
            ids = selectors.official_newest_ids(
                actor, filters, query.offset, query.limit + 1, after, scope
            )
            more, ids = len(ids) > query.limit, ids[: query.limit]
        else:
            # Counting every dossier an official may see costs more than the page itself.
            ids = selectors.page_ids(found, query.offset, query.limit)
        count, capped = selectors.count_capped(found)
    rows = summary_rows(ids)
    viewing = Viewing()
    body: dict[str, object] = {"items": [summary_json(row, viewing) for row in rows]}
    body["count"] = count
    if capped:
        body["count_capped"] = True
    if newest_first:
        last = rows[-1] if more and rows else None
        body["next"] = str(Cursor(last["submitted_at"], last["id"])) if last else None
    return JsonAnswer(body)


def _cursor(text: str) -> Cursor:
    try:
        return parse_cursor(text)
    except BadCursor:
        raise InvalidInput(
            _("Giá trị after không hợp lệ: hãy dùng đúng giá trị next của trang trước."),
            field="after",
        ) from None


@router.get("/dossiers/{ref}", auth=AUTH, summary="Chi tiết hồ sơ (theo mã hồ sơ hoặc số)")
@answers_errors
def get_dossier(request: HttpRequest, ref: str) -> JsonAnswer:
    return JsonAnswer(dossier_json(visible_dossier(request, ref), detail=True))


@router.post("/dossiers/{ref}/actions/{action}", auth=AUTH, summary="Thao tác trên hồ sơ")
@answers_errors
def act(request: HttpRequest, ref: str, action: str, payload: ActionIn) -> JsonAnswer:
    result = dossier_act(action, dossier_ref(request, ref), actor_of(request), payload)
    return JsonAnswer(dossier_json(result, detail=True))


@router.get("/dossiers/{ref}/timeline", auth=AUTH, summary="Quá trình xử lý hồ sơ")
@answers_errors
def timeline(request: HttpRequest, ref: str) -> JsonAnswer:
    dossier = visible_dossier(request, ref)
    events = selectors.dossier_timeline(dossier, viewer=actor_of(request))
    return JsonAnswer(
        {
            "items": [
                {
                    "at": local_iso(e.at),
                    "action": e.action,
                    "from_status": e.from_status,
                    "to_status": e.to_status,
                    "status_label": _(Status(e.to_status).label)
                    if e.to_status is not None
                    else None,
                    "step": e.to_step.name if e.to_step else None,
                    "from_step": e.from_step.name if e.from_step else None,
                    "actor_role": e.actor_role,
                    "reason": e.reason,
                    "step_due_at": local_iso(e.step_due_at),
                    "timeliness": e.timeliness or None,
                }
                for e in events
            ]
        }
    )


@router.get("/dossiers/{ref}/messages", auth=AUTH, summary="Trao đổi về hồ sơ")
@answers_errors
def messages(request: HttpRequest, ref: str) -> JsonAnswer:
    dossier = visible_dossier(request, ref)
    return JsonAnswer(
        {
            "items": [
                {
                    "id": m.pk,
                    "at": local_iso(m.at),
                    "from_citizen": m.from_citizen,
                    "author": str(m.author),
                    "body": m.body,
                }
                for m in selectors.dossier_messages(dossier)
            ]
        }
    )


@router.post("/dossiers/{ref}/messages", auth=AUTH, summary="Gửi trao đổi")
@answers_errors
def post_message(request: HttpRequest, ref: str, payload: MessageIn) -> JsonAnswer:
    dossier = visible_dossier(request, ref)
    message = services.dossier_message_post(
        dossier=dossier, actor=actor_of(request), body=payload.body
    )
    return JsonAnswer({"id": message.pk, "at": local_iso(message.at)}, status=201)


@router.post("/dossiers/{ref}/attachments", auth=AUTH, summary="Tải tệp lên hồ sơ")
@answers_errors
def upload(
    request: HttpRequest, ref: str, file: File[UploadedFile], document: Form[str] = ""
) -> JsonAnswer:
    dossier = visible_dossier(request, ref)
    limit = 1024 * 1024 * settings.MAX_UPLOAD_MB
    if (file.size or 0) > limit:
        raise InvalidInput(_("Tệp vượt dung lượng cho phép."), field="file")
    attachment = services.attachment_add(
        dossier=dossier,
        actor=actor_of(request),
        data=file.read(),
        name=file.name or "tep",
        document_code=document,
    )
    return JsonAnswer(attachment_json(attachment), status=201)


def _draft(request: HttpRequest, draft_id: int) -> Dossier:
    """The caller's draft; one of her dossiers that has been submitted is a 409 that says
    so (as deleting it is), not "not found"."""
    draft = selectors.dossiers_visible_to(actor_of(request)).filter(pk=draft_id).first()
    if draft is None:
        raise NotFound(_("Không tìm thấy bản nháp."))
    if draft.status != Status.DRAFT:
        raise InvalidTransition(
            _(
                "Hồ sơ này đã được nộp nên không sửa hay nộp lại như bản nháp được; xem "
                "tình trạng hồ sơ tại GET /api/v1/dossiers/%(ref)s."
            )
            % {"ref": draft.code or draft.pk}
        )
    return draft


@router.get("/drafts", auth=AUTH, summary="Bản nháp của tôi")
@answers_errors
def list_drafts(request: HttpRequest) -> JsonAnswer:
    drafts = selectors.dossiers_visible_to(actor_of(request)).filter(status=Status.DRAFT)
    return JsonAnswer({"items": [dossier_json(d) for d in drafts], "count": drafts.count()})


@router.post("/drafts", auth=AUTH, summary="Lưu bản nháp mới")
@answers_errors
def create_draft(request: HttpRequest, payload: DraftIn) -> JsonAnswer:
    draft = services.dossier_draft_save(
        actor=actor_of(request),
        version=_version(payload.procedure, payload.agency),
        agency=_agency(payload.agency),
        declaration=payload.declaration,
        documents=documents_input(payload.documents),
    )
    return JsonAnswer(dossier_json(draft, detail=True), status=201)


@router.put("/drafts/{draft_id}", auth=AUTH, summary="Cập nhật bản nháp")
@answers_errors
def update_draft(request: HttpRequest, draft_id: int, payload: DraftIn) -> JsonAnswer:
    draft = _draft(request, draft_id)
    draft = services.dossier_draft_save(
        actor=actor_of(request),
        version=draft.procedure_version,
        agency=draft.receiving_agency,
        declaration=payload.declaration,
        documents=documents_input(payload.documents),
        draft=draft,
        expected_version=payload.expected_version,
    )
    return JsonAnswer(dossier_json(draft, detail=True))


@router.post("/drafts/{draft_id}/submit", auth=AUTH, summary="Nộp bản nháp")
@answers_errors
def submit_draft(request: HttpRequest, draft_id: int, payload: DraftSubmitIn) -> JsonAnswer:
    draft = _draft(request, draft_id)
    dossier = services.dossier_submit(
        actor=actor_of(request),
        draft=draft,
        expected_version=payload.expected_version,
        declaration=payload.declaration,
        documents=documents_input(payload.documents),
    )
    return JsonAnswer(dossier_json(dossier, detail=True))


@router.delete(
    "/drafts/{draft_id}",
    auth=AUTH,
    response={204: None},
    summary="Xóa bản nháp",
    description="Xóa hẳn bản nháp của chính mình, kèm các tệp đã đính kèm (bản trong kho dữ "
    "liệu vẫn giữ). Hồ sơ đã nộp không xóa được (409); chỉ có thể rút hồ sơ. "
    "``expected_version`` (không bắt buộc): phiên bản bản nháp mà người xóa đã xem.",
)
@answers_errors
def delete_draft(
    request: HttpRequest, draft_id: int, expected_version: int | None = None
) -> HttpResponse:
    # Not ``_draft``: a submitted dossier is "not deletable" (409), not "not found".
    dossier = visible_dossier(request, str(draft_id))
    services.dossier_draft_delete(
        actor=actor_of(request), draft=dossier, expected_version=expected_version
    )
    return HttpResponse(status=204)


@router.post("/lookup", auth=None, summary="Tra cứu tình trạng hồ sơ (công khai)")
@answers_errors
def lookup(request: HttpRequest, payload: LookupIn) -> JsonAnswer:
    result = dossier_lookup(
        code=payload.code, secret=payload.secret, client=client_address(request)
    )
    if result is None:
        raise NotFound(_("Không tìm thấy hồ sơ với mã và mã tra cứu đã nhập."))
    return JsonAnswer(
        {
            "code": result.code,
            "procedure": result.procedure,
            "status": result.status,
            "status_label": _(result.status_label),
            "step": result.step,
            "received_at": local_iso(result.received_at),
            "due_at": local_iso(result.due_at),
            "finished_at": local_iso(result.finished_at),
        }
    )
