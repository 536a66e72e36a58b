"""The thread between the applicant and the officials handling the dossier."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.dossiers.errors import InvalidInput, InvalidTransition, NotAllowed
from motcua.dossiers.models import Dossier, Message, Status
from motcua.dossiers.permissions import roles_at

from .notify import notify_message
from .records import Snapshot, event_record

MAX_MESSAGE_CHARS = 5000


def dossier_message_post(*, dossier: Dossier, actor: User, body: str) -> Message:
    """Post to the thread. Messages do not change the dossier, so no version is needed;
    the audit trail still records each one."""
    text = body.strip()
    if not text:
        raise InvalidInput(_("Nội dung trao đổi không được để trống."), field="body")
    if len(text) > MAX_MESSAGE_CHARS:
        raise InvalidInput(
            _("Nội dung dài quá %(count)s ký tự.") % {"count": MAX_MESSAGE_CHARS}, field="body"
        )
    if dossier.status == Status.DRAFT:
        raise InvalidTransition(_("Hồ sơ chưa nộp, chưa thể trao đổi."))
    from_citizen = dossier.applicant_id is not None and dossier.applicant_id == actor.pk
    role = "citizen"
    if not from_citizen:
        held = roles_at(actor, dossier.receiving_agency_id) | roles_at(
            actor, dossier.deciding_agency_id
        )
        if not held:
            raise NotAllowed(_("Bạn không tham gia xử lý hồ sơ này."))
        role = sorted(held)[0]
    with transaction.atomic():
        message = Message.objects.create(
            dossier=dossier, author=actor, from_citizen=from_citizen, body=text, at=timezone.now()
        )
        event_record(
            dossier=dossier,
            before=Snapshot.of(dossier),
            actor=actor,
            actor_role=role,
            action="message",
            changes={"message": message.pk},
        )
        notify_message(dossier=dossier, message=message)
    return message
