from __future__ import annotations

import pytest
from django.utils import timezone

from motcua.core import periodic
from motcua.notifications.models import Delivery


def test_every_sweep_is_due_at_start_then_waits_its_interval() -> None:
    last: dict[str, float] = {}
    assert [s.task for s in periodic.due_sweeps(last, 1000.0)] == [s.task for s in periodic.SWEEPS]
    for sweep in periodic.SWEEPS:
        last[sweep.task] = 1000.0
    assert periodic.due_sweeps(last, 1059.0) == []
    assert [s.task for s in periodic.due_sweeps(last, 1060.0)] == [
        "motcua.notifications.tasks.retry_due_deliveries"
    ]
    assert len(periodic.due_sweeps(last, 1000.0 + 900)) == 2
    assert len(periodic.due_sweeps(last, 1000.0 + 6 * 3600)) == 3  # the orphan-file sweep
    assert len(periodic.due_sweeps(last, 1000.0 + 24 * 3600)) == 4  # finished jobs pruned


@pytest.mark.django_db
def test_enqueued_sweeps_run(citizen: object) -> None:
    # The immediate backend in tests runs what is enqueued: a due delivery gets sent.
    Delivery.objects.create(
        channel="sms",
        recipient="0912345678",
        body="x",
        topic="t",
        dedupe_key="k",
        next_attempt_at=timezone.now(),
    )
    last: dict[str, float] = {}
    assert len(periodic.enqueue_due(last, 5.0)) == len(periodic.SWEEPS)
    assert Delivery.objects.get().state == Delivery.State.SENT
