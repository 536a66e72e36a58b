"""Saving a rendered PDF as a GeneratedDocument, once per natural key."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from motcua.accounts.models import User
from motcua.audit.services import audit_record
from motcua.documents.models import GeneratedDocument


@dataclass(frozen=True)
class NewDocument:
    kind: str
    natural_key: str
    title: str
    pdf: bytes
    dossier_id: int | None = None
    event_id: int | None = None
    agency_id: int | None = None
    issued_electronically: bool = False
    verification_code: str | None = None
    created_by: User | None = None


def document_store(new: NewDocument) -> GeneratedDocument:
    """Write the file, then the row; if another run already made this document, keep
    theirs and drop our file (the file never outlives a failed insert)."""
    existing = GeneratedDocument.objects.filter(natural_key=new.natural_key).first()
    if existing is not None:
        return existing
    doc = GeneratedDocument(
        kind=new.kind,
        natural_key=new.natural_key,
        title=new.title,
        dossier_id=new.dossier_id,
        event_id=new.event_id,
        agency_id=new.agency_id,
        size=len(new.pdf),
        sha256=hashlib.sha256(new.pdf).hexdigest(),
        issued_electronically=new.issued_electronically,
        verification_code=new.verification_code,
        created_by=new.created_by,
    )
    doc.file.save("document.pdf", ContentFile(new.pdf), save=False)
    try:
        with transaction.atomic():
            doc.save()
            audit_record(
                action="document_generate",
                subject=doc,
                actor=new.created_by,
                summary=f"{doc.title} ({doc.natural_key})",
                changes={"sha256": doc.sha256, "kind": doc.kind},
            )
    except IntegrityError:
        doc.file.delete(save=False)
        existing = GeneratedDocument.objects.filter(natural_key=new.natural_key).first()
        if existing is None:
            raise
        return existing
    except BaseException:
        doc.file.delete(save=False)
        raise
    return doc
