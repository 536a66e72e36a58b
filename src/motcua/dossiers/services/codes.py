"""Dossier codes and look-up secrets."""

from __future__ import annotations

import secrets
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from motcua.dossiers.models import DossierCounter
from motcua.organizations.models import Agency

# No 0/O, 1/I/L: the secret is read aloud at the counter and typed from paper.
READABLE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
SECRET_LENGTH = 8


def code_allocate(*, agency: Agency, at: datetime) -> str:
    """The next code ``{agency code}-{yyMMdd}-{NNNN}`` for the agency's local day of ``at``.

    Must run inside the reception transaction: the counter row stays locked until it
    commits, and a rollback hands the number back, so codes are gapless. The row is
    created with insert-or-ignore first, so two clerks opening a new day race safely.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("code_allocate must run inside the reception transaction")
    day = timezone.localdate(at)
    DossierCounter.objects.bulk_create(
        [DossierCounter(agency=agency, day=day, last=0)], ignore_conflicts=True
    )
    counter = DossierCounter.objects.select_for_update().get(agency=agency, day=day)
    counter.last += 1
    counter.save(update_fields=["last"])
    return code_format(agency.code, day, counter.last)


def code_format(agency_code: str, day: date, sequence: int) -> str:
    """At least four digits; the 10,000th dossier of a day simply gets five."""
    return f"{agency_code}-{day:%y%m%d}-{sequence:04d}"


def secret_generate() -> str:
    return "".join(secrets.choice(READABLE_ALPHABET) for _ in range(SECRET_LENGTH))
