"""The apology and new appointment (phiếu xin lỗi và hẹn lại): once per dossier, before
the deadline passes."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.core.moments import local_iso
from motcua.dossiers.errors import InvalidInput, InvalidTransition
from motcua.dossiers.models import Dossier, Status
from motcua.dossiers.permissions import require_role
from motcua.organizations.models import Role
from motcua.workdays.engine import apology_deadline

from .clock import calendar_of
from .records import Claimable, Snapshot, change_record, dossier_claim

OPEN_STATES = {
    Status.RECEIVED,
    Status.PROCESSING,
    Status.SUPPLEMENT_REQUESTED,
    Status.OBLIGATION_REQUESTED,
}


def dossier_apologize(
    *, dossier: Claimable, actor: User, expected_version: int, reason: str, new_due_at: datetime
) -> Dossier:
    """The deciding agency's leader or unit head apologizes and sets a new appointment.

    The law asks for the apology at least one working day before the deadline; a later
    one (still before the deadline) is accepted but recorded as short notice, so reports
    can show it.
    """
    if timezone.is_naive(new_due_at):
        raise InvalidInput(_("Ngày hẹn mới phải có múi giờ."), field="new_due_at")
    with transaction.atomic():
        dossier = dossier_claim(dossier=dossier, expected_version=expected_version)
        role = require_role(actor, dossier.deciding_agency, [Role.LEADER, Role.UNIT_HEAD])
        if dossier.status not in OPEN_STATES or dossier.due_at is None:
            raise InvalidTransition(
                _("Không thể hẹn lại khi hồ sơ ở trạng thái «%(status)s».")
                % {"status": _(dossier.status_label)}
            )
        if dossier.rescheduled:
            raise InvalidTransition(_("Hồ sơ đã được hẹn lại một lần; không được hẹn lại nữa."))
        now = timezone.now()
        if now >= dossier.due_at:
            raise InvalidTransition(_("Đã quá hạn trả kết quả; không còn được xin lỗi và hẹn lại."))
        if new_due_at <= dossier.due_at:
            raise InvalidInput(_("Ngày hẹn mới phải sau ngày hẹn cũ."), field="new_due_at")
        if not reason.strip():
            raise InvalidInput(_("Phải ghi rõ lý do chậm trễ."), field="reason")
        cal = calendar_of(dossier)
        notice = cal.elapsed(now, dossier.due_at)
        short_notice = now > apology_deadline(due=dossier.due_at, calendar=cal)
        old_due = dossier.due_at
        before = Snapshot.of(dossier)
        dossier.due_at = new_due_at
        dossier.rescheduled = True
        change_record(
            dossier,
            ["due_at", "rescheduled"],
            before=before,
            actor=actor,
            actor_role=role,
            action="apologize",
            at=now,
            reason=reason.strip(),
            changes={
                "due_at": [local_iso(old_due), local_iso(new_due_at)],
                "notice_minutes": notice,
                "short_notice": short_notice,
            },
        )
        _tell_applicant(dossier, reason.strip(), new_due_at)
        return dossier


def _tell_applicant(dossier: Dossier, reason: str, new_due_at: datetime) -> None:
    from motcua.notifications.services import Recipient, delivery_queue

    delivery_queue(
        recipient=Recipient(
            email=dossier.applicant_email, phone=dossier.applicant_phone, user=dossier.applicant
        ),
        subject=f"[motcua] Xin lỗi và hẹn lại: hồ sơ {dossier.code}",
        body=(
            f"Cơ quan xin lỗi vì chậm giải quyết hồ sơ {dossier.code}. Lý do: {reason}. "
            f"Ngày hẹn mới: {timezone.localtime(new_due_at):%H:%M ngày %d/%m/%Y}."
        ),
        topic=f"dossier:{dossier.pk}",
        dedupe_key=f"dossier-apology:{dossier.pk}",
    )
