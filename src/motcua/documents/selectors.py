"""Reads that depend on who asks. A document is visible exactly when its dossier is
(``dossiers.selectors.dossiers_visible_to``); registers belong to the staff of their
agency; store documents to their owner."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from django.db.models import Q, QuerySet

from motcua.accounts.models import User
from motcua.documents.models import DocumentKind, GeneratedDocument, Result, StoredDocument
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import dossiers_visible_to
from motcua.organizations.selectors import staff_roles

VisibleDossiers = Callable[[User], QuerySet[Dossier]]


def documents_visible_to(
    user: User, *, visible_dossiers: VisibleDossiers = dossiers_visible_to
) -> QuerySet[GeneratedDocument]:
    base = GeneratedDocument.objects.select_related("dossier")
    if not user.is_authenticated:
        return base.none()
    condition = Q(dossier__in=visible_dossiers(user).values("pk"))
    if user.kind == User.Kind.STAFF:
        # An agency's own documents (its registers): where the user holds a role; through
        # an API token, at the token's agency only, as for dossiers.
        agencies = {role.agency_id for role in staff_roles(user)}
        condition |= Q(dossier__isnull=True, agency__in=agencies)
    return base.filter(condition)


def document_for_download(user: User, public_id: uuid.UUID) -> GeneratedDocument | None:
    return documents_visible_to(user).filter(public_id=public_id).first()


def slips_of(dossier: Dossier, user: User) -> QuerySet[GeneratedDocument]:
    """The dossier's documents the user may see, newest first."""
    return documents_visible_to(user).filter(dossier=dossier).order_by("-created_at", "-id")


# Kinds whose newer copy replaces the older one in lists: the process control slip is
# drawn again at "resolve" and at "return result", each time with more rows. The older
# copies stay stored (and downloadable by their address) for the record.
SUPERSEDED_BY_NEWER = frozenset({DocumentKind.CONTROL_SLIP})


def dossier_documents(dossier: Dossier, user: User) -> list[GeneratedDocument]:
    """The dossier's documents the user may see, oldest first, one copy per superseding
    kind (the newest)."""
    documents = list(
        documents_visible_to(user).filter(dossier=dossier).order_by("created_at", "id")
    )
    newest = {d.kind: d.pk for d in documents if d.kind in SUPERSEDED_BY_NEWER}
    return [d for d in documents if d.kind not in SUPERSEDED_BY_NEWER or newest[d.kind] == d.pk]


def results_visible_to(user: User) -> QuerySet[Result]:
    return Result.objects.filter(dossier__in=dossiers_visible_to(user).values("pk"))


def store_of(user: User) -> QuerySet[StoredDocument]:
    """A citizen's own store; nobody else's."""
    if not user.is_authenticated or user.kind != User.Kind.CITIZEN:
        return StoredDocument.objects.none()
    return StoredDocument.objects.filter(owner=user).order_by("-created_at", "-id")


def stored_for_download(user: User, public_id: uuid.UUID) -> StoredDocument | None:
    return store_of(user).filter(public_id=public_id).first()
