"""Background jobs for notifications. They take ids and are safe to run twice."""

from __future__ import annotations

from django_tasks import task

from motcua.notifications.services import deliveries_retry_due, delivery_send


@task()
def send_delivery(delivery_id: int) -> str | None:
    state = delivery_send(delivery_id=delivery_id)
    return str(state) if state else None


@task()
def retry_due_deliveries() -> int:
    """Run periodically (e.g. every minute by the worker's scheduler or cron)."""
    return deliveries_retry_due()
