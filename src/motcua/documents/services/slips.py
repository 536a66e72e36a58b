"""Generating the slips of a dossier, idempotently, usually from a background job.

``slips_enqueue(event=...)`` is what dossier services call, inside the transaction of
their change, right after writing the event: the job is queued with the change
(``motcua.core.outbox``) and generates the slip that event calls for (if any).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.core.outbox import enqueue_with_change
from motcua.documents.errors import InvalidState, NotFound
from motcua.documents.models import DocumentKind, GeneratedDocument
from motcua.documents.pdf import forms
from motcua.documents.pdf.register import render_register
from motcua.documents.pdf.slips import (
    render_apology,
    render_control_slip,
    render_receipt,
    render_refusal,
    render_stop_notice,
    render_supplement_request,
)
from motcua.documents.services.files import NewDocument, document_store
from motcua.documents.slips_from_dossier import (
    apology_data,
    control_slip_data,
    receipt_data,
    refusal_data,
    register_data,
    stop_notice_data,
    supplement_request_data,
)
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.organizations.models import Agency, Unit

# The slip each dossier action calls for.
SLIP_FOR_ACTION: dict[str, str] = {
    "intake": DocumentKind.RECEIPT,
    "receive": DocumentKind.RECEIPT,
    "request_supplement": DocumentKind.SUPPLEMENT_REQUEST,
    "refuse": DocumentKind.REFUSAL,
    "apologize": DocumentKind.APOLOGY,
    "stop": DocumentKind.STOP_NOTICE,
    "resolve": DocumentKind.CONTROL_SLIP,
    "return_result": DocumentKind.CONTROL_SLIP,
}

FORM_OF_KIND = {
    DocumentKind.RECEIPT: forms.RECEIPT,
    DocumentKind.SUPPLEMENT_REQUEST: forms.SUPPLEMENT_REQUEST,
    DocumentKind.REFUSAL: forms.REFUSAL,
    DocumentKind.APOLOGY: forms.APOLOGY,
    DocumentKind.STOP_NOTICE: forms.STOP_NOTICE,
    DocumentKind.CONTROL_SLIP: forms.CONTROL_SLIP,
}


def _render(kind: str, dossier: Dossier, event: DossierEvent | None) -> bytes:
    renderers: dict[str, Callable[[], bytes]] = {
        DocumentKind.RECEIPT: lambda: render_receipt(receipt_data(dossier)),
        DocumentKind.SUPPLEMENT_REQUEST: lambda: render_supplement_request(
            supplement_request_data(dossier, event)
        ),
        DocumentKind.REFUSAL: lambda: render_refusal(refusal_data(dossier, event)),
        DocumentKind.APOLOGY: lambda: render_apology(apology_data(dossier, event)),
        DocumentKind.STOP_NOTICE: lambda: render_stop_notice(stop_notice_data(dossier, event)),
        DocumentKind.CONTROL_SLIP: lambda: render_control_slip(control_slip_data(dossier)),
    }
    if kind not in renderers:
        raise InvalidState(_("Không lập được phiếu loại «%(kind)s» cho hồ sơ.") % {"kind": kind})
    return renderers[kind]()


def slip_generate(
    *, dossier_id: int, kind: str, event_id: int | None = None, actor: User | None = None
) -> GeneratedDocument:
    """The slip of ``kind`` for the dossier (and the event that called for it); made
    once, returned as is on every later call."""
    dossier = (
        Dossier.objects.select_related(
            "procedure_version__procedure",
            "receiving_agency__parent",
            "receiving_agency__administrative_unit",
            "deciding_agency__parent",
            "deciding_agency__administrative_unit",
            "received_by",
        )
        .filter(pk=dossier_id)
        .first()
    )
    if dossier is None:
        raise NotFound(_("Không tìm thấy hồ sơ."))
    event = None
    if event_id is not None:
        event = (
            DossierEvent.objects.select_related("actor")
            .filter(pk=event_id, dossier=dossier)
            .first()
        )
        if event is None:
            raise NotFound(_("Không tìm thấy sự kiện của hồ sơ."))
    if kind == DocumentKind.RECEIPT and dossier.received_at is None:
        raise InvalidState(_("Hồ sơ chưa được tiếp nhận, chưa có giấy tiếp nhận."))
    key = f"{kind}:{dossier.pk}:{event.pk if event else '-'}"
    existing = GeneratedDocument.objects.filter(natural_key=key).first()
    if existing is not None:
        return existing
    form = FORM_OF_KIND.get(DocumentKind(kind))
    title = DocumentKind(kind).label if form is None else form.title.capitalize()
    return document_store(
        NewDocument(
            kind=kind,
            natural_key=key,
            title=title,
            pdf=_render(kind, dossier, event),
            dossier_id=dossier.pk,
            event_id=event.pk if event else None,
            created_by=actor,
        )
    )


def slips_enqueue(*, event: DossierEvent) -> str | None:
    """Ask for the slip this event calls for, as part of the caller's transaction.
    Returns the slip kind, or None when the action needs no slip."""
    kind = SLIP_FOR_ACTION.get(event.action)
    if kind is None:
        return None
    from motcua.documents.tasks import generate_slip

    enqueue_with_change(generate_slip, event.dossier_id, str(kind), event.pk)
    return str(kind)


def register_generate(
    *,
    agency: Agency,
    period_from: date,
    period_to: date,
    unit: Unit | None = None,
    actor: User | None = None,
) -> GeneratedDocument:
    """The tracking register for a period. A period that has ended is made once; one still
    running is made afresh each time (new dossiers keep arriving)."""
    if period_to < period_from:
        raise InvalidState(_("Ngày kết thúc phải sau ngày bắt đầu."))
    ended = period_to < timezone.localdate()
    suffix = "" if ended else f":{timezone.now().isoformat()}"
    key = f"register:{agency.pk}:{unit.pk if unit else '-'}:{period_from}:{period_to}{suffix}"
    existing = GeneratedDocument.objects.filter(natural_key=key).first()
    if existing is not None:
        return existing
    data = register_data(agency=agency, period_from=period_from, period_to=period_to, unit=unit)
    return document_store(
        NewDocument(
            kind=DocumentKind.REGISTER,
            natural_key=key[:200],
            title=f"Sổ theo dõi hồ sơ {period_from:%d/%m/%Y}–{period_to:%d/%m/%Y}",
            pdf=render_register(data),
            agency_id=agency.pk,
            created_by=actor,
        )
    )
