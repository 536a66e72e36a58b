"""The parts of a published procedure version, read once per process.

A published version never changes (the admin and the catalog services refuse to edit its
documents and steps; a change is a new version), so its required documents and process
steps can be kept in memory the way the working calendar is. Every reception, checklist
check and forward used to read them again: two or three queries per request on the
busiest write paths. Draft versions are always read fresh.

The instances are shared between requests and threads: treat them as read-only.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from motcua.catalog.models import ProcedureVersion, ProcessStep, RequiredDocument

MAX_VERSIONS = 4096  # a province's whole catalog, with its history, several times over


@dataclass(frozen=True)
class VersionParts:
    documents: tuple[RequiredDocument, ...]  # by ``order``
    steps: tuple[ProcessStep, ...]  # by ``order``

    @property
    def mandatory(self) -> tuple[RequiredDocument, ...]:
        return tuple(
            d for d in self.documents if d.requirement == RequiredDocument.Requirement.MANDATORY
        )


_lock = threading.Lock()
_parts: OrderedDict[tuple[int, object], VersionParts] = OrderedDict()


def version_parts(version: ProcedureVersion) -> VersionParts:
    """Documents and steps of ``version``; from memory when it is published."""
    if version.published_at is None:
        return _read(version)
    key = (version.pk, version.published_at)
    with _lock:
        found = _parts.get(key)
        if found is not None:
            _parts.move_to_end(key)
            return found
    parts = _read(version)
    with _lock:
        _parts[key] = parts
        while len(_parts) > MAX_VERSIONS:
            _parts.popitem(last=False)
    return parts


def _read(version: ProcedureVersion) -> VersionParts:
    return VersionParts(
        documents=tuple(RequiredDocument.objects.filter(version=version).order_by("order", "id")),
        steps=tuple(ProcessStep.objects.filter(version=version).order_by("order", "id")),
    )


def forget_all() -> None:
    """Empty the cache (tests reuse primary keys after rolling back)."""
    with _lock:
        _parts.clear()
