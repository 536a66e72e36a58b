"""Dossier codes and look-up secrets."""

from __future__ import annotations

import secrets
from datetime import date, datetime

from django.utils import timezone

from motcua.core.counters import counter_text
from motcua.dossiers.models import DossierCounter
from motcua.organizations.models import Agency

# No 0/O, 1/I/L: the secret is read aloud at the counter and typed from paper.
READABLE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
SECRET_LENGTH = 8


def code_allocate(*, agency: Agency, at: datetime) -> str:
    """The next code ``{agency code}-{yyMMdd}-{NNNN}`` for the agency's local day of ``at``
    (as :func:`code_format` writes it).

    Must run inside the reception transaction (``motcua.core.counters``): the counter
    row stays locked until it commits and a rollback hands the number back. Inside
    ``rows_together`` on PostgreSQL the code is a stand-in until the block's rows are
    sent with the increment (``counter_text``).
    """
    day = timezone.localdate(at)
    prefix = code_format(agency.code, day, 0)[:-CODE_DIGITS]
    return counter_text(
        DossierCounter, "a dossier code", prefix=prefix, digits=CODE_DIGITS, agency=agency, day=day
    )


CODE_DIGITS = 4


def code_format(agency_code: str, day: date, sequence: int) -> str:
    """At least four digits; the 10,000th dossier of a day simply gets five."""
    return f"{agency_code}-{day:%y%m%d}-{sequence:0{CODE_DIGITS}d}"


def secret_generate() -> str:
    return "".join(secrets.choice(READABLE_ALPHABET) for _ in range(SECRET_LENGTH))
