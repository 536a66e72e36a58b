"""Result documents: the specialist drafts from the agency's template and may correct
the text; the leader approves by signing it (PAdES, visible stamp).

Signing checks everything that can fail (role, state, certificate, key, passphrase)
and signs before anything is written; a failure leaves the result and the dossier as
they were. To record the dossier's approval in the same breath, call ``result_sign``
and ``dossiers.services.dossier_approve`` inside one ``transaction.atomic()``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from motcua.accounts.models import User
from motcua.audit.services import audit_record
from motcua.core.counters import counter_next
from motcua.documents.errors import InvalidState, InvalidTemplate, NotAllowed, NotFound
from motcua.documents.models import (
    DocumentKind,
    GeneratedDocument,
    Result,
    ResultCounter,
    ResultTemplate,
)
from motcua.documents.pdf.data import ResultData, StampData
from motcua.documents.pdf.fmt import vn_date
from motcua.documents.pdf.fonts import describe_unprintable, unprintable
from motcua.documents.pdf.result import render_result, render_stamp
from motcua.documents.services.certificates import certificate_for_signing
from motcua.documents.services.files import NewDocument, document_store
from motcua.documents.signing.signer import load_signer, sign_pdf
from motcua.documents.slips_from_dossier import letterhead, person
from motcua.documents.templating import template_render
from motcua.documents.verification_codes import new_verification_code
from motcua.dossiers.models import Dossier, Status
from motcua.dossiers.permissions import holds_step, roles_at
from motcua.dossiers.services.declaration_keywords import declaration_derived
from motcua.organizations.models import Agency, Role

DRAFTING_ROLES = frozenset({str(Role.SPECIALIST), str(Role.UNIT_HEAD), str(Role.LEADER)})
DRAFTABLE = {Status.RECEIVED, Status.PROCESSING}
MAX_BODY = 20_000
MAX_TITLE = 255  # Result.title's column
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def verification_url(code: str) -> str:
    return f"{settings.PUBLIC_URL}/xac-thuc/?ma={quote(code, safe='')}"


def _printable(value: Any) -> Any:
    """Declaration dates are ISO in JSON; documents print them dd/mm/yyyy."""
    if isinstance(value, str) and ISO_DATE.match(value):
        return vn_date(date.fromisoformat(value))
    if isinstance(value, dict):
        return {k: _printable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_printable(v) for v in value]
    return value


def result_context(dossier: Dossier) -> dict[str, Any]:
    """The placeholders a result template may use, as plain data."""
    raw = dossier.declaration if isinstance(dossier.declaration, dict) else {}
    # What the declaration left for the system to write (a birth date in words).
    raw = declaration_derived(raw, dossier.procedure_version.declaration_schema or {})
    declaration = _printable(raw)
    base: dict[str, Any] = {
        "applicant_name": dossier.applicant_name,
        "applicant_identity_number": dossier.applicant_identity_number,
        "applicant_address": dossier.applicant_address,
        "applicant_phone": dossier.applicant_phone,
        "dossier_code": dossier.code or "",
        "procedure_name": dossier.procedure_version.procedure.name,
        "agency_name": dossier.deciding_agency.name,
        "received_date": vn_date(dossier.received_at),
        "due_date": vn_date(dossier.due_at),
        "today": vn_date(timezone.localdate()),
        "to_khai": declaration,
    }
    return {**{k: v for k, v in declaration.items() if isinstance(k, str)}, **base}


def template_for(dossier: Dossier) -> ResultTemplate:
    """The agency's template for this procedure, else its template for any procedure."""
    candidates = (
        ResultTemplate.objects.filter(agency=dossier.deciding_agency, is_active=True)
        .filter(procedure__in=[dossier.procedure_version.procedure_id])
        .order_by("-updated_at")
    )
    found = (
        candidates.first()
        or ResultTemplate.objects.filter(
            agency=dossier.deciding_agency, is_active=True, procedure__isnull=True
        )
        .order_by("-updated_at")
        .first()
    )
    if found is None:
        raise NotFound(
            _("%(agency)s chưa có mẫu kết quả cho thủ tục này.")
            % {"agency": dossier.deciding_agency.name},
            field="template",
        )
    return found


def _require_role(actor: User, dossier: Dossier, roles: Iterable[str], doing: str) -> str:
    """``doing`` is marked with gettext_noop by the caller and translated here."""
    held = roles_at(actor, dossier.deciding_agency_id) & set(roles)
    if not held:
        raise NotAllowed(
            _("Bạn không có vai trò để %(action)s tại %(agency)s.")
            % {"action": _(doing), "agency": dossier.deciding_agency.name}
        )
    return sorted(held)[0]


def at_their_step(actor: User, dossier: Dossier) -> bool:
    """A draft is written and corrected by whoever holds the dossier's step now: once it
    went on to the unit head or the leader, the specialist's corrections would slip past
    the review that read it. To change it then, the step is sent back."""
    step = dossier.current_step
    return step is not None and holds_step(actor, dossier.deciding_agency_id, step)


def _require_at_their_step(actor: User, dossier: Dossier) -> None:
    if at_their_step(actor, dossier):
        return
    step = dossier.current_step
    raise NotAllowed(
        _(
            "Hồ sơ đang ở bước «%(step)s»; chỉ người đang xử lý bước này soạn hoặc sửa dự "
            "thảo kết quả. Cần sửa thì đề nghị trả lại bước trước."
        )
        % {"step": step.name if step else "—"}
    )


def result_draft(
    *, dossier: Dossier, actor: User, template: ResultTemplate | None = None
) -> Result:
    """Draft (or redraft) the result from the template and the dossier's data."""
    role = _require_role(actor, dossier, DRAFTING_ROLES, gettext_noop("soạn dự thảo kết quả"))
    if dossier.status not in DRAFTABLE:
        raise InvalidState(
            _("Không soạn kết quả khi hồ sơ ở trạng thái «%(status)s».")
            % {"status": _(dossier.status_label)}
        )
    _require_at_their_step(actor, dossier)
    template = template or template_for(dossier)
    if template.agency_id != dossier.deciding_agency_id:
        raise InvalidTemplate(
            _("Mẫu kết quả không thuộc cơ quan giải quyết hồ sơ."), field="template"
        )
    body = template_render(template.body, result_context(dossier)).strip()
    now = timezone.now()
    with transaction.atomic():
        result = (
            Result.objects.select_for_update().filter(dossier=dossier, name=template.name).first()
        )
        if result is not None and result.state == Result.State.SIGNED:
            raise InvalidState(
                _("«%(name)s» đã được ký số; không soạn lại được.") % {"name": template.name}
            )
        if result is None:
            result = Result(dossier=dossier, name=template.name, drafted_at=now)
        result.template = template
        result.title = template.title
        result.body = body
        result.signer_title = template.signer_title
        result.on_behalf_of = template.on_behalf_of
        result.drafted_by = actor
        result.updated_at = now
        result.save()
        audit_record(
            action="result_draft",
            subject=result,
            actor=actor,
            actor_role=role,
            summary=f"Soạn dự thảo {result.name} cho hồ sơ {dossier}",
        )
    return result


def result_update(*, result: Result, actor: User, body: str, title: str | None = None) -> Result:
    """The specialist corrects the drafted text (plain text, printed as written)."""
    dossier = result.dossier
    role = _require_role(actor, dossier, DRAFTING_ROLES, gettext_noop("sửa dự thảo kết quả"))
    _require_at_their_step(actor, dossier)
    if not body.strip():
        raise InvalidState(_("Nội dung kết quả không được để trống."))
    if len(body) > MAX_BODY:
        raise InvalidState(
            _("Nội dung kết quả quá dài (tối đa %(count)s ký tự).") % {"count": MAX_BODY}
        )
    if title is not None and len(title.strip()) > MAX_TITLE:
        raise InvalidState(
            _("Tên kết quả quá dài (tối đa %(count)s ký tự).") % {"count": MAX_TITLE}
        )
    _require_printable(f"{title or ''}\n{body}")
    with transaction.atomic():
        locked = Result.objects.select_for_update().get(pk=result.pk)
        if locked.state != Result.State.DRAFT:
            raise InvalidState(_("Kết quả đã được ký số; không sửa được."))
        old = locked.body
        locked.body = body.strip()
        if title is not None and title.strip():
            locked.title = title.strip()
        locked.updated_at = timezone.now()
        locked.save(update_fields=["body", "title", "updated_at"])
        audit_record(
            action="result_update",
            subject=locked,
            actor=actor,
            actor_role=role,
            summary=f"Sửa dự thảo {locked.name}",
            changes={"body": [old, locked.body]},
        )
    return locked


def _require_printable(text: str) -> None:
    """A signed result must say on paper what the leader read on screen: a character the
    font cannot draw would silently vanish from the PDF."""
    missing = unprintable(text)
    if missing:
        raise InvalidState(
            _(
                "Nội dung kết quả có ký tự không in được trên văn bản: %(chars)s. Hãy sửa dự "
                "thảo (viết bằng chữ tiếng Việt hoặc chữ Latinh) trước khi ký."
            )
            % {"chars": describe_unprintable(missing)},
            field="body",
        )


def result_preview(result: Result) -> bytes:
    """The draft as it will print, with the signature's place marked."""
    return render_result(_result_data(result, code="", signer=None), preview=True).pdf


def _result_data(result: Result, *, code: str, signer: User | None, number: str = "") -> ResultData:
    dossier = result.dossier
    head = letterhead(dossier, agency=dossier.deciding_agency)
    head = replace(
        head,
        qr_payload=verification_url(code) if code else "",
        qr_caption="Quét mã để xác thực văn bản",
        verification_code=code,
    )
    return ResultData(
        letterhead=head,
        title=result.title,
        body=result.body,
        signer_name=person(signer) if signer else "",
        signer_title=result.signer_title,
        on_behalf_of=result.on_behalf_of,
        number=number,
    )


def number_allocate(*, result: Result, agency: Agency, at: datetime) -> str:
    """The next number of the agency's results for the year and the template's series:
    ``12/QĐ-UBND``, or ``12/2026`` without a series. Must run inside the signing
    transaction: a signature that fails hands its number back."""
    year = timezone.localdate(at).year
    series = result.template.number_series.strip() if result.template else ""
    number = counter_next(ResultCounter, "a result number", agency=agency, year=year, series=series)
    return f"{number}/{series or year}"


def result_sign(*, result: Result, actor: User, passphrase: str | None = None) -> Result:
    """The leader approves and signs. Everything that can fail is tried before writing."""
    dossier = Dossier.objects.select_related(
        "deciding_agency__parent",
        "deciding_agency__administrative_unit",
        "procedure_version__procedure",
        "applicant",
    ).get(pk=result.dossier_id)
    result.dossier = dossier
    role = _require_role(actor, dossier, [str(Role.LEADER)], gettext_noop("ký số kết quả"))
    if result.state != Result.State.DRAFT:
        raise InvalidState(_("Kết quả này đã được ký số."))
    _require_printable(f"{result.title}\n{result.body}")
    certificate = certificate_for_signing(actor)
    signer = load_signer(certificate, passphrase)
    code = new_verification_code()
    now = timezone.now()
    stamp = render_stamp(
        StampData(
            signer_name=person(actor), agency_name=dossier.deciding_agency.name, signed_at=now
        )
    )
    # The number is printed on the signed page, so it is taken first, in the same
    # transaction that records the signature: a failure gives it back (no gap).
    with transaction.atomic():
        number = number_allocate(result=result, agency=dossier.deciding_agency, at=now)
        rendered = render_result(_result_data(result, code=code, signer=actor, number=number))
        signed = sign_pdf(
            rendered.pdf,
            signer=signer,
            box=rendered.signature_box,
            stamp_pdf=stamp,
            signer_name=person(actor),
            location=dossier.deciding_agency.name,
            reason=f"Phê duyệt {result.name} – hồ sơ {dossier.code}",
            signed_at=now,
        )
        return _record_signature(result, actor, role, certificate.pk, signed, code, now, number)


def _record_signature(
    result: Result,
    actor: User,
    role: str,
    certificate_id: int,
    signed: bytes,
    code: str,
    now: Any,
    number: str,
) -> Result:
    from motcua.documents.services.store import store_add_result

    document: GeneratedDocument | None = None
    try:
        with transaction.atomic():
            locked = Result.objects.select_for_update().get(pk=result.pk)
            if locked.state != Result.State.DRAFT:
                raise InvalidState(_("Kết quả này vừa được người khác ký số."))
            document = document_store(
                NewDocument(
                    kind=DocumentKind.RESULT,
                    natural_key=f"result:{locked.pk}",
                    title=locked.name,
                    pdf=signed,
                    dossier_id=locked.dossier_id,
                    issued_electronically=True,
                    verification_code=code,
                    created_by=actor,
                )
            )
            locked.state = Result.State.SIGNED
            locked.signed_by = actor
            locked.signed_at = now
            locked.certificate_id = certificate_id
            locked.document = document
            locked.number = number
            locked.save(
                update_fields=[
                    "state",
                    "signed_by",
                    "signed_at",
                    "certificate",
                    "document",
                    "number",
                ]
            )
            store_add_result(document=document)
            audit_record(
                action="result_sign",
                subject=locked,
                actor=actor,
                actor_role=role,
                summary=f"Ký số {locked.name}",
                changes={"sha256": document.sha256},
            )
    except BaseException:
        if document is not None and not GeneratedDocument.objects.filter(pk=document.pk).exists():
            document.file.delete(save=False)
        raise
    return locked
