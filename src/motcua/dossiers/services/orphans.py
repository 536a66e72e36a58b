"""Files under ``dossiers/`` that no attachment row names any more.

An attachment's file is written before its row commits (the upload has to be checked and
stored first). When the surrounding transaction rolls back afterwards (a submission that
fails a later check, a crash), the row is gone and the file stays. Nothing is lost (no row
ever pointed at it), but it is a citizen's document left on disk. This sweep deletes such
files once they are old enough that no transaction can still be about to commit them.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import timedelta

from django.core.files.storage import Storage
from django.utils import timezone

from motcua.dossiers.models import Attachment

logger = logging.getLogger(__name__)

ROOT = "dossiers"
GRACE = timedelta(hours=24)


def attachments_sweep_orphans(*, older_than: timedelta = GRACE) -> int:
    """Delete unreferenced attachment files older than ``older_than``; return how many."""
    storage = Attachment._meta.get_field("file").storage
    cutoff = timezone.now() - older_than
    removed = 0
    for folder in _folders(storage):
        names = [f"{folder}/{name}" for name in storage.listdir(folder)[1]]
        known = set(Attachment.objects.filter(file__in=names).values_list("file", flat=True))
        for name in names:
            if name in known or storage.get_modified_time(name) > cutoff:
                continue
            storage.delete(name)
            removed += 1
    if removed:
        logger.info("removed %d attachment files that no dossier refers to", removed)
    return removed


def _folders(storage: Storage) -> Iterator[str]:
    if not storage.exists(ROOT):
        return
    for sub in storage.listdir(ROOT)[0]:
        yield f"{ROOT}/{sub}"
