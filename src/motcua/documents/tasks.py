"""Background jobs of the documents layer. They take ids and are safe to run twice:
generating a slip that already exists returns it."""

from __future__ import annotations

from django_tasks import task

from motcua.documents.services.slips import slip_generate


@task()
def generate_slip(dossier_id: int, kind: str, event_id: int | None = None) -> str:
    return str(slip_generate(dossier_id=dossier_id, kind=kind, event_id=event_id).public_id)
