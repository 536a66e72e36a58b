"""Queueing and sending notifications.

``delivery_queue`` is called inside the transaction of the change being reported: it
writes the delivery rows and their sending jobs with the change
(``motcua.core.outbox``), so a rolled-back change never notifies and no job runs before
its row is visible.
One job sends every row one call queued (the email and the SMS of one notice): a status
change then queues one sending job instead of one a channel, which the change writes and
the workers claim.
``deliveries_send`` is what the job runs: it claims the rows for a lease, calls each
one's adapter and records each outcome as it goes; failures back off and are retried by
``deliveries_retry_due``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
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
# How long a claimed delivery is left to the run that claimed it: longer than a gateway
# takes to answer or time out, so that only a dead worker's row is ever taken over.
LEASE = timedelta(minutes=10)
SWEEP_CLAIM = 20  # rows the sweep claims at a time: each batch is sent within its lease


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
    if queued:
        enqueue_with_change(_send_task(), [delivery.pk for delivery in queued])
    return queued


def _send_task() -> Task[[list[int]], list[str | None]]:
    from motcua.notifications.tasks import send_deliveries  # the tasks import this module

    return send_deliveries


def deliveries_send(*, delivery_ids: list[int]) -> list[Delivery.State | None]:
    """Send the deliveries that are due, in the order given; None for a row that is not
    (sent already, failed for good, waiting for its back-off, or in flight elsewhere).
    One channel failing leaves the others to go as they would alone. Idempotent: a row
    is claimed before it is sent, and a claimed row is never sent by another run while
    its lease holds."""
    claimed = {delivery.pk: delivery for delivery in deliveries_claim(delivery_ids=delivery_ids)}
    outcomes: list[Delivery.State | None] = []
    for pk in delivery_ids:
        delivery = claimed.pop(pk, None)  # an id given twice is sent once
        if delivery is None:
            outcomes.append(None)
            continue
        try:
            adapter_for(delivery.channel).send(
                recipient=delivery.recipient, subject=delivery.subject, body=delivery.body
            )
        except Exception as exc:  # any adapter failure is the channel's, never the dossier's
            outcomes.append(_record_failure(delivery, exc))
            continue
        # Marked at once, not with the batch's others: a worker stopped halfway through a
        # batch leaves only unsent rows for the sweep to send again.
        Delivery.objects.filter(pk=pk).update(
            state=Delivery.State.SENT, sent_at=timezone.now(), last_error="", next_attempt_at=None
        )
        outcomes.append(Delivery.State.SENT)
    return outcomes


def delivery_send(*, delivery_id: int) -> Delivery.State | None:
    """Send one delivery if it is due (``deliveries_send``)."""
    return deliveries_send(delivery_ids=[delivery_id])[0]


def deliveries_claim(*, delivery_ids: list[int]) -> list[Delivery]:
    """Take the rows that are due for one attempt, for ``LEASE``: another run that meets
    them meanwhile leaves them alone, and the sweep takes over from a worker that died
    before it wrote the outcome once the lease has run out.

    One ``UPDATE … RETURNING``: a row another claim is updating is waited for, then
    tested again, and by then it is no longer due (PostgreSQL re-reads an updated row
    before it updates it; SQLite has one writer at a time)."""
    if not delivery_ids:
        return []
    connection = transaction.get_connection()
    now = timezone.now()
    until = now + LEASE
    due = _NEXT_ATTEMPT.get_db_prep_value(now, connection)
    ids = ", ".join(["%s"] * len(delivery_ids))
    with connection.cursor() as cursor:
        cursor.execute(
            _CLAIM.format(ids=ids),
            [_NEXT_ATTEMPT.get_db_prep_value(until, connection), *delivery_ids, due],
        )
        rows = [Delivery.from_db(connection.alias, _SENDING, row) for row in cursor.fetchall()]
    for row in rows:
        row.next_attempt_at = until
    return rows


# What sending reads, and what an outcome writes; in the model's order of fields, which
# ``Model.from_db`` takes the values in.
_SENDING = [
    field.attname
    for field in Delivery._meta.concrete_fields
    if field.attname
    in {"id", "channel", "recipient", "subject", "body", "attempts", "state", "last_error"}
]
_NEXT_ATTEMPT = Delivery._meta.get_field("next_attempt_at")
# Our own table and columns; the values go as parameters. A row without a next attempt
# was claimed by a version that left its rows so.
_CLAIM = (
    f"UPDATE {Delivery._meta.db_table} SET attempts = attempts + 1, next_attempt_at = %s "  # noqa: S608
    f"WHERE id IN ({{ids}}) AND state = '{Delivery.State.PENDING}' "
    "AND (next_attempt_at IS NULL OR next_attempt_at <= %s) "
    f"RETURNING {', '.join(_SENDING)}"
)


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
    tried = 0
    for start in range(0, len(due), SWEEP_CLAIM):
        outcomes = deliveries_send(delivery_ids=due[start : start + SWEEP_CLAIM])
        tried += sum(outcome is not None for outcome in outcomes)
    return tried
