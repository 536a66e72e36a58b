"""Building the slips' data from dossiers: the only place the PDF layer meets the models.

Written against the dossiers models as they stand (Dossier, DossierDocument,
DossierEvent with from/to unit and user, timeliness of hand-offs).
"""

from __future__ import annotations

from datetime import date, datetime
from urllib.parse import quote

from django.conf import settings
from django.utils import timezone

from motcua.accounts.models import User
from motcua.catalog.models import RequiredDocument
from motcua.documents.pdf.data import (
    ApologyData,
    ControlSlipData,
    ControlSlipRow,
    Letterhead,
    ReceiptData,
    ReceivedDocument,
    RefusalData,
    RegisterData,
    RegisterRow,
    StopNoticeData,
    SupplementRequestData,
)
from motcua.dossiers.models import Channel, Dossier, DossierEvent, Provision, Status
from motcua.organizations.models import Agency, Unit

DIVISION_PREFIXES = ("Thành phố ", "Tỉnh ", "Phường ", "Xã ", "Đặc khu ", "Thị trấn ")
RECEPTION_ACTIONS = ("intake", "receive")
RESULT_PLACE_MAX = 200
# Documents received without paper: the receipt says how, not "0 bản chính, 0 bản sao".
PROVIDED_AS = {
    Provision.UPLOAD: "Bản điện tử",
    Provision.REUSED: "Bản điện tử tái sử dụng",
    Provision.EFORM: "Tờ khai điện tử",
}


def lookup_url(code: str) -> str:
    """What a slip's QR opens: the public look-up of the dossier."""
    return f"{settings.PUBLIC_URL}/tra-cuu/?ma={quote(code, safe='')}"


def person(user: User | None) -> str:
    if user is None:
        return ""
    return user.full_name or user.username


def place_of(agency: Agency) -> str:
    unit = agency.administrative_unit
    if unit is None:
        return ""
    for prefix in DIVISION_PREFIXES:
        if unit.name.startswith(prefix):
            return unit.name[len(prefix) :]
    return unit.name


def letterhead(
    dossier: Dossier, *, agency: Agency, issued_on: date | None = None, unit_name: str = ""
) -> Letterhead:
    code = dossier.code or ""
    return Letterhead(
        agency_name=agency.name,
        parent_agency_name=agency.parent.name if agency.parent_id and agency.parent else "",
        unit_name=unit_name,
        place=place_of(agency),
        issued_on=issued_on or timezone.localdate(),
        dossier_code=code,
        qr_payload=lookup_url(code) if code else "",
    )


def _reception_unit(agency: Agency) -> str:
    """The desk's printed name; a unit named only by its code prints as its kind."""
    unit = Unit.objects.filter(agency=agency, kind=Unit.Kind.RECEPTION).first()
    if unit is None or unit.name.strip().lower() == unit.code.lower():
        return str(Unit.Kind.RECEPTION.label)
    return unit.name


def receipt_data(dossier: Dossier) -> ReceiptData:
    assert dossier.received_at is not None, "only a received dossier has a receipt"
    version = dossier.procedure_version
    documents = tuple(
        ReceivedDocument(
            name=line.name,
            originals=line.originals_received,
            copies=line.copies_received,
            provided_as=PROVIDED_AS.get(Provision(line.provision), ""),
        )
        for line in dossier.documents.exclude(provision=Provision.MISSING)
    )
    return ReceiptData(
        letterhead=letterhead(
            dossier,
            agency=dossier.receiving_agency,
            issued_on=timezone.localdate(dossier.received_at),
            unit_name=_reception_unit(dossier.receiving_agency),
        ),
        applicant_name=dossier.applicant_name,
        applicant_address=dossier.applicant_address,
        applicant_phone=dossier.applicant_phone,
        applicant_email=dossier.applicant_email,
        identity_number=dossier.applicant_identity_number,
        procedure_name=version.procedure.name,
        channel=Channel(dossier.channel).label,
        legal_duration=version.duration_for_channel(dossier.channel_key).describe(),
        received_at=dossier.received_at,
        due_at=dossier.due_at,
        lookup_secret=dossier.lookup_secret,
        receiving_official=person(dossier.received_by),
        result_place=version.result_place if len(version.result_place) <= RESULT_PLACE_MAX else "",
        documents=documents,
    )


def _event(dossier: Dossier, event: DossierEvent | None, action: str) -> DossierEvent:
    if event is not None:
        return event
    found = dossier.events.filter(action=action).order_by("-at", "-id").first()
    if found is None:
        raise ValueError(f"dossier {dossier.pk} has no {action!r} event")
    return found


def supplement_request_data(
    dossier: Dossier, event: DossierEvent | None = None
) -> SupplementRequestData:
    event = _event(dossier, event, "request_supplement")
    missing = _mandatory_missing(dossier)
    return SupplementRequestData(
        letterhead=letterhead(
            dossier,
            agency=dossier.receiving_agency,
            issued_on=timezone.localdate(event.at),
            unit_name=_reception_unit(dossier.receiving_agency),
        ),
        applicant_name=dossier.applicant_name,
        applicant_address=dossier.applicant_address,
        procedure_name=dossier.procedure_version.procedure.name,
        received_at=dossier.received_at or dossier.submitted_at,
        requested_at=event.at,
        missing=missing,
        reason=event.reason,
        official=person(event.actor),
    )


def _mandatory_missing(dossier: Dossier) -> tuple[str, ...]:
    """The mandatory documents not provided: left out, or to be uploaded with no file.
    A document only some applicants need, which the applicant said is not their case,
    is not asked for."""
    with_files = set(
        dossier.attachments.filter(withdrawn_at__isnull=True).values_list("document_id", flat=True)
    )
    return tuple(
        line.name
        for line in dossier.documents.filter(
            required_document__requirement=RequiredDocument.Requirement.MANDATORY
        ).order_by("required_document__order", "id")
        if line.provision == Provision.MISSING
        or (line.provision == Provision.UPLOAD and line.pk not in with_files)
    )


def refusal_data(dossier: Dossier, event: DossierEvent | None = None) -> RefusalData:
    event = _event(dossier, event, "refuse")
    return RefusalData(
        letterhead=letterhead(
            dossier,
            agency=dossier.receiving_agency,
            issued_on=timezone.localdate(event.at),
            unit_name=_reception_unit(dossier.receiving_agency),
        ),
        applicant_name=dossier.applicant_name,
        applicant_address=dossier.applicant_address,
        procedure_name=dossier.procedure_version.procedure.name,
        submitted_at=dossier.submitted_at,
        refused_at=event.at,
        reason=event.reason,
        official=person(event.actor),
    )


def apology_data(dossier: Dossier, event: DossierEvent | None = None) -> ApologyData:
    event = _event(dossier, event, "apologize")
    old_due, new_due = (datetime.fromisoformat(v) for v in event.changes["due_at"])
    assert dossier.received_at is not None
    return ApologyData(
        letterhead=letterhead(
            dossier, agency=dossier.deciding_agency, issued_on=timezone.localdate(event.at)
        ),
        applicant_name=dossier.applicant_name,
        procedure_name=dossier.procedure_version.procedure.name,
        received_at=dossier.received_at,
        old_due_at=old_due,
        new_due_at=new_due,
        reason=event.reason,
        official=person(event.actor),
        official_title="Lãnh đạo" if event.actor_role == "leader" else "Trưởng bộ phận",
    )


def stop_notice_data(dossier: Dossier, event: DossierEvent | None = None) -> StopNoticeData:
    event = _event(dossier, event, "stop")
    return StopNoticeData(
        letterhead=letterhead(
            dossier, agency=dossier.deciding_agency, issued_on=timezone.localdate(event.at)
        ),
        applicant_name=dossier.applicant_name,
        procedure_name=dossier.procedure_version.procedure.name,
        received_at=dossier.received_at,
        stopped_at=event.at,
        reason=event.reason,
        official=person(event.actor),
    )


def _party(unit: Unit | None, user: User | None) -> str:
    return " – ".join(p for p in (unit.name if unit else "", person(user)) if p)


# What goes back to the applicant and comes back from them while the clock stops: a row
# each, in the slip's "Ghi chú" the request's reason.
PAUSE_NOTES = {
    "request_supplement": "Yêu cầu bổ sung hồ sơ",
    "request_obligation": "Yêu cầu thực hiện nghĩa vụ tài chính",
}
RESUME_NOTES = {
    "supplement": "Đã bổ sung hồ sơ",
    "fulfil_obligation": "Đã thực hiện nghĩa vụ tài chính",
}


def control_rows(dossier: Dossier) -> tuple[ControlSlipRow, ...]:
    """One row per hand-off, in order: reception first, then each step's end, the
    requests to the applicant and their answers, and the result handed to them."""
    rows = []
    applicant = f"Người nộp: {dossier.applicant_name}"
    events = dossier.events.select_related(
        "actor", "from_unit", "to_unit", "from_user", "to_user"
    ).order_by("at", "id")
    for event in events:
        if event.action in RECEPTION_ACTIONS:
            rows.append(
                ControlSlipRow(
                    handed_by=applicant,
                    received_by=_party(event.to_unit, event.actor) or person(event.actor),
                    at=event.at,
                )
            )
        elif event.action in PAUSE_NOTES:
            note = PAUSE_NOTES[event.action]
            rows.append(
                ControlSlipRow(
                    handed_by=_party(event.from_unit, event.actor),
                    received_by=applicant,
                    at=event.at,
                    note=f"{note}: {event.reason}"[:200] if event.reason else note,
                )
            )
        elif event.action in RESUME_NOTES:
            rows.append(
                ControlSlipRow(
                    handed_by=applicant,
                    received_by=_party(event.to_unit, None) or "Bộ phận Một cửa",
                    at=event.at,
                    note=RESUME_NOTES[event.action],
                )
            )
        elif event.timeliness:
            # The result goes to the applicant, whichever unit hands it over.
            if event.action == "return_result":
                receiver = applicant
            else:
                receiver = _party(event.to_unit, event.to_user) or "Bộ phận Một cửa"
            rows.append(
                ControlSlipRow(
                    handed_by=_party(event.from_unit, event.from_user or event.actor),
                    received_by=receiver,
                    at=event.at,
                    timeliness=event.timeliness,
                    note=event.reason[:200],
                )
            )
    return tuple(rows)


def control_slip_data(dossier: Dossier) -> ControlSlipData:
    return ControlSlipData(
        letterhead=letterhead(dossier, agency=dossier.deciding_agency),
        applicant_name=dossier.applicant_name,
        procedure_name=dossier.procedure_version.procedure.name,
        received_at=dossier.received_at,
        due_at=dossier.due_at,
        rows=control_rows(dossier),
    )


def register_data(
    *, agency: Agency, period_from: date, period_to: date, unit: Unit | None = None
) -> RegisterData:
    """Dossiers received by the agency between two local dates, inclusive. The one-stop
    desk's register holds every one of them; another unit's, those that reached it."""
    dossiers = Dossier.objects.filter(
        receiving_agency=agency,
        received_at__isnull=False,
        received_at__date__gte=period_from,
        received_at__date__lte=period_to,
    )
    if unit is not None and unit.kind != Unit.Kind.RECEPTION:
        dossiers = dossiers.filter(
            pk__in=DossierEvent.objects.filter(to_unit=unit).values("dossier_id")
        )
    dossiers = dossiers.select_related("procedure_version__procedure", "deciding_agency").order_by(
        "received_at", "id"
    )
    rows = tuple(
        RegisterRow(
            dossier_code=d.code or "",
            procedure_name=d.procedure_version.procedure.name,
            applicant_name=d.applicant_name,
            applicant_contact=" – ".join(v for v in (d.applicant_address, d.applicant_phone) if v),
            deciding_agency=d.deciding_agency.name,
            received_at=d.received_at,
            due_at=d.due_at,
            finished_at=d.finished_at,
            returned_at=d.returned_at,
            note=Status(d.status).label,
        )
        for d in dossiers
    )
    return RegisterData(
        agency_name=agency.name,
        parent_agency_name=agency.parent.name if agency.parent_id and agency.parent else "",
        unit_name=unit.name if unit else "",
        period_from=period_from,
        period_to=period_to,
        generated_at=timezone.now(),
        rows=rows,
    )
