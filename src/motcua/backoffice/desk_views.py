"""«Tiếp nhận hồ sơ»: the reception desk enters a dossier on a citizen's behalf, keyboard
first (the identity number has the focus; Tab moves field by field; Enter receives), and
prints the receipt."""

from __future__ import annotations

import json
import uuid
from typing import Any

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from motcua.accounts.models import User
from motcua.backoffice.access import official, staff_required
from motcua.catalog import selectors as catalog
from motcua.catalog.models import Procedure, ProcedureVersion
from motcua.core import ratelimit
from motcua.core.text import wait_phrase
from motcua.dossiers import services
from motcua.dossiers.errors import DossierError
from motcua.dossiers.models import Channel, Dossier
from motcua.dossiers.selectors import dossiers_visible_to
from motcua.dossiers.services import ApplicantInput
from motcua.dossiers.services.intake import applicant_problems
from motcua.dossiers.services.linking import proven_account
from motcua.organizations.models import Agency, Role, StaffRole
from motcua.portal import forms_schema as fs
from motcua.portal.checklist_form import read_counter_checklist

APPLICANT_FIELDS = ("name", "identity_number", "phone", "email", "address")
SUBMITTED_KEY = "desk-intake:{}"


def _desk_agencies(user: User) -> list[Agency]:
    ids = StaffRole.objects.filter(user=user, role=Role.CLERK).values("agency_id")
    return list(Agency.objects.filter(pk__in=ids).order_by("name"))


@staff_required
@require_GET
def desk(request: HttpRequest) -> HttpResponse:
    agencies = _desk_agencies(official(request))
    if not agencies:
        raise Http404(_("Bạn không làm việc tại Bộ phận Một cửa."))
    procedures = catalog.procedures_offered_at(agencies)
    chosen = request.GET.get("thu_tuc", "")
    if chosen and any(p.code == chosen for p in procedures):
        return redirect("backoffice:intake", code=chosen)
    return render(request, "backoffice/desk.html", {"procedures": procedures, "chosen": chosen})


def _version(request: HttpRequest, code: str) -> tuple[Procedure, ProcedureVersion, list[Agency]]:
    agencies = _desk_agencies(official(request))
    procedure = catalog.procedure_detail(code[:10])
    version = catalog.current_version(procedure) if procedure else None
    offered = [a for a in agencies if procedure and procedure.agencies.filter(pk=a.pk).exists()]
    if procedure is None or version is None or not offered:
        raise Http404(_("Không có thủ tục này tại cơ quan của bạn."))
    return procedure, version, offered


def returning_applicant(user: User, identity_number: str) -> dict[str, str]:
    """What the desk already knows of this person: their account, else their last dossier
    at an agency the clerk works for. Only an account whose number the identity provider
    proved: anyone may register a number with a password and their own phone, and the
    dossier's notices (its look-up secret among them) would go to that phone."""
    account = User.objects.filter(
        identity_number=identity_number,
        kind=User.Kind.CITIZEN,
        identity_proven_at__isnull=False,
    ).first()
    last = (
        dossiers_visible_to(user)
        .filter(applicant_identity_number=identity_number)
        .order_by("-id")
        .first()
    )
    found = {"identity_number": identity_number}
    if last is not None:
        found.update(
            name=last.applicant_name,
            phone=last.applicant_phone,
            email=last.applicant_email,
            address=last.applicant_address,
        )
    if account is not None:
        found.update(
            {
                k: v
                for k, v in {
                    "name": account.full_name,
                    "phone": account.phone,
                    "email": account.email,
                }.items()
                if v
            }
        )
    return found if len(found) > 1 else {}


# A clerk looks up the people at the counter; a run of numbers past this is a search of
# the population, which the desk does not do.
LOOKUPS = ratelimit.Limit("desk-applicant-lookup", attempts=120, window_seconds=3600)


@staff_required
@require_GET
def applicant_lookup(request: HttpRequest) -> HttpResponse:
    """htmx: what the desk knows of a returning citizen, for the applicant fields still
    empty. Only clerks of a one-stop desk may ask, and only so often. The fields themselves
    are not sent back: the clerk may be typing in them while this answer travels."""
    user = official(request)
    if not _desk_agencies(user):
        raise Http404(_("Bạn không làm việc tại Bộ phận Một cửa."))
    number = request.GET.get("applicant_identity_number", "").strip()[:12]
    known: dict[str, str] = {}
    wait = None
    if len(number) == 12 and number.isdigit():
        wait = ratelimit.hit(LOOKUPS, str(user.pk))
        if wait is None:
            known = returning_applicant(user, number)
    prefill = {f"applicant_{k}": v for k, v in known.items() if k != "identity_number" and v}
    return render(
        request,
        "backoffice/_applicant_known.html",
        {
            "prefill": json.dumps(prefill, ensure_ascii=False) if prefill else "",
            "wait": wait_phrase(wait) if wait else "",
        },
    )


def _sections(version: ProcedureVersion, declaration: dict[str, Any]) -> list[fs.Section]:
    schema = version.declaration_schema or {}
    sections = fs.sections_of(schema)
    fs.fill(sections, schema, declaration)
    return sections


def _applicant_errors(applicant: dict[str, str]) -> dict[str, str]:
    errors = applicant_problems(ApplicantInput(**applicant))
    if not applicant["name"]:
        errors["name"] = _("Vui lòng nhập họ tên người nộp.")
    return errors


@staff_required
@require_http_methods(["GET", "POST"])
def intake(request: HttpRequest, code: str) -> HttpResponse:
    procedure, version, agencies = _version(request, code)
    user = official(request)
    data = request.POST if request.method == "POST" else None
    applicant = {
        k: (data.get(f"applicant_{k}", "") if data else "").strip()[:500] for k in APPLICANT_FIELDS
    }
    sections = _sections(version, {})
    errors: dict[str, str] = {}
    problem = ""
    if data is not None:
        key = data.get("submission_key", "")[:64]
        earlier = cache.get(SUBMITTED_KEY.format(key)) if key else None
        if isinstance(earlier, int):
            return redirect("backoffice:receipt", pk=earlier)
        declaration, conversion = fs.read(sections, data, {})
        sections = _sections(version, declaration)
        errors = fs.check(sections, version.declaration_schema or {}, declaration, conversion)
        errors.update(_applicant_errors(applicant))
        agency = next((a for a in agencies if str(a.pk) == data.get("agency")), agencies[0])
        if not errors and cache.add(SUBMITTED_KEY.format(key), "pending", 3600):
            try:
                dossier = _receive(
                    request, user, version, agency, applicant, declaration, procedure
                )
            except DossierError as exc:
                cache.delete(SUBMITTED_KEY.format(key))
                problem = exc.message
                if exc.field.startswith("declaration"):
                    errors[fs.field_key(exc.field)] = exc.message
                    fs.check(sections, version.declaration_schema or {}, declaration, errors)
            else:
                cache.set(SUBMITTED_KEY.format(key), dossier.pk, 3600)
                return redirect("backoffice:receipt", pk=dossier.pk)
        elif not errors:
            problem = _("Hồ sơ này đang được ghi nhận; vui lòng chờ trong giây lát.")
    context = {
        "procedure": procedure,
        "version": version,
        "agencies": agencies,
        "chosen_agency": data.get("agency") if data else "",
        "applicant": applicant,
        "sections": sections,
        "documents": list(version.documents.order_by("order", "id")),
        "posted": data or {},
        "errors": errors,
        "problem": problem,
        "submission_key": uuid.uuid4().hex,
        "focus_identity": not errors,
        "channel": data.get("channel", str(Channel.IN_PERSON)) if data else str(Channel.IN_PERSON),
    }
    status = 400 if data is not None else 200
    return render(request, "backoffice/intake.html", context, status=status)


def _receive(
    request: HttpRequest,
    user: User,
    version: ProcedureVersion,
    agency: Agency,
    applicant: dict[str, str],
    declaration: dict[str, Any],
    procedure: Procedure,
) -> Dossier:
    # On the account only if it proved the number; else it joins at the proven login.
    account = proven_account(applicant["identity_number"])
    channel = (
        Channel.POSTAL if request.POST.get("channel") == str(Channel.POSTAL) else Channel.IN_PERSON
    )
    dossier = services.dossier_intake(
        actor=user,
        version=version,
        agency=agency,
        applicant=ApplicantInput(**applicant),
        declaration=declaration,
        documents=read_counter_checklist(request.POST, list(version.documents.order_by("order"))),
        channel=channel,
        applicant_user=account,
    )
    refused = []
    for key in request.FILES:
        for upload in request.FILES.getlist(key):
            try:
                services.attachment_add(
                    dossier=dossier,
                    actor=user,
                    data=upload.read(),
                    name=upload.name or "ban-quet",
                    document_code=key.removeprefix("scan-"),
                )
            except DossierError as exc:
                refused.append(exc.message)
    if refused:
        from django.contrib import messages

        messages.warning(
            request,
            _("Một số tệp quét không được lưu: %(reasons)s") % {"reasons": " ".join(refused)},
        )
    return dossier
