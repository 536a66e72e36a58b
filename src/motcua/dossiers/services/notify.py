"""What a dossier tells people, and when. Called inside the change's transaction; the
messages themselves go out later through notifications' background jobs."""

from __future__ import annotations

from django.conf import settings

from motcua.accounts.models import User
from motcua.dossiers.models import Dossier, DossierEvent, Message, Status
from motcua.notifications.services import Recipient, delivery_queue


def _applicant(dossier: Dossier) -> Recipient:
    return Recipient(
        email=dossier.applicant_email, phone=dossier.applicant_phone, user=dossier.applicant
    )


def _official(user: User) -> Recipient:
    return Recipient(email=user.email, phone=user.phone, user=user)


def notify_status_change(*, dossier: Dossier, event: DossierEvent) -> None:
    """Tell the applicant the new status. Drafts concern nobody but their author.
    ``event`` is the audit row the change has just written."""
    if dossier.status == Status.DRAFT:
        return
    label = dossier.status_label
    ref = dossier.code or f"số {dossier.pk}"
    name = dossier.procedure_version.procedure.name
    by_applicant = event.actor_id is not None and event.actor_id == dossier.applicant_id
    if event.action == "supplement" and by_applicant:
        # Their own answer: acknowledged, not quoted back as if the agency gave a reason.
        then = "chờ cán bộ tiếp nhận" if dossier.status == Status.NEW else "tiếp tục được xử lý"
        lines = [f"Hồ sơ {ref} ({name}): đã nhận phần bổ sung của bạn; hồ sơ {then}."]
    else:
        lines = [f"Hồ sơ {ref} ({name}): {label}."]
        if event.reason and not by_applicant:
            lines.append(f"Lý do: {event.reason}")
    secret_sent = settings.NOTIFY_LOOKUP_SECRET and event.action in ("receive", "intake")
    if secret_sent and dossier.lookup_secret:
        lines.append(f"Mã tra cứu: {dossier.lookup_secret} (dùng cùng mã hồ sơ để tra cứu).")
    if dossier.due_at and dossier.status in (Status.RECEIVED, Status.PROCESSING):
        lines.append(f"Ngày hẹn trả kết quả: {_local(dossier)}.")
    if dossier.code:  # before reception there is nothing to look up with
        lines.append(f"Tra cứu: {settings.PUBLIC_URL}/tra-cuu")
    delivery_queue(
        recipient=_applicant(dossier),
        subject=f"[motcua] Hồ sơ {ref}: {label}",
        body="\n".join(lines),
        topic=f"dossier:{dossier.pk}",
        dedupe_key=f"dossier-event:{event.pk}",
        fresh=True,  # the event was written by this change: no notice can hold its key
    )


def notify_message(*, dossier: Dossier, message: Message) -> None:
    """A new message reaches the other side of the thread."""
    ref = dossier.code or f"số {dossier.pk}"
    subject = f"[motcua] Trao đổi mới về hồ sơ {ref}"
    body = f"Có trao đổi mới về hồ sơ {ref}. Đăng nhập để xem và trả lời."
    if message.from_citizen:
        recipients = [_official(u) for u in [dossier.assignee] if u is not None]
    else:
        recipients = [_applicant(dossier)]
    for n, recipient in enumerate(recipients):
        delivery_queue(
            recipient=recipient,
            subject=subject,
            body=body,
            topic=f"dossier:{dossier.pk}",
            dedupe_key=f"dossier-message:{message.pk}:{n}",
        )


def notify_deadline(*, dossier: Dossier, users: list[User], kind: str, due_label: str) -> None:
    what = "bước xử lý" if kind == "step" else "hồ sơ"
    for user in users:
        delivery_queue(
            recipient=_official(user),
            subject=f"[motcua] Sắp đến hạn: hồ sơ {dossier.code}",
            body=f"Hạn {what} của hồ sơ {dossier.code} là {due_label}, còn dưới một ngày làm việc.",
            topic=f"dossier:{dossier.pk}",
            dedupe_key=f"dossier-warning:{dossier.pk}:{kind}:{due_label}:{user.pk}",
        )


def _local(dossier: Dossier) -> str:
    from django.utils import timezone

    assert dossier.due_at is not None
    return f"{timezone.localtime(dossier.due_at):%H:%M ngày %d/%m/%Y}"
