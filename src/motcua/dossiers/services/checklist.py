"""The required-documents checklist: what the applicant says they provide, checked
against the procedure version."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from motcua.catalog.models import ProcedureVersion, RequiredDocument
from motcua.catalog.published import version_parts
from motcua.core.rows import insert_all
from motcua.dossiers.errors import InvalidInput
from motcua.dossiers.models import Channel, Dossier, DossierDocument, Provision


@dataclass(frozen=True)
class DocumentInput:
    code: str
    provision: str = Provision.UPLOAD
    originals: int = 0
    copies: int = 0
    reused_reference: str = ""


def checklist_store(
    *, dossier: Dossier, documents: list[DocumentInput], replace: bool = True, fresh: bool = False
) -> list[DossierDocument]:
    """Write the checklist lines; unknown codes and bad provisions are refused by name.

    Every line is checked before any is written, then all are written in one statement
    (two when some lines already exist). ``fresh`` says the dossier was created in this
    transaction and so has no line yet: no need to read them."""
    lines = checklist_lines(dossier, documents)
    existing = {} if fresh or not lines else _existing_lines(dossier, lines)
    for line in lines:
        line.pk = existing.get(line.required_document_id)
    new = [line for line in lines if line.pk is None]
    rewritten = [line for line in lines if line.pk is not None]
    insert_all(new)
    DossierDocument.objects.bulk_update(rewritten, LINE_FIELDS)
    return lines


def checklist_lines(dossier: Dossier, documents: list[DocumentInput]) -> list[DossierDocument]:
    """The checklist lines ``documents`` ask for, every one checked, none written yet."""
    required = {d.code: d for d in version_parts(dossier.procedure_version).documents}
    seen: set[str] = set()
    for n, item in enumerate(documents):
        _require_valid(item, f"documents[{n}]", required, seen)
        if item.provision == Provision.EFORM:
            _require_eform_allowed(dossier, required[item.code], f"documents[{n}].provision")
        seen.add(item.code)
    return [_line(dossier, required[item.code], item) for item in documents]


def checklist_insert(dossier: Dossier, lines: list[DossierDocument]) -> None:
    """Write the lines of a dossier written just before them, in the same change: they
    were made before it had an id."""
    for line in lines:
        line.dossier = dossier
    insert_all(lines)


LINE_FIELDS = ["name", "provision", "originals_received", "copies_received", "reused_reference"]
# ``Provision.values`` builds its list anew on every call (8 µs), five times a reception.
PROVISIONS = frozenset(Provision.values)


def _require_valid(
    item: DocumentInput, where: str, required: dict[str, RequiredDocument], seen: set[str]
) -> None:
    if item.code not in required:
        raise InvalidInput(
            _("Thủ tục không có thành phần hồ sơ mã «%(code)s».") % {"code": item.code},
            field=f"{where}.code",
        )
    if item.code in seen:
        raise InvalidInput(
            _("Thành phần «%(code)s» được khai hai lần.") % {"code": item.code}, field=where
        )
    if item.provision not in PROVISIONS:
        raise InvalidInput(
            _("Hình thức cung cấp phải là upload, counter, reused, eform hoặc missing."),
            field=f"{where}.provision",
        )
    if item.provision == Provision.REUSED and not item.reused_reference:
        raise InvalidInput(
            _("Giấy tờ tái sử dụng phải ghi mã giấy tờ trong kho dữ liệu."),
            field=f"{where}.reused_reference",
        )
    if not (0 <= item.originals <= 20 and 0 <= item.copies <= 20):
        raise InvalidInput(_("Số bản chính, bản sao phải từ 0 đến 20."), field=where)


def _require_eform_allowed(dossier: Dossier, required: RequiredDocument, field: str) -> None:
    """The e-form stands for a document only online, and only for the one the catalog
    says it replaces; anything else must still be handed in or uploaded."""
    if dossier.channel != Channel.ONLINE:
        raise InvalidInput(
            _(
                "Hồ sơ nộp trực tiếp hoặc qua bưu chính không dùng tờ khai điện tử: hãy nhận "
                "bản giấy «%(document)s» và ghi số bản chính, bản sao."
            )
            % {"document": required.name},
            field=field,
        )
    if not required.declared_online:
        raise InvalidInput(
            _(
                "Tờ khai điện tử không thay thế được «%(document)s»: hãy tải tệp lên, dùng "
                "giấy tờ trong kho dữ liệu hoặc nộp bản giấy tại Bộ phận Một cửa."
            )
            % {"document": required.name},
            field=field,
        )


def checklist_record_eform(dossier: Dossier) -> None:
    """On online submission, the declaration just validated is the document it stands
    for: record that on every such line not otherwise provided (absent, «chưa cung cấp»,
    or an upload without a file). A file uploaded or reused, or paper the applicant
    will bring, stays as they chose."""
    if dossier.channel != Channel.ONLINE:
        return
    declared = [d for d in version_parts(dossier.procedure_version).documents if d.declared_online]
    if not declared:
        return
    provisions = dict(
        dossier.documents.filter(required_document__in=declared).values_list(
            "required_document_id", "provision"
        )
    )
    with_files = set(
        dossier.attachments.filter(
            document__required_document__in=declared, withdrawn_at__isnull=True
        ).values_list("document__required_document_id", flat=True)
    )
    missing = [
        required
        for required in declared
        if required.pk not in with_files
        and provisions.get(required.pk) not in (Provision.AT_COUNTER, Provision.EFORM)
    ]
    if missing:
        checklist_store(
            dossier=dossier,
            documents=[DocumentInput(required.code, Provision.EFORM) for required in missing],
        )


def _line(dossier: Dossier, required: RequiredDocument, item: DocumentInput) -> DossierDocument:
    return DossierDocument(
        dossier=dossier,
        required_document=required,
        name=required.name,
        provision=item.provision,
        originals_received=item.originals,
        copies_received=item.copies,
        reused_reference=item.reused_reference,
    )


def _existing_lines(dossier: Dossier, lines: list[DossierDocument]) -> dict[int | None, int]:
    # Drafts and supplements rewrite lines already there: update those in place (same
    # ids), as update_or_create did, and insert the rest.
    found = DossierDocument.objects.filter(
        dossier=dossier, required_document_id__in=[line.required_document_id for line in lines]
    ).values_list("required_document_id", "pk")
    return dict(found)


def checklist_require_complete(
    dossier: Dossier, *, fresh_lines: list[DossierDocument] | None = None
) -> None:
    """Every mandatory document is provided: uploaded (with a file), reused, marked to
    be shown at the counter, or (online) stood for by the electronic declaration; and no
    line, mandatory or not, says "uploaded" without a file.

    ``fresh_lines`` are all the lines of a dossier created in this very transaction (a
    counter intake), which has no attachment yet: they are checked without reading them
    back."""
    if fresh_lines is not None:
        stored = [line for line in fresh_lines if line.required_document_id is not None]
        with_files: set[int | None] = set()
    else:
        stored = list(
            dossier.documents.filter(required_document__isnull=False).select_related(
                "required_document"
            )
        )
        with_files = set(
            dossier.attachments.filter(
                document__isnull=False, withdrawn_at__isnull=True
            ).values_list("document__required_document_id", flat=True)
        )
    lines = {line.required_document_id: line for line in stored}
    for required in _mandatory(dossier.procedure_version):
        line = lines.get(required.pk)
        if line is None or line.provision == Provision.MISSING:
            raise InvalidInput(
                _("Thiếu thành phần hồ sơ bắt buộc «%(document)s».") % {"document": required.name},
                field=f"documents.{required.code}",
            )
        if line.provision == Provision.UPLOAD and required.pk not in with_files:
            raise InvalidInput(
                _("Chưa tải lên tệp cho thành phần «%(document)s».") % {"document": required.name},
                field=f"documents.{required.code}",
            )
        if line.provision == Provision.EFORM:
            _require_eform_allowed(dossier, required, f"documents.{required.code}")
    # A document that is not required may be left out, but not announced as uploaded
    # with no file: the receipt would list it as received.
    for line in lines.values():
        if line.provision == Provision.UPLOAD and line.required_document_id not in with_files:
            raise InvalidInput(
                _(
                    "Chưa tải lên tệp cho thành phần «%(document)s». Hãy tải tệp lên, hoặc "
                    "chọn «Không có» nếu hồ sơ không cần giấy tờ này."
                )
                % {"document": line.name},
                field=f"documents.{line.required_document.code if line.required_document else ''}",
            )


def _mandatory(version: ProcedureVersion) -> tuple[RequiredDocument, ...]:
    return version_parts(version).mandatory
