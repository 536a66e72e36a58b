"""Queueing and sending notifications.

``delivery_queue`` is called inside the transaction of the change being reported: it
writes the delivery rows and their sending jobs with the change
(``motcua.core.outbox``), so a rolled-back change never notifies and no job runs before
its row is visible.
``delivery_send`` is what the job runs: it claims the row, calls the adapter and records
the outcome; failures back off and are retried by ``deliveries_retry_due``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django_tasks.base import Task

from motcua.accounts.models import User
from motcua.core.outbox import enqueue_with_change
from motcua.core.rows import insert_new, insert_unless_taken
from motcua.notifications.adapters import DeliveryRejected, adapter_for
from motcua.notifications.models import Delivery

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
BACKOFF_MINUTES = (1, 5, 15, 60, 240)


@dataclass(frozen=True)
class Recipient:
    email: str = ""
    phone: str = ""
    user: User | None = None


def delivery_queue(
    *,
    recipient: Recipient,
    subject: str,
    body: str,
    topic: str,
    dedupe_key: str,
    fresh: bool = False,
) -> list[Delivery]:
    """Queue one message on each channel the recipient can be reached by.

    ``dedupe_key`` makes queueing idempotent: the same key on the same channel is
    queued at most once, whatever retries happen upstream. ``fresh``: the key names a
    row this change has just written (its audit row), so no delivery can hold it yet;
    the row is then written as any other (``insert_new``, which can wait to go with the
    change's other rows) instead of being checked against the key first.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("delivery_queue must run inside the transaction of the change")
    queued = []
    targets = [(Delivery.Channel.EMAIL, recipient.email), (Delivery.Channel.SMS, recipient.phone)]
    for channel, address in targets:
        if not address:
            continue
        delivery = Delivery(
            channel=channel,
            recipient=address,
            user=recipient.user,
            subject=subject[:255],
            body=body,
            topic=topic,
            dedupe_key=f"{channel}:{dedupe_key}"[:200],
            next_attempt_at=timezone.now(),
        )
        if fresh:
            insert_new(delivery)
        # Already queued under this key: skipped in the same statement, no savepoint.
        elif not insert_unless_taken(delivery, "dedupe_key"):
            continue
        queued.append(delivery)
        enqueue_with_change(_send_task(), delivery.pk)
    return queued


def _send_task() -> Task[[int], str | None]:
    from motcua.notifications.tasks import send_delivery  # the tasks import this module

    return send_delivery


def delivery_send(*, delivery_id: int) -> Delivery.State | None:
    """Send one delivery if it is due. Idempotent: a sent row is never sent again."""
    now = timezone.now()
    with transaction.atomic():
        claimed = Delivery.objects.filter(
            Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now),
            pk=delivery_id,
            state=Delivery.State.PENDING,
        ).update(attempts=F("attempts") + 1, next_attempt_at=None)
    if not claimed:
        return None
    delivery = Delivery.objects.get(pk=delivery_id)
    try:
        adapter_for(delivery.channel).send(
            recipient=delivery.recipient, subject=delivery.subject, body=delivery.body
        )
    except Exception as exc:  # any adapter failure is the channel's, never the dossier's
        return _record_failure(delivery, exc)
    delivery.state = Delivery.State.SENT
    delivery.sent_at = timezone.now()
    delivery.last_error = ""
    delivery.save(update_fields=["state", "sent_at", "last_error"])
    return delivery.state


def _record_failure(delivery: Delivery, exc: Exception) -> Delivery.State:
    logger.warning("delivery %s via %s failed: %s", delivery.pk, delivery.channel, exc)
    delivery.last_error = f"{type(exc).__name__}: {exc}"[:500]
    if delivery.attempts >= MAX_ATTEMPTS or isinstance(exc, DeliveryRejected):
        delivery.state = Delivery.State.FAILED
        delivery.next_attempt_at = None
    else:
        wait = BACKOFF_MINUTES[min(delivery.attempts, len(BACKOFF_MINUTES)) - 1]
        delivery.next_attempt_at = timezone.now() + timedelta(minutes=wait)
    delivery.save(update_fields=["last_error", "state", "next_attempt_at"])
    return Delivery.State(delivery.state)


def deliveries_retry_due(*, limit: int = 500) -> int:
    """Send every pending delivery whose next attempt is due. Returns how many were tried."""
    due = list(
        Delivery.objects.filter(
            state=Delivery.State.PENDING, next_attempt_at__lte=timezone.now()
        ).values_list("pk", flat=True)[:limit]
    )
    for pk in due:
        delivery_send(delivery_id=pk)
    return len(due)
