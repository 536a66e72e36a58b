"""Attaching a document from the applicant's own store (kho dữ liệu điện tử) instead of
uploading it again. The checklist line records that it was reused and where from, which
the Decision 766 digitization figures count."""

from __future__ import annotations

import hashlib
import uuid

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.dossiers.errors import DossierError, InvalidInput, NotAllowed, NotFound
from motcua.dossiers.models import Attachment, Dossier, Provision

from .attachments import (
    _check_limits,
    _document_line,
    _uploader_role,
    detect_content_type,
    dossier_lock,
)
from .records import Snapshot, event_record


def attachment_add_reused(
    *,
    dossier: Dossier,
    actor: User,
    stored_document_id: int | str | uuid.UUID,
    document_code: str,
) -> Attachment:
    """Copy a stored document onto a checklist line, marked ``provision="reused"`` with
    its store reference; the store records the use in the same transaction."""
    # The documents layer builds on dossiers' models; import its service late.
    from motcua.documents.errors import DocumentError
    from motcua.documents.services.store import store_reuse

    if not document_code:
        raise InvalidInput(_("Hãy chọn thành phần hồ sơ cần đính kèm."), field="document")
    with transaction.atomic():
        dossier = dossier_lock(dossier, "procedure_version")
        if _uploader_role(actor, dossier) != "citizen":
            raise NotAllowed(_("Chỉ người nộp hồ sơ được dùng giấy tờ trong kho dữ liệu của mình."))
        line = _document_line(dossier, document_code)
        try:
            reused = store_reuse(
                owner=actor, stored_document_id=stored_document_id, dossier=dossier, actor=actor
            )
        except DocumentError as exc:
            raise _as_dossier_error(exc) from exc
        with reused.file:
            data = reused.file.read()
        _check_limits(dossier, len(data))
        content_type = detect_content_type(data)
        if content_type is None:
            raise InvalidInput(
                _("Giấy tờ «%(name)s» không phải PDF, JPEG hoặc PNG hợp lệ.")
                % {"name": reused.name},
                field="stored_document",
            )
        line.provision = Provision.REUSED
        line.reused_reference = reused.reference
        line.save(update_fields=["provision", "reused_reference"])
        attachment = Attachment(
            dossier=dossier,
            document=line,
            original_name=reused.name[:255],
            content_type=content_type,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            uploaded_by=actor,
        )
        attachment.file.save("reused", ContentFile(data), save=False)
        try:
            attachment.save()
            event_record(
                dossier=dossier,
                before=Snapshot.of(dossier),
                actor=actor,
                actor_role="citizen",
                action="attach_reused",
                changes={
                    "attachment": attachment.pk,
                    "document": document_code,
                    "name": attachment.original_name,
                    "sha256": attachment.sha256,
                    "reused_reference": reused.reference,
                },
            )
        except Exception:
            attachment.file.delete(save=False)
            raise
        return attachment


def _as_dossier_error(exc: Exception) -> DossierError:
    message = getattr(exc, "message", str(exc))
    status = getattr(exc, "status_code", 422)
    if status == 404:
        return NotFound(message, field="stored_document")
    if status == 403:
        return NotAllowed(message, field="stored_document")
    return InvalidInput(message, field="stored_document")
