"""Getting a dossier in: drafts, online submission, counter intake and reception."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from motcua.accounts.models import User
from motcua.catalog.models import Procedure, ProcedureVersion
from motcua.catalog.published import version_parts
from motcua.core.compiled import INT_MARKER, CompiledRead
from motcua.core.moments import local_iso
from motcua.core.rows import insert_new
from motcua.core.together import rows_together
from motcua.core.validators import validate_identity_number
from motcua.documents.pdf.fonts import describe_unprintable, unprintable
from motcua.dossiers.errors import InvalidInput, InvalidTransition, NotAllowed
from motcua.dossiers.models import Channel, Dossier, DossierDocument, Status
from motcua.dossiers.permissions import require_applicant, require_role
from motcua.organizations.models import Agency, Role

from .checklist import (
    DocumentInput,
    checklist_insert,
    checklist_lines,
    checklist_record_eform,
    checklist_require_complete,
    checklist_store,
)
from .clock import STEP_POSITION_FIELDS, clock_start, step_enter
from .codes import code_allocate, secret_generate
from .declaration import declaration_validate
from .records import (
    Claimable,
    Snapshot,
    change_record,
    children_known,
    dossier_claim,
    dossier_write,
    event_record,
    record_ids,
)


@dataclass(frozen=True)
class ApplicantInput:
    """Who applies, as written on the declaration (snapshot kept with the dossier)."""

    name: str
    identity_number: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""

    @classmethod
    def of_user(cls, user: User, **overrides: str) -> ApplicantInput:
        base = {
            "name": user.full_name or user.username,
            "identity_number": user.identity_number or "",
            "phone": user.phone,
            "email": user.email,
        }
        base.update({k: v for k, v in overrides.items() if v})
        return cls(**base)


# A Vietnamese telephone number as people write it: 0 or +84, then 9 digits (mobile) or
# 10 (a landline with its area code); spaces, dots and dashes between groups.
_PHONE = re.compile(r"(?:0|\+84)\d{9,10}")
_PHONE_SEPARATORS = re.compile(r"[\s.\-]")


def applicant_problems(applicant: ApplicantInput) -> dict[str, str]:
    """What is wrong with the contact details typed for an applicant, by field. A phone
    the SMS gateway will refuse, or an e-mail address no server takes, would lose the
    reception notice and its look-up code without anyone knowing."""
    problems: dict[str, str] = {}
    if applicant.identity_number:
        try:
            validate_identity_number(applicant.identity_number)
        except ValidationError as exc:
            problems["identity_number"] = "; ".join(exc.messages)
    if applicant.phone and not _PHONE.fullmatch(_PHONE_SEPARATORS.sub("", applicant.phone)):
        problems["phone"] = _(
            "Số điện thoại không hợp lệ: ghi 10 chữ số bắt đầu bằng 0, ví dụ 0912345678 (máy "
            "bàn ghi cả mã vùng)."
        )
    if applicant.email:
        try:
            validate_email(applicant.email)
        except ValidationError:
            problems["email"] = _("Thư điện tử không hợp lệ, ví dụ ten@example.com.")
    return problems


def applicant_require_valid(applicant: ApplicantInput) -> None:
    for field, message in applicant_problems(applicant).items():
        raise InvalidInput(message, field=f"applicant.{field}")


def version_require_open(version: ProcedureVersion, agency: Agency) -> None:
    """The version can take dossiers today at this agency."""
    today = timezone.localdate()
    procedure = version.procedure
    if not version.is_published:
        raise InvalidInput(_("Phiên bản thủ tục chưa được công bố."), field="procedure")
    if version.effective_from > today:
        raise InvalidInput(
            _("Thủ tục này có hiệu lực từ ngày %(date)s.")
            % {"date": f"{version.effective_from:%d/%m/%Y}"},
            field="procedure",
        )
    if procedure.is_abolished_on(today):
        raise InvalidInput(_("Thủ tục đã bị bãi bỏ, không tiếp nhận hồ sơ."), field="procedure")
    published = _published_at(version, agency)
    if any(version.effective_from < starts <= today for starts, _offered in published):
        raise InvalidInput(
            _("Phiên bản thủ tục này đã được thay thế; vui lòng dùng phiên bản hiện hành."),
            field="procedure",
        )
    if not any(offered for _starts, offered in published):
        raise InvalidInput(
            _("%(agency)s không thực hiện thủ tục này.") % {"agency": agency.name},
            field="agency",
        )
    if not agency.is_active_on(today):
        raise InvalidInput(
            _("%(agency)s không còn hoạt động.") % {"agency": agency.name}, field="agency"
        )


def _published_at(version: ProcedureVersion, agency: Agency) -> Iterable[tuple[date, bool]]:
    """Each published version's start, and whether ``agency`` offers the procedure: as
    the version's own read found them (``ProcedureVersion.published_at_agency``), or read
    now."""
    known = version.published_at_agency
    if known is not None and known[0] == agency.code:
        return known[1]
    rows = _PUBLISHED.all(version.procedure_id, agency.pk)
    return [(row["effective_from"], row["offered"]) for row in rows]


def published_query(procedure_id: int, agency_id: int) -> QuerySet[Any]:
    """The procedure's published versions, each with whether ``agency`` offers the
    procedure: what a new dossier's checks need, in one read."""
    offered = Procedure.agencies.through.objects.filter(
        procedure_id=OuterRef("procedure_id"), agency_id=agency_id
    )
    return (
        ProcedureVersion.objects.published()
        .filter(procedure_id=procedure_id)
        .annotate(offered=Exists(offered))
        .order_by()
        .values_list("effective_from", "offered")
    )


# Every submission and counter intake asks; building the two queries anew cost more
# than running them.
_PUBLISHED = CompiledRead(
    "procedure_published", published_query, markers=(INT_MARKER, INT_MARKER - 1)
)


def new_dossier(
    *,
    version: ProcedureVersion,
    agency: Agency,
    applicant: ApplicantInput,
    applicant_user: User | None,
    channel: int,
    declaration: dict[str, Any],
    status: int,
    idempotency: tuple[str, str] = ("", ""),
    submitted_at: datetime | None = None,
    insert: bool = True,
) -> Dossier:
    """A new dossier, written now unless ``insert`` is false (the caller writes it once
    the change has filled in the rest)."""
    if not applicant.name.strip():
        raise InvalidInput(_("Thiếu họ tên người nộp hồ sơ."), field="applicant.name")
    for field, label, value in (
        ("applicant.name", gettext_noop("Họ tên người nộp"), applicant.name),
        ("applicant.address", gettext_noop("Địa chỉ người nộp"), applicant.address),
    ):
        missing = unprintable(value)
        if missing:
            raise InvalidInput(
                _("«%(title)s» có ký tự không in được trên giấy tờ: %(chars)s.")
                % {"title": _(label), "chars": describe_unprintable(missing)},
                field=field,
            )
    dossier = Dossier(
        procedure_version=version,
        receiving_agency=agency,
        deciding_agency=agency,
        applicant=applicant_user,
        applicant_name=applicant.name.strip()[:200],
        applicant_identity_number=applicant.identity_number,
        applicant_phone=applicant.phone,
        applicant_email=applicant.email,
        applicant_address=applicant.address[:500],
        channel=channel,
        status=status,
        declaration=declaration,
        idempotency_scope=idempotency[0],
        idempotency_key=idempotency[1],
        submitted_at=submitted_at,
    )
    if agency.units_known is not None:
        dossier.step_units = (agency.pk, agency.units_known)
    if insert:
        insert_new(dossier)
    return dossier


def draft_version(draft: Dossier, expected: int | None) -> int:
    # A draft belongs to one citizen; without an expected version, the latest is meant.
    return draft.version if expected is None else expected


def require_citizen(actor: User) -> None:
    if not actor.is_authenticated or actor.kind != User.Kind.CITIZEN:
        raise NotAllowed(_("Chỉ công dân, tổ chức có tài khoản mới nộp hồ sơ trực tuyến."))


def dossier_submit(
    *,
    actor: User,
    version: ProcedureVersion | None = None,
    agency: Agency | None = None,
    declaration: dict[str, Any] | None = None,
    documents: list[DocumentInput] | None = None,
    applicant: ApplicantInput | None = None,
    draft: Dossier | None = None,
    expected_version: int | None = None,
    idempotency_key: str = "",
    idempotency_scope: str = "",
) -> Dossier:
    """A citizen submits online (status 1), either a new dossier or their draft.

    With an ``idempotency_key`` a retried request returns the dossier the first one
    created, never a second one.
    """
    require_citizen(actor)
    return _once(
        actor,
        idempotency_key,
        idempotency_scope,
        version,
        lambda idem: _submit(
            actor,
            version,
            agency,
            declaration,
            documents,
            applicant,
            draft,
            expected_version,
            idem,
        ),
    )


def _once(
    actor: User,
    key: str,
    scope: str,
    version: ProcedureVersion | None,
    create: Callable[[tuple[str, str]], Dossier],
    check: Callable[[], None] | None = None,
) -> Dossier:
    """Create at most one dossier per client and ``Idempotency-Key``: a retry gets the
    dossier the first request created, even when both race.

    ``check`` validates before the transaction opens (after a replay is ruled out): on
    SQLite a write transaction holds the one writer's lock from its first statement, so
    reads and checks that need no lock are kept out of it."""
    key = key.strip()[:100]
    scope = scope or f"user:{actor.pk}"
    if key:
        existing = Dossier.objects.filter(idempotency_scope=scope, idempotency_key=key).first()
        if existing is not None:
            return _replayed(existing, version)
    if check is not None:
        check()
    if not key:
        with transaction.atomic():
            return create(("", ""))
    try:
        with transaction.atomic():
            return create((scope, key))
    except IntegrityError:
        # A concurrent retry with the same key won the insert: answer with its dossier.
        existing = Dossier.objects.filter(idempotency_scope=scope, idempotency_key=key).first()
        if existing is None:
            raise
        return _replayed(existing, version)


def _replayed(existing: Dossier, version: ProcedureVersion | None) -> Dossier:
    if version is not None and existing.procedure_version_id != version.pk:
        raise InvalidInput(
            _("Idempotency-Key này đã được dùng cho một hồ sơ khác."), field="Idempotency-Key"
        )
    return existing


def _submit(
    actor: User,
    version: ProcedureVersion | None,
    agency: Agency | None,
    declaration: dict[str, Any] | None,
    documents: list[DocumentInput] | None,
    applicant: ApplicantInput | None,
    draft: Dossier | None,
    expected_version: int | None,
    idempotency: tuple[str, str],
) -> Dossier:
    if draft is not None:
        dossier = dossier_claim(
            dossier=draft, expected_version=draft_version(draft, expected_version)
        )
        require_applicant(actor, dossier)
        if dossier.status != Status.DRAFT:
            raise InvalidTransition(_("Hồ sơ này đã được nộp."))
        if declaration is not None:
            dossier.declaration = declaration
    else:
        if version is None or agency is None:
            raise InvalidInput(_("Cần chọn thủ tục và cơ quan tiếp nhận."), field="procedure")
        dossier = new_dossier(
            version=version,
            agency=agency,
            applicant=applicant or ApplicantInput.of_user(actor),
            applicant_user=actor,
            channel=Channel.ONLINE,
            declaration=declaration or {},
            status=Status.DRAFT,
            idempotency=idempotency,
        )
    version_require_open(dossier.procedure_version, dossier.receiving_agency)
    declaration_validate(dossier.declaration, dossier.procedure_version.declaration_schema)
    if documents is not None:
        checklist_store(dossier=dossier, documents=documents, fresh=draft is None)
    checklist_record_eform(dossier)
    checklist_require_complete(dossier)
    before = Snapshot.of(dossier) if draft is not None else None
    dossier.status = Status.NEW
    dossier.submitted_at = timezone.now()
    change_record(
        dossier,
        ["status", "submitted_at", "declaration"],
        before=before,
        actor=actor,
        actor_role="citizen",
        action="submit",
    )
    return dossier


def _receive(
    dossier: Dossier,
    actor: User,
    role: str,
    *,
    action: str = "receive",
    new_lines: list[DossierDocument] | None = None,
) -> Dossier:
    """Status 1 → 2: fix the start, the appointment and the code, enter the first step.

    ``new_lines``: the dossier is new to this change (a counter intake) and is not
    written yet; it is written once, whole, then these checklist lines with it, instead
    of an insert and then an update."""
    steps = version_parts(dossier.procedure_version).steps
    if not steps:
        raise InvalidInput(
            _(
                "Thủ tục chưa có quy trình nội bộ; cơ quan cần khai báo quy trình trước khi "
                "tiếp nhận hồ sơ."
            ),
            field="procedure",
        )
    checklist_require_complete(dossier, fresh_lines=new_lines)
    before = Snapshot.of(dossier)
    now = timezone.now()
    dossier.status = Status.RECEIVED
    dossier.received_at = now
    dossier.received_by = actor
    dossier.lookup_secret = secret_generate()
    clock_start(dossier, received_at=now)
    assert dossier.clock_started_at is not None
    step_enter(dossier, steps[0], at=now)
    # The counter row stays locked until commit. On PostgreSQL its increment goes with
    # the change's rows, in one statement (``motcua.core.together``), and the code is a
    # stand-in until then; elsewhere it is taken first, and the rows follow.
    reserve = {Dossier: 1, DossierDocument: len(new_lines)} if new_lines is not None else {}
    with rows_together(reserve={**reserve, **record_ids(dossier, before)}):
        dossier.code = code_allocate(agency=dossier.receiving_agency, at=now)
        if new_lines is not None:
            insert_new(dossier)
            checklist_insert(dossier, new_lines)
        else:
            dossier_write(
                dossier,
                [
                    "status",
                    "received_at",
                    "received_by",
                    "code",
                    "lookup_secret",
                    "clock_started_at",
                    "due_at",
                    *STEP_POSITION_FIELDS,
                ],
            )
        event_record(
            dossier=dossier,
            before=before,
            actor=actor,
            actor_role=role,
            action=action,
            at=now,
            changes={"code": dossier.code, "due_at": local_iso(dossier.due_at)},
        )
    return dossier


def dossier_receive(*, dossier: Claimable, actor: User, expected_version: int) -> Dossier:
    """A clerk receives an online dossier after checking it is complete."""
    with transaction.atomic():
        dossier = dossier_claim(dossier=dossier, expected_version=expected_version)
        role = require_role(actor, dossier.receiving_agency, [Role.CLERK])
        if dossier.status != Status.NEW:
            raise InvalidTransition(
                _("Chỉ tiếp nhận được hồ sơ mới đăng ký; hồ sơ đang ở trạng thái «%(status)s».")
                % {"status": _(dossier.status_label)}
            )
        return _receive(dossier, actor, role)


def dossier_intake(
    *,
    actor: User,
    version: ProcedureVersion,
    agency: Agency,
    applicant: ApplicantInput,
    declaration: dict[str, Any],
    documents: list[DocumentInput],
    channel: int = Channel.IN_PERSON,
    applicant_user: User | None = None,
    idempotency_key: str = "",
) -> Dossier:
    """A clerk enters a dossier at the counter (or from the post) and receives it at once.
    Integrators that retry pass an ``idempotency_key``, as for online submission."""
    if channel not in (Channel.IN_PERSON, Channel.POSTAL):
        raise InvalidInput(
            _("Hồ sơ nhập tại quầy là trực tiếp hoặc qua bưu chính."), field="channel"
        )

    role = ""

    def check() -> None:
        nonlocal role
        role = require_role(actor, agency, [Role.CLERK])
        applicant_require_valid(applicant)
        version_require_open(version, agency)
        declaration_validate(declaration, version.declaration_schema)

    def create(idempotency: tuple[str, str]) -> Dossier:
        dossier = new_dossier(
            version=version,
            agency=agency,
            applicant=applicant,
            applicant_user=applicant_user,
            channel=channel,
            declaration=declaration,
            status=Status.NEW,
            idempotency=idempotency,
            submitted_at=timezone.now(),
            insert=False,
        )
        lines = checklist_lines(dossier, documents)
        received = _receive(dossier, actor, role, action="intake", new_lines=lines)
        # New at the counter: these lines are all it has, and no file yet.
        children_known(received, documents=lines, attachments=[])
        return received

    return _once(actor, idempotency_key, "", version, create, check)
