"""``python -m bench rows`` on a tiny run, so it cannot rot: every case runs both ways
and leaves nothing behind. No timing is judged here."""

from __future__ import annotations

import math

import pytest
from bench.rows import compare

from motcua.dossiers.models import Dossier, DossierDocument, DossierEvent

pytestmark = pytest.mark.django_db


def test_each_write_is_timed_both_ways_and_rolled_back(received: Dossier) -> None:
    lines, events = DossierDocument.objects.count(), DossierEvent.objects.count()
    stored = Dossier.objects.values().get(pk=received.pk)

    cases = compare(received, writes=2, rounds=1)

    count, _, first = cases[0].name.partition(" ")
    assert int(count) >= 1 and first.startswith("checklist lines")
    assert [c.name.split(":")[0] for c in cases[1:]] == ["audit row", "dossier's step"]
    assert all(c.orm_ms >= 0 and c.rows_ms >= 0 and not math.isinf(c.orm_ms) for c in cases)
    assert DossierDocument.objects.count() == lines
    assert DossierEvent.objects.count() == events
    assert Dossier.objects.values().get(pk=received.pk) == stored
