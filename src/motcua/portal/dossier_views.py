"""Submitting a dossier online: start, the declaration step by step, the documents, the
review and the submission. Every change goes through the dossiers services; a draft is
saved at every step and on every change (htmx), so nothing typed is lost."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from motcua.catalog import selectors as catalog
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import services
from motcua.dossiers.errors import DossierError, InvalidTransition, NotFound, StaleDossier
from motcua.dossiers.models import Dossier, Status
from motcua.dossiers.selectors import dossiers_visible_to
from motcua.dossiers.services.declaration_keywords import declaration_derived
from motcua.organizations.models import Agency
from motcua.portal import forms_schema as fs
from motcua.portal.checklist_form import (
    CITIZEN_CHOICES,
    checklist_rows,
    read_checklist,
    store_uploads,
)
from motcua.portal.citizen_access import citizen, citizen_required, take_pending_fields
from motcua.portal.store_pick import reuse_from_store, store_choices
from motcua.portal.units import unit_choices


def _open_version(code: str) -> tuple[Any, ProcedureVersion]:
    procedure = catalog.procedure_detail(code[:10])
    version = catalog.current_version(procedure) if procedure else None
    if procedure is None or version is None:
        raise Http404(_("Không có thủ tục này."))
    return procedure, version


def _draft(request: HttpRequest, pk: int) -> Dossier:
    dossier = dossiers_visible_to(citizen(request)).filter(pk=pk).first()
    if dossier is None:
        raise Http404(_("Không tìm thấy hồ sơ."))
    return dossier


def _sections(dossier: Dossier) -> list[fs.Section]:
    schema = dossier.procedure_version.declaration_schema or {}
    sections = fs.sections_of(schema)
    fs.fill(sections, schema, dossier.declaration or {})
    unit_choices(sections)
    return sections


def _prefill(version: ProcedureVersion, agency: Agency, request: HttpRequest) -> dict[str, Any]:
    """What the account already says, so a citizen never types it twice."""
    user = citizen(request)
    properties = (version.declaration_schema or {}).get("properties") or {}
    out: dict[str, Any] = {}
    if "registration_authority" in properties:
        out["registration_authority"] = agency.name
    requester = (properties.get("requester") or {}).get("properties") or {}
    if requester:
        out["requester"] = {
            k: _as_field_wants(requester[k], v)
            for k, v in {
                "full_name": user.full_name,
                "identity_number": user.identity_number,
            }.items()
            if k in requester and v
        }
    for key, value in (("full_name", user.full_name), ("identity_number", user.identity_number)):
        if key in properties and value:
            out[key] = _as_field_wants(properties[key], value)
    return out


def _as_field_wants(prop: Any, value: str) -> str:
    """A name filled in from the account, in capitals where the form writes them so."""
    return value.upper() if isinstance(prop, dict) and prop.get("x-upper") else value


@citizen_required
@require_http_methods(["GET", "POST"])
def dossier_start(request: HttpRequest, code: str) -> HttpResponse:
    procedure, version = _open_version(code)
    agencies = list(procedure.agencies.order_by("name"))
    drafts = dossiers_visible_to(citizen(request)).filter(
        status=Status.DRAFT, procedure_version__procedure=procedure
    )
    error = ""
    if request.method == "POST":
        agency = next((a for a in agencies if str(a.pk) == request.POST.get("agency")), None)
        if agency is None:
            error = _("Vui lòng chọn cơ quan tiếp nhận hồ sơ.")
        else:
            try:
                draft = services.dossier_draft_save(
                    actor=citizen(request),
                    version=version,
                    agency=agency,
                    declaration=_prefill(version, agency, request),
                )
            except DossierError as exc:
                error = exc.message
            else:
                return redirect("portal:dossier_step", pk=draft.pk, step=1)
    context = {
        "procedure": procedure,
        "version": version,
        "agencies": agencies,
        "drafts": drafts,
        "error": error,
        "steps": fs.sections_of(version.declaration_schema or {}),
    }
    return render(request, "portal/dossiers/start.html", context, status=400 if error else 200)


def _step_nav(dossier: Dossier, sections: list[fs.Section], current: str) -> list[dict[str, Any]]:
    nav = [
        {
            "label": s.title,
            "url": reverse("portal:dossier_step", args=[dossier.pk, n]),
            "current": current == str(n),
        }
        for n, s in enumerate(sections, start=1)
    ]
    nav.append(
        {
            "label": _("Giấy tờ kèm theo"),
            "url": reverse("portal:dossier_documents", args=[dossier.pk]),
            "current": current == "docs",
        }
    )
    nav.append(
        {
            "label": _("Xem lại và nộp"),
            "url": reverse("portal:dossier_review", args=[dossier.pk]),
            "current": current == "review",
        }
    )
    return nav


def _save(request: HttpRequest, dossier: Dossier, declaration: dict[str, Any]) -> Dossier:
    return services.dossier_draft_save(
        actor=citizen(request),
        version=dossier.procedure_version,
        agency=dossier.receiving_agency,
        declaration=declaration,
        draft=dossier,
    )


@citizen_required
@require_http_methods(["GET", "POST"])
def dossier_step(request: HttpRequest, pk: int, step: int) -> HttpResponse:
    dossier = _draft(request, pk)
    if dossier.status != Status.DRAFT:
        return redirect("portal:my_dossier", pk=dossier.pk)
    schema = dossier.procedure_version.declaration_schema or {}
    sections = _sections(dossier)
    if not 1 <= step <= len(sections):
        return redirect("portal:dossier_documents", pk=dossier.pk)
    section = sections[step - 1]
    errors: dict[str, str] = {}
    pending = take_pending_fields(request) if request.method == "GET" else {}
    if request.method == "POST" or pending:
        data = request.POST if request.method == "POST" else pending
        declaration, conversion = fs.read([section], data, dossier.declaration or {})
        try:
            dossier = _save(request, dossier, declaration)
        except NotFound:
            # Deleted in another window while this page was open: nothing to save into.
            messages.error(request, _("Bản nháp này đã được xóa nên không lưu được."))
            return redirect("portal:my_dossiers")
        except StaleDossier:
            # The page's own autosave (or another tab) saved the draft a moment before:
            # this step's fields go onto what it saved.
            dossier = _draft(request, pk)
            declaration, conversion = fs.read([section], data, dossier.declaration or {})
            try:
                dossier = _save(request, dossier, declaration)
            except DossierError as exc:  # submitted meanwhile, or changing under us still
                messages.error(request, exc.message)
                return redirect("portal:my_dossier", pk=dossier.pk)
        sections = _sections(dossier)
        section = sections[step - 1]
        # Keep the text exactly as typed where it could not be converted.
        errors = fs.check([section], schema, declaration, conversion)
        if pending:
            messages.info(
                request, _("Đã khôi phục nội dung bạn nhập trước khi phiên đăng nhập hết hạn.")
            )
        elif not errors and "next" in request.POST:
            if step < len(sections):
                return redirect("portal:dossier_step", pk=dossier.pk, step=step + 1)
            return redirect("portal:dossier_documents", pk=dossier.pk)
        elif not errors and "save" in request.POST:
            messages.success(request, _("Đã lưu bản nháp. Bạn có thể tiếp tục trên thiết bị khác."))
    context = {
        "dossier": dossier,
        "section": section,
        "step": step,
        "step_count": len(sections) + 2,
        "nav": _step_nav(dossier, sections, str(step)),
        "errors": errors,
        "saved_at": timezone.localtime(),
    }
    status = 400 if errors and request.method == "POST" and "next" in request.POST else 200
    return render(request, "portal/dossiers/step.html", context, status=status)


@citizen_required
@require_POST
def dossier_autosave(request: HttpRequest, pk: int) -> HttpResponse:
    """htmx: save the draft as the citizen types; answers a one-line status."""
    dossier = _draft(request, pk)
    if dossier.status != Status.DRAFT:
        return HttpResponse(
            format_html('<span class="save-state" role="status">{}</span>', _("Hồ sơ đã nộp."))
        )
    sections = _sections(dossier)
    try:
        index = int(request.POST.get("step", "0")) - 1
    except ValueError:
        index = -1
    if not 0 <= index < len(sections):
        return HttpResponse(status=400)
    declaration, _conversion = fs.read([sections[index]], request.POST, dossier.declaration or {})
    try:
        _save(request, dossier, declaration)
    except DossierError as exc:
        return HttpResponse(
            format_html('<span class="save-state warn" role="status">{}</span>', exc.message)
        )
    saved = timezone.localtime().strftime("%H:%M")
    return HttpResponse(
        format_html(
            '<span class="save-state" role="status">{}</span>',
            _("Đã lưu nháp lúc %(time)s") % {"time": saved},
        )
    )


@citizen_required
@require_http_methods(["GET", "POST"])
def dossier_documents(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = _draft(request, pk)
    if dossier.status != Status.DRAFT:
        return redirect("portal:my_dossier", pk=dossier.pk)
    errors: dict[str, str] = {}
    if request.method == "POST":
        dossier, errors = _save_documents(request, dossier)
        if not errors and "next" in request.POST:
            return redirect("portal:dossier_review", pk=dossier.pk)
        if not errors:
            messages.success(request, _("Đã lưu giấy tờ của hồ sơ."))
    sections = _sections(dossier)
    context = {
        "dossier": dossier,
        "rows": checklist_rows(dossier, errors),
        "choices": CITIZEN_CHOICES,
        "store": store_choices(citizen(request)),
        "errors": errors,
        "step": len(sections) + 1,
        "step_count": len(sections) + 2,
        "nav": _step_nav(dossier, sections, "docs"),
        "previous": reverse("portal:dossier_step", args=[dossier.pk, len(sections)])
        if sections
        else "",
    }
    return render(request, "portal/dossiers/documents.html", context, status=400 if errors else 200)


def _save_documents(request: HttpRequest, dossier: Dossier) -> tuple[Dossier, dict[str, str]]:
    """The documents step's form into the draft: files chosen, files taken from the
    personal store, and each line's choice. Returns the draft and what was refused."""
    stored, errors = store_uploads(request, dossier, citizen(request))
    reused, reuse_errors = reuse_from_store(request, dossier, citizen(request))
    errors.update(reuse_errors)
    documents, choice_errors = read_checklist(request.POST, dossier, uploaded=stored, reused=reused)
    errors.update(choice_errors)
    try:
        dossier = services.dossier_draft_save(
            actor=citizen(request),
            version=dossier.procedure_version,
            agency=dossier.receiving_agency,
            declaration=dossier.declaration,
            draft=dossier,
            documents=documents,
        )
    except DossierError as exc:
        errors[exc.field or "documents"] = exc.message
    return dossier, errors


@citizen_required
@require_POST
def dossier_attachment_remove(request: HttpRequest, pk: int, attachment: int) -> HttpResponse:
    """«Gỡ tệp» on the documents step: a wrong file goes back out of the draft. The
    button sits in the step's form: the files chosen and the choices made beside it
    come with it and are saved first, not dropped on the way."""
    dossier = _draft(request, pk)
    if dossier.status == Status.DRAFT:
        dossier, problems = _save_documents(request, dossier)
        for problem in problems.values():
            messages.error(request, problem)
    try:
        services.attachment_remove(
            dossier=dossier, attachment_id=attachment, actor=citizen(request)
        )
    except DossierError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã gỡ tệp khỏi hồ sơ. Bạn có thể tải tệp khác lên."))
    return redirect("portal:dossier_documents", pk=dossier.pk)


@citizen_required
@require_http_methods(["GET", "POST"])
def dossier_review(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = _draft(request, pk)
    if dossier.status != Status.DRAFT:
        return redirect("portal:dossier_submitted", pk=dossier.pk)
    schema = dossier.procedure_version.declaration_schema or {}
    sections = _sections(dossier)
    # Shown as the papers will print it: what the system writes (a date in words left
    # empty) is written here too.
    fs.fill(sections, schema, declaration_derived(dossier.declaration or {}, schema))
    errors = fs.check(sections, schema, dossier.declaration or {})
    problem = ""
    posted = str(request.POST.get("expected_version", ""))
    expected = int(posted) if posted.isdigit() and len(posted) <= 9 else None
    if request.method == "POST" and posted and expected is None:
        # Not a version this page ever sends: a form edited by hand, or garbled.
        problem = _("Trang này đã cũ hoặc bị sửa. Hãy tải lại trang rồi nộp lại.")
    elif request.method == "POST" and not errors:
        try:
            services.dossier_submit(
                actor=citizen(request),
                draft=dossier,
                expected_version=expected if expected is not None else dossier.version,
                idempotency_key=request.POST.get("idempotency_key", ""),
            )
        except InvalidTransition:
            # A second click arriving after the first submitted: the dossier is in.
            return redirect("portal:dossier_submitted", pk=dossier.pk)
        except NotFound:
            # Deleted in another window while this page was open: nothing was submitted.
            messages.error(request, _("Bản nháp này đã được xóa nên không nộp được."))
            return redirect("portal:my_dossiers")
        except DossierError as exc:
            problem = exc.message
            if exc.field.startswith("declaration"):
                errors[fs.field_key(exc.field)] = exc.message
                fs.check(sections, schema, dossier.declaration or {}, errors)
        else:
            return redirect("portal:dossier_submitted", pk=dossier.pk)
    elif request.method == "POST":
        problem = _("Tờ khai còn thông tin cần sửa; xem các mục được đánh dấu bên dưới.")
    context = {
        "dossier": dossier,
        "sections": sections,
        "section_links": [
            reverse("portal:dossier_step", args=[dossier.pk, n])
            for n in range(1, len(sections) + 1)
        ],
        "rows": checklist_rows(dossier, {}),
        "errors": errors,
        "problem": problem,
        "idempotency_key": uuid.uuid4().hex,
        "step": len(sections) + 2,
        "step_count": len(sections) + 2,
        "nav": _step_nav(dossier, sections, "review"),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "portal/dossiers/review.html", context, status=status)


@citizen_required
def dossier_submitted(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = _draft(request, pk)
    if dossier.status == Status.DRAFT:
        return redirect("portal:dossier_review", pk=dossier.pk)
    return render(request, "portal/dossiers/submitted.html", {"dossier": dossier})
