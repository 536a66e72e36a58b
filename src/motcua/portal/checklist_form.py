"""The documents checklist as a web form: how each required document is provided, and
the files uploaded for it. Files are stored one by one through ``attachment_add`` as
soon as they arrive, so an upload already made survives any later error on the page."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from motcua.accounts.models import User
from motcua.catalog.models import RequiredDocument
from motcua.dossiers import services
from motcua.dossiers.errors import DossierError
from motcua.dossiers.models import Attachment, Channel, Dossier, Provision
from motcua.dossiers.services import DocumentInput

CITIZEN_CHOICES = [
    (Provision.UPLOAD.value, gettext_noop("Tải tệp lên (PDF, JPG, PNG)")),
    (Provision.AT_COUNTER.value, gettext_noop("Nộp bản giấy tại Bộ phận Một cửa")),
    (Provision.MISSING.value, gettext_noop("Không có / không thuộc trường hợp này")),
]
NOT_APPLICABLE = CITIZEN_CHOICES[2][1]
# Shown through {% translate %}: marked here so the catalog carries them.
EFORM_NOTE = gettext_noop("Đã khai trên tờ khai điện tử")
NO_FILE_YET = gettext_noop("Chưa tải tệp lên")


def by_eform(dossier: Dossier, required: RequiredDocument) -> bool:
    """Online, the declaration the citizen fills in on the portal is this document."""
    return dossier.channel == Channel.ONLINE and required.declared_online


@dataclass
class ChecklistRow:
    required: RequiredDocument
    provision: str
    originals: int
    copies: int
    attachments: list[Attachment] = field(default_factory=list)
    # Files sent earlier that the citizen took back while supplementing: kept, shown apart.
    withdrawn: list[Attachment] = field(default_factory=list)
    error: str = ""
    # A line is stored for the document: the citizen (or clerk) said how it is provided.
    stored: bool = True

    @property
    def code(self) -> str:
        return self.required.code

    @property
    def mandatory(self) -> bool:
        return self.required.requirement == RequiredDocument.Requirement.MANDATORY

    @property
    def eform(self) -> bool:
        return self.provision == Provision.EFORM

    @property
    def provided(self) -> bool:
        """Really provided, not just the upload the form offers first."""
        if self.provision == Provision.UPLOAD:
            return self.stored and bool(self.attachments)
        return self.stored and self.provision != Provision.MISSING

    @property
    def provision_label(self) -> str:
        """What was done for the document, truthfully; empty when nothing was said."""
        if self.eform:
            return EFORM_NOTE
        if not self.stored:
            return ""
        if self.provision == Provision.UPLOAD and not self.attachments:
            return NO_FILE_YET
        if self.provision == Provision.MISSING and self.required.requirement != "mandatory":
            # Said "not in my case" for a document only some applicants need: nothing is
            # missing, and the pages should not say so.
            return NOT_APPLICABLE
        return str(Provision(self.provision).label) if self.provision in Provision.values else ""


def checklist_rows(dossier: Dossier, errors: Mapping[str, str]) -> list[ChecklistRow]:
    lines = {
        line.required_document_id: line
        for line in dossier.documents.filter(required_document__isnull=False)
    }
    files: dict[int, list[Attachment]] = {}
    withdrawn: dict[int, list[Attachment]] = {}
    for attachment in dossier.attachments.select_related("document").order_by("id"):
        if attachment.document is not None and attachment.document.required_document_id:
            into = files if attachment.withdrawn_at is None else withdrawn
            into.setdefault(attachment.document.required_document_id, []).append(attachment)
    rows = []
    for required in dossier.procedure_version.documents.order_by("order", "id"):
        line = lines.get(required.pk)
        attached = files.get(required.pk, [])
        default = (
            Provision.UPLOAD
            if attached or required.requirement == "mandatory"
            else Provision.MISSING
        )
        provision = line.provision if line else default
        if by_eform(dossier, required) and not attached and provision != Provision.AT_COUNTER:
            # Whatever else was said, nothing was provided: submitting records the e-form.
            provision = Provision.EFORM
        rows.append(
            ChecklistRow(
                required=required,
                provision=provision,
                originals=line.originals_received if line else 0,
                copies=line.copies_received if line else 0,
                attachments=attached,
                withdrawn=withdrawn.get(required.pk, []),
                error=errors.get(f"documents.{required.code}")
                or errors.get(f"file-{required.code}", ""),
                stored=line is not None or provision == Provision.EFORM,
            )
        )
    return rows


def _count(raw: Any) -> int:
    try:
        return max(0, min(int(str(raw or "0")), 20))
    except ValueError:
        return 0


def read_checklist(
    data: Mapping[str, Any],
    dossier: Dossier,
    *,
    uploaded: set[str] | None = None,
    reused: set[str] | None = None,
) -> tuple[list[DocumentInput], dict[str, str]]:
    """The posted choices as the service's input; a document the e-form stands for is
    provided by it (the page offers no choice), a document just taken from the store,
    or else with a file just uploaded, is provided that way whatever the radio said. A
    line reused earlier stays reused (with its store reference) while its radio says so."""
    documents: list[DocumentInput] = []
    errors: dict[str, str] = {}
    references = dict(
        dossier.documents.filter(provision=Provision.REUSED).values_list(
            "required_document__code", "reused_reference"
        )
    )
    for required in dossier.procedure_version.documents.order_by("order", "id"):
        code = required.code
        from_store = DocumentInput(
            code, Provision.REUSED, reused_reference=references.get(code, "")
        )
        if by_eform(dossier, required):
            item = DocumentInput(code, Provision.EFORM)
        elif code in references and code in (reused or ()):
            item = from_store
        elif uploaded and code in uploaded:
            item = DocumentInput(code, Provision.UPLOAD)
        elif code in references and data.get(f"provision-{code}") == Provision.REUSED:
            item = from_store
        else:
            item = _one(data, required, False, errors)
        documents.append(item)
    return documents, errors


def read_counter_checklist(
    data: Mapping[str, Any], documents: list[RequiredDocument]
) -> list[DocumentInput]:
    errors: dict[str, str] = {}
    return [_one(data, required, True, errors) for required in documents]


def _one(
    data: Mapping[str, Any], required: RequiredDocument, counter: bool, errors: dict[str, str]
) -> DocumentInput:
    code = required.code
    if counter:
        received = bool(data.get(f"received-{code}"))
        return DocumentInput(
            code,
            Provision.AT_COUNTER if received else Provision.MISSING,
            originals=_count(data.get(f"originals-{code}")) if received else 0,
            copies=_count(data.get(f"copies-{code}")) if received else 0,
        )
    provision = str(data.get(f"provision-{code}", Provision.MISSING))
    if provision not in dict(CITIZEN_CHOICES):
        errors[f"documents.{code}"] = _("Hãy chọn cách cung cấp «%(document)s».") % {
            "document": required.name
        }
        provision = Provision.MISSING
    return DocumentInput(code, provision)


def store_uploads(
    request: HttpRequest, dossier: Dossier, actor: User
) -> tuple[set[str], dict[str, str]]:
    """Store every posted file for its checklist line; a refused file is named next to
    its document and the others are kept. Returns the codes that got a file."""
    errors: dict[str, str] = {}
    stored: set[str] = set()
    codes = set(dossier.procedure_version.documents.values_list("code", flat=True))
    for key in request.FILES:
        code = key.removeprefix("file-")
        if code not in codes:
            continue
        refused: dict[str, list[str]] = {}
        for upload in request.FILES.getlist(key):
            name = upload.name or "tep"
            try:
                services.attachment_add(
                    dossier=dossier,
                    actor=actor,
                    data=upload.read(),
                    name=name,
                    document_code=code,
                )
            except DossierError as exc:
                refused.setdefault(exc.message, []).append(name)
            else:
                stored.add(code)
        if refused:
            errors[f"file-{code}"] = " ".join(_refusal(m, names) for m, names in refused.items())
    return stored, errors


def _refusal(message: str, names: list[str]) -> str:
    """Which files were not kept, and why (a message that names its file says it all)."""
    if len(names) == 1 and names[0] in message:
        return message
    shown = ", ".join(f"«{n}»" for n in names[:5])
    if len(names) > 5:
        more = len(names) - 5
        shown += " " + ngettext("và %(n)s tệp khác", "và %(n)s tệp khác", more) % {"n": more}
    return _("Không lưu được %(files)s: %(reason)s") % {"files": shown, "reason": message}
