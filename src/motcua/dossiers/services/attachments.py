"""Attaching files to a dossier: PDF, JPEG and PNG only, recognised by their content."""

from __future__ import annotations

import hashlib
import io

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from PIL import Image, UnidentifiedImageError

from motcua.accounts.models import User
from motcua.dossiers.errors import InvalidInput, InvalidTransition, NotAllowed, NotFound
from motcua.dossiers.models import (
    Attachment,
    Dossier,
    DossierDocument,
    DossierEvent,
    Provision,
    Status,
)
from motcua.dossiers.permissions import require_applicant, roles_at
from motcua.organizations.models import Role

from .records import Snapshot, event_record

MB = 1024 * 1024
CITIZEN_EDITABLE = {Status.DRAFT, Status.NEW, Status.SUPPLEMENT_REQUESTED}
CLOSED = {Status.REFUSED, Status.WITHDRAWN, Status.STOPPED, Status.RETURNED}


def detect_content_type(data: bytes) -> str | None:
    """The real type of the bytes, or None if they are not a PDF, JPEG or PNG."""
    if data.startswith(b"%PDF-"):
        return "application/pdf" if b"%%EOF" in data[-2048:] else None
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png" if _decodes(data, "PNG") else None
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg" if _decodes(data, "JPEG") else None
    return None


def _decodes(data: bytes, expected: str) -> bool:
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != expected or image.width < 1 or image.height < 1:
                return False
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return False
    return True


def dossier_lock(dossier: Dossier, *related: str) -> Dossier:
    """The dossier's row, read afresh and locked for a change to its files. Gone (its
    draft deleted in another window meanwhile): not found, as for a page."""
    locked = Dossier.objects.select_for_update().select_related(*related).filter(pk=dossier.pk)
    found = locked.first()
    if found is None:
        raise NotFound(_("Không tìm thấy hồ sơ."))
    return found


def attachment_add(
    *, dossier: Dossier, actor: User, data: bytes, name: str, document_code: str = ""
) -> Attachment:
    """Store one file (under a random name) and tie it to a checklist line if given."""
    with transaction.atomic():
        dossier = dossier_lock(dossier, "procedure_version")
        role = _uploader_role(actor, dossier)
        _check_limits(dossier, len(data))
        content_type = detect_content_type(data)
        if content_type is None:
            raise InvalidInput(
                _("Tệp «%(name)s» không phải PDF, JPEG hoặc PNG hợp lệ.") % {"name": name},
                field="file",
            )
        line = _document_line(dossier, document_code) if document_code else None
        attachment = Attachment(
            dossier=dossier,
            document=line,
            original_name=name[:255] or "tep",
            content_type=content_type,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            uploaded_by=actor,
        )
        attachment.file.save("upload", ContentFile(data), save=False)
        try:
            attachment.save()
            event_record(
                dossier=dossier,
                before=Snapshot.of(dossier),
                actor=actor,
                actor_role=role,
                action="attach",
                changes={
                    "attachment": attachment.pk,
                    "name": attachment.original_name,
                    "sha256": attachment.sha256,
                },
            )
        except Exception:
            attachment.file.delete(save=False)
            raise
        return attachment


def attachment_remove(*, dossier: Dossier, attachment_id: int, actor: User) -> str:
    """The citizen takes a file back out (a wrong scan, the wrong page, a blurry copy).

    In a draft, and while supplementing for a file uploaded since the request, the file
    goes: the row and its event in one transaction, the file itself only after that
    commits, so a failure never leaves a row without its file. A file the agency already
    had is part of the record: while supplementing it is withdrawn (kept, marked, no
    longer the line's file). Otherwise files stay. Returns "removed" or "withdrawn"."""
    with transaction.atomic():
        dossier = dossier_lock(dossier)
        require_applicant(actor, dossier)
        if dossier.status not in (Status.DRAFT, Status.SUPPLEMENT_REQUESTED):
            raise InvalidTransition(
                _(
                    "Hồ sơ đã nộp; chỉ gỡ được tệp khi soạn hồ sơ hoặc khi cơ quan yêu cầu bổ "
                    "sung. Nếu cần sửa, hãy nhắn cho cơ quan trong phần «Trao đổi»."
                )
            )
        attachment = dossier.attachments.filter(pk=attachment_id).first()
        if attachment is None:
            raise NotFound(_("Không tìm thấy tệp này trong hồ sơ."))
        if attachment.withdrawn_at is not None:
            raise InvalidTransition(_("Tệp này đã được rút khỏi hồ sơ."))
        before = Snapshot.of(dossier)
        changes = {
            "attachment": attachment_id,
            "name": attachment.original_name,
            "sha256": attachment.sha256,
        }
        withdraw = (
            dossier.status == Status.SUPPLEMENT_REQUESTED
            and attachment.pk not in attached_since_request(dossier.pk)
        )
        if withdraw:
            attachment.withdrawn_at = timezone.now()
            attachment.save(update_fields=["withdrawn_at"])
        else:
            stored, storage = attachment.file.name, attachment.file.storage
            attachment.delete()
            transaction.on_commit(lambda: storage.delete(stored))
        event_record(
            dossier=dossier,
            before=before,
            actor=actor,
            actor_role="citizen",
            action="withdraw_file" if withdraw else "detach",
            changes=changes,
        )
        return "withdrawn" if withdraw else "removed"


def attached_since_request(dossier_id: int) -> set[int]:
    """The ids of files added while the dossier waits for its latest supplement request.
    Told by event order, not by time: a dossier's events are written in order under its
    row lock, so their ids say which came first even within one instant (and before
    reception no clock runs to date anything by)."""
    events = DossierEvent.objects.filter(dossier_id=dossier_id)
    asked = (
        events.filter(action="request_supplement")
        .order_by("-id")
        .values_list("id", flat=True)
        .first()
    )
    if asked is None:
        return set()
    return {
        int(pk)
        for pk in events.filter(action="attach", id__gt=asked).values_list(
            "changes__attachment", flat=True
        )
        if pk is not None
    }


def _uploader_role(actor: User, dossier: Dossier) -> str:
    if dossier.applicant_id is not None and dossier.applicant_id == actor.pk:
        if dossier.status not in CITIZEN_EDITABLE:
            raise InvalidTransition(
                _("Chỉ được tải tệp lên khi soạn, vừa nộp hoặc khi bổ sung hồ sơ.")
            )
        return "citizen"
    if Role.CLERK in roles_at(actor, dossier.receiving_agency_id):
        if dossier.status in CLOSED:
            raise InvalidTransition(_("Hồ sơ đã kết thúc, không thể thêm tệp."))
        return Role.CLERK
    raise NotAllowed(_("Bạn không được thêm tệp vào hồ sơ này."))


def _check_limits(dossier: Dossier, size: int) -> None:
    if size == 0:
        raise InvalidInput(_("Tệp rỗng."), field="file")
    if size > settings.MAX_UPLOAD_MB * MB:
        raise InvalidInput(
            _("Mỗi tệp không được lớn hơn %(mb)s MB.") % {"mb": settings.MAX_UPLOAD_MB},
            field="file",
        )
    existing = dossier.attachments.aggregate(total=Sum("size"))
    # A withdrawn file stays stored (and in the size) but no longer takes a place.
    count = dossier.attachments.filter(withdrawn_at__isnull=True).count()
    if count >= settings.MAX_FILES_PER_DOSSIER:
        raise InvalidInput(
            ngettext(
                "Mỗi hồ sơ có tối đa %(count)s tệp.",
                "Mỗi hồ sơ có tối đa %(count)s tệp.",
                settings.MAX_FILES_PER_DOSSIER,
            )
            % {"count": settings.MAX_FILES_PER_DOSSIER},
            field="file",
        )
    if (existing["total"] or 0) + size > settings.MAX_DOSSIER_MB * MB:
        raise InvalidInput(
            _("Tổng dung lượng tệp của hồ sơ không được vượt %(mb)s MB.")
            % {"mb": settings.MAX_DOSSIER_MB},
            field="file",
        )


def _document_line(dossier: Dossier, code: str) -> DossierDocument:
    required = dossier.procedure_version.documents.filter(code=code).first()
    if required is None:
        raise InvalidInput(
            _("Thủ tục không có thành phần hồ sơ mã «%(code)s».") % {"code": code},
            field="document",
        )
    line, _created = DossierDocument.objects.get_or_create(
        dossier=dossier,
        required_document=required,
        defaults={"name": required.name, "provision": Provision.UPLOAD},
    )
    return line
