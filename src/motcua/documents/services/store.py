"""The citizen document store: keep what a citizen uploaded and the results issued to
them; let them attach a stored document to a new dossier instead of uploading it again.

For the dossiers layer: ``store_reuse`` answers the file and what to record on the
checklist line (``provision="reused"``, ``reused_reference``); the reuse itself is
recorded here (StoredDocumentUse) for the citizen's history and the Decision 766 index.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass

from django.core.files import File
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.audit.services import audit_record
from motcua.documents.errors import NotAllowed, NotFound
from motcua.documents.models import GeneratedDocument, StoredDocument, StoredDocumentUse
from motcua.documents.uploads import inspect_upload
from motcua.dossiers.models import Dossier, Provision

REFERENCE_PREFIX = "kho:"


@dataclass(frozen=True)
class ReusedDocument:
    """A stored document handed to a new dossier."""

    file: File[bytes]  # open for reading; the caller closes it
    name: str
    content_type: str
    size: int
    sha256: str
    reference: str  # for DossierDocument.reused_reference
    stored_document_id: int
    provision: str = Provision.REUSED


def _max_bytes() -> int:
    from django.conf import settings

    return int(getattr(settings, "MAX_UPLOAD_MB", 20)) * 1024 * 1024


def store_add(
    *,
    owner: User,
    name: str,
    data: bytes,
    filename: str = "",
    actor: User | None = None,
    source_dossier: Dossier | None = None,
) -> StoredDocument:
    """Keep a document the citizen uploaded (checked by content first)."""
    if not owner.is_citizen:
        raise NotAllowed(_("Kho dữ liệu điện tử chỉ dành cho tài khoản công dân, tổ chức."))
    actor = actor or owner
    if actor.pk != owner.pk:
        raise NotAllowed(_("Chỉ chủ tài khoản được thêm giấy tờ vào kho dữ liệu của mình."))
    label = (name or filename).strip()[:255]
    if not label:
        raise NotAllowed(_("Phải đặt tên cho giấy tờ."))
    checked = inspect_upload(data, name=filename or label, max_bytes=_max_bytes())
    doc = StoredDocument(
        owner=owner,
        kind=StoredDocument.Kind.UPLOADED,
        name=label,
        content_type=checked.content_type,
        size=checked.size,
        sha256=hashlib.sha256(data).hexdigest(),
        source_dossier=source_dossier,
    )
    doc.file.save(filename or "document", ContentFile(data), save=False)
    try:
        with transaction.atomic():
            doc.save()
            audit_record(
                action="store_add",
                subject=doc,
                actor=actor,
                actor_role="citizen",
                summary=f"Thêm «{doc.name}» vào kho dữ liệu",
            )
    except BaseException:
        doc.file.delete(save=False)
        raise
    return doc


def store_add_result(*, document: GeneratedDocument) -> StoredDocument | None:
    """Put an issued result in its applicant's store (once). None when the dossier has
    no citizen account to keep it for."""
    dossier = document.dossier
    owner = dossier.applicant if dossier else None
    if owner is None or not owner.is_citizen:
        return None
    existing = StoredDocument.objects.filter(owner=owner, source_document=document).first()
    if existing is not None:
        return existing
    copy = StoredDocument(
        owner=owner,
        kind=StoredDocument.Kind.RESULT,
        name=document.title,
        content_type="application/pdf",
        size=document.size,
        sha256=document.sha256,
        source_dossier=dossier,
        source_document=document,
        issued_electronically=document.issued_electronically,
    )
    # The store shares the stored file: results are immutable, no copy is needed.
    copy.file.name = document.file.name
    try:
        with transaction.atomic():
            copy.save()
            audit_record(
                action="store_add_result",
                subject=copy,
                actor=None,
                summary=f"Lưu kết quả «{copy.name}» vào kho dữ liệu của {owner}",
            )
    except IntegrityError:
        return StoredDocument.objects.get(owner=owner, source_document=document)
    return copy


def _find(owner: User, stored_document_id: int | str | uuid.UUID) -> StoredDocument:
    query = StoredDocument.objects.filter(owner=owner)
    if isinstance(stored_document_id, int):
        found = query.filter(pk=stored_document_id).first()
    else:
        try:
            found = query.filter(public_id=uuid.UUID(str(stored_document_id))).first()
        except ValueError:
            found = None
    if found is None:
        # Someone else's document and a missing one answer the same.
        raise NotFound(
            _("Không tìm thấy giấy tờ trong kho dữ liệu của bạn."), field="stored_document_id"
        )
    return found


def store_reuse(
    *,
    owner: User,
    stored_document_id: int | str | uuid.UUID,
    dossier: Dossier | None = None,
    actor: User | None = None,
) -> ReusedDocument:
    """Hand a stored document to a new dossier and record that it was reused."""
    doc = _find(owner, stored_document_id)
    if dossier is not None and dossier.applicant_id not in (None, owner.pk):
        raise NotAllowed(_("Chỉ dùng lại giấy tờ cho hồ sơ của chính chủ sở hữu."))
    with transaction.atomic():
        use = StoredDocumentUse.objects.create(
            stored_document=doc, dossier=dossier, used_by=actor or owner
        )
        audit_record(
            action="store_reuse",
            subject=doc,
            actor=actor or owner,
            summary=f"Dùng lại «{doc.name}» cho hồ sơ {dossier or '(mới)'}",
            changes={"use": use.pk},
        )
    return ReusedDocument(
        file=doc.file.open("rb"),
        name=doc.name,
        content_type=doc.content_type,
        size=doc.size,
        sha256=doc.sha256,
        reference=f"{REFERENCE_PREFIX}{doc.public_id}",
        stored_document_id=doc.pk,
    )
