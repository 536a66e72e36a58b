"""Deadline warnings: a step or a whole dossier due within one working day."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from motcua.accounts.models import User
from motcua.dossiers.models import IN_PROGRESS_STATUSES, Dossier, DossierWarning
from motcua.organizations.models import Role, StaffRole

from .clock import calendar_of
from .notify import notify_deadline

# Prefilter only: a working day ahead is at most this far even across Tết.
HORIZON = timedelta(days=14)


def dossiers_warn_due_soon(*, now: datetime | None = None) -> int:
    """Warn the assignee and the unit head once per dossier and deadline. Returns how many
    warnings were sent; running it again sends none."""
    now = now or timezone.now()
    candidates = (
        Dossier.objects.filter(status__in=IN_PROGRESS_STATUSES)
        .filter(
            Q(current_step_due_at__gt=now, current_step_due_at__lte=now + HORIZON)
            | Q(due_at__gt=now, due_at__lte=now + HORIZON)
        )
        .select_related("deciding_agency", "assignee", "current_unit")
    )
    sent = 0
    for dossier in candidates:
        limit = calendar_of(dossier).add_working_minutes(now, calendar_of(dossier).minutes_per_day)
        for kind, due in (
            (DossierWarning.Kind.STEP, dossier.current_step_due_at),
            (DossierWarning.Kind.DOSSIER, dossier.due_at),
        ):
            if due is not None and now < due <= limit and _warn(dossier, kind, due):
                sent += 1
    return sent


def _warn(dossier: Dossier, kind: str, due: datetime) -> bool:
    try:
        with transaction.atomic():
            DossierWarning.objects.create(dossier=dossier, kind=kind, due_at=due)
            notify_deadline(
                dossier=dossier,
                users=_people(dossier),
                kind=kind,
                due_label=f"{timezone.localtime(due):%H:%M %d/%m/%Y}",
            )
    except IntegrityError:
        return False  # already warned about this deadline
    return True


def _people(dossier: Dossier) -> list[User]:
    heads = StaffRole.objects.filter(agency_id=dossier.deciding_agency_id, role=Role.UNIT_HEAD)
    if dossier.current_unit_id is not None:
        heads = heads.filter(Q(unit_id=dossier.current_unit_id) | Q(unit__isnull=True))
    people = {sr.user_id: sr.user for sr in heads.select_related("user")}
    if dossier.assignee is not None:
        people[dossier.assignee.pk] = dossier.assignee
    return list(people.values())
