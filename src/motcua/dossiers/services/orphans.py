"""Files under ``dossiers/`` that no attachment row names any more.

An attachment's file is written before its row commits (the upload has to be checked and
stored first). When the surrounding transaction rolls back afterwards (a submission that
fails a later check, a crash), the row is gone and the file stays. Nothing is lost (no row
ever pointed at it), but it is a citizen's document left on disk. This sweep deletes such
files once they are old enough that no transaction can still be about to commit them.

A change that deletes attachment rows itself (a draft deleted) releases their files with
:func:`attachment_files_release`, once it commits; whatever that misses (the process
stopped between the commit and the deletion) is left to the sweep.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from datetime import timedelta

from django.core.files.storage import Storage
from django.db import transaction
from django.utils import timezone

from motcua.dossiers.models import Attachment

logger = logging.getLogger(__name__)

ROOT = "dossiers"
GRACE = timedelta(hours=24)


def attachments_sweep_orphans(*, older_than: timedelta = GRACE) -> int:
    """Delete unreferenced attachment files older than ``older_than``; return how many."""
    storage = _storage()
    cutoff = timezone.now() - older_than
    removed = 0
    for folder in _folders(storage):
        names = [f"{folder}/{name}" for name in storage.listdir(folder)[1]]
        known = _named(names)
        for name in names:
            if name in known or storage.get_modified_time(name) > cutoff:
                continue
            storage.delete(name)
            removed += 1
    if removed:
        logger.info("removed %d attachment files that no dossier refers to", removed)
    return removed


def attachment_files_release(names: Iterable[str]) -> None:
    """Delete these attachment files once the caller's transaction commits (a rollback
    keeps them with their rows), except any a row still names."""
    released = [name for name in names if name]
    if released:
        # Robust: the change is committed whatever becomes of its files.
        transaction.on_commit(lambda: _delete_unnamed(released), robust=True)


def _delete_unnamed(names: list[str]) -> None:
    storage = _storage()
    known = _named(names)
    for name in names:
        if name in known:
            continue
        try:
            storage.delete(name)
        except Exception:  # a storage's own errors (S3's are not OSError): swept later
            logger.warning("could not delete %s now; the orphan sweep will", name, exc_info=True)


def _named(names: list[str]) -> set[str]:
    """Those of ``names`` a row still refers to: an attachment, or a document in a
    citizen's store, which would share the file were both kept in one storage."""
    from motcua.documents.models import StoredDocument  # documents builds on dossiers

    attached = Attachment.objects.filter(file__in=names).values_list("file", flat=True)
    stored = StoredDocument.objects.filter(file__in=names).values_list("file", flat=True)
    return {*attached, *stored}


def _storage() -> Storage:
    return Attachment._meta.get_field("file").storage


def _folders(storage: Storage) -> Iterator[str]:
    if not storage.exists(ROOT):
        return
    for sub in storage.listdir(ROOT)[0]:
        yield f"{ROOT}/{sub}"
