"""Dossier models, split by concern; import them from here."""

from motcua.dossiers.models.counters import DossierCounter
from motcua.dossiers.models.documents import Attachment, DossierDocument, Provision
from motcua.dossiers.models.dossier import (
    CLOSED_STATUSES,
    IN_PROGRESS_STATUSES,
    PAUSED_STATUSES,
    UNLINKED,
    Bundle,
    Channel,
    Dossier,
    Status,
)
from motcua.dossiers.models.events import DossierEvent, DossierWarning, Message, Timeliness
from motcua.dossiers.models.tokens import ApiToken

__all__ = [
    "CLOSED_STATUSES",
    "IN_PROGRESS_STATUSES",
    "PAUSED_STATUSES",
    "UNLINKED",
    "ApiToken",
    "Attachment",
    "Bundle",
    "Channel",
    "Dossier",
    "DossierCounter",
    "DossierDocument",
    "DossierEvent",
    "DossierWarning",
    "Message",
    "Provision",
    "Status",
    "Timeliness",
]
