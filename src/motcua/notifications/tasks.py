"""Background jobs for notifications. They take ids and are safe to run twice."""

from __future__ import annotations

from django_tasks import task

from motcua.notifications.services import deliveries_retry_due, deliveries_send, delivery_send


@task()
def send_deliveries(delivery_ids: list[int]) -> list[str | None]:
    """The rows one notice queued, one per channel (``delivery_queue``)."""
    return [str(state) if state else None for state in deliveries_send(delivery_ids=delivery_ids)]


@task()
def send_delivery(delivery_id: int) -> str | None:
    """One row. Queued by earlier versions, one job per channel: rows still waiting in
    the queue when a deployment upgrades are sent by it."""
    state = delivery_send(delivery_id=delivery_id)
    return str(state) if state else None


@task()
def retry_due_deliveries() -> int:
    """Run periodically (e.g. every minute by the worker's scheduler or cron)."""
    return deliveries_retry_due()
