"""Writing audit rows. Call inside the transaction of the change being recorded."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.utils import timezone

from motcua.accounts.models import User
from motcua.audit.models import AuditEvent


def audit_record(
    *,
    action: str,
    subject: models.Model,
    actor: User | None = None,
    actor_role: str = "",
    summary: str = "",
    changes: dict[str, Any] | None = None,
) -> AuditEvent:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record must run inside the transaction of the change")
    return AuditEvent.objects.create(
        at=timezone.now(),
        actor=actor,
        actor_role=actor_role,
        action=action,
        subject_type=subject._meta.label_lower,
        subject_id=str(subject.pk),
        summary=summary[:500],
        changes=changes or {},
    )
