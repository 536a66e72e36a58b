"""What each document prints, as plain frozen values (no models, no queries).

``slips_from_dossier`` builds these from a dossier; tests and the admin preview build
them by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class Letterhead:
    """The top of every document: who issues it, where, when, and for which dossier."""

    agency_name: str
    issued_on: date
    parent_agency_name: str = ""
    unit_name: str = ""
    place: str = ""
    dossier_code: str = ""
    qr_payload: str = ""
    qr_caption: str = "Quét mã để tra cứu hồ sơ"
    # A signed result's code, printed under the QR for a person to type at /xac-thuc/.
    verification_code: str = ""


@dataclass(frozen=True)
class ReceivedDocument:
    name: str
    originals: int = 0
    copies: int = 0
    # How a document received without paper came (e.g. "Bản điện tử"): printed instead
    # of counts of originals and copies, which it does not have.
    provided_as: str = ""


@dataclass(frozen=True)
class ReceiptData:
    letterhead: Letterhead
    applicant_name: str
    procedure_name: str
    received_at: datetime
    due_at: datetime | None
    lookup_secret: str
    receiving_official: str
    applicant_address: str = ""
    applicant_phone: str = ""
    applicant_email: str = ""
    identity_number: str = ""
    channel: str = ""
    legal_duration: str = ""
    result_place: str = ""
    documents: tuple[ReceivedDocument, ...] = ()


@dataclass(frozen=True)
class SupplementRequestData:
    letterhead: Letterhead
    applicant_name: str
    procedure_name: str
    requested_at: datetime
    missing: tuple[str, ...]
    reason: str
    official: str
    received_at: datetime | None = None
    applicant_address: str = ""


@dataclass(frozen=True)
class RefusalData:
    letterhead: Letterhead
    applicant_name: str
    procedure_name: str
    refused_at: datetime
    reason: str
    official: str
    submitted_at: datetime | None = None
    applicant_address: str = ""


@dataclass(frozen=True)
class ApologyData:
    letterhead: Letterhead
    applicant_name: str
    procedure_name: str
    received_at: datetime
    old_due_at: datetime
    new_due_at: datetime
    reason: str
    official: str
    official_title: str = "Lãnh đạo"


@dataclass(frozen=True)
class StopNoticeData:
    letterhead: Letterhead
    applicant_name: str
    procedure_name: str
    received_at: datetime | None
    stopped_at: datetime
    reason: str
    official: str


@dataclass(frozen=True)
class ControlSlipRow:
    """One hand-off: who gave the dossier to whom, when, and how that step went."""

    handed_by: str
    received_by: str
    at: datetime
    timeliness: str = ""  # "early", "on_time", "late" or "" when not judged
    note: str = ""


@dataclass(frozen=True)
class ControlSlipData:
    letterhead: Letterhead
    applicant_name: str
    procedure_name: str
    received_at: datetime | None
    due_at: datetime | None
    rows: tuple[ControlSlipRow, ...]


@dataclass(frozen=True)
class RegisterRow:
    dossier_code: str
    procedure_name: str
    applicant_name: str
    applicant_contact: str
    deciding_agency: str
    received_at: datetime | None
    due_at: datetime | None
    finished_at: datetime | None = None
    returned_at: datetime | None = None
    note: str = ""


@dataclass(frozen=True)
class RegisterData:
    agency_name: str
    period_from: date
    period_to: date
    generated_at: datetime
    rows: tuple[RegisterRow, ...]
    unit_name: str = ""
    parent_agency_name: str = ""


@dataclass(frozen=True)
class SignatureBox:
    """Where the visible signature goes, in PDF points from the page's bottom-left."""

    page: int
    x1: float
    y1: float
    x2: float
    y2: float

    def as_tuple(self) -> tuple[int, int, int, int]:
        return (round(self.x1), round(self.y1), round(self.x2), round(self.y2))


@dataclass(frozen=True)
class ResultData:
    letterhead: Letterhead
    title: str
    body: str
    signer_name: str
    signer_title: str = "CHỦ TỊCH"
    on_behalf_of: str = ""
    number: str = ""


@dataclass(frozen=True)
class RenderedResult:
    pdf: bytes
    signature_box: SignatureBox


@dataclass(frozen=True)
class StampData:
    """The text inside the visible signature."""

    signer_name: str
    agency_name: str
    signed_at: datetime
    lines: tuple[str, ...] = field(default=())
