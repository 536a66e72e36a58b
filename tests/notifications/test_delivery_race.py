"""Two runs reach one delivery at once (its job and the periodic sweep, or a job run
twice): the text goes once."""

from __future__ import annotations

import time

import pytest
from django.test import override_settings

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.notifications.models import Delivery, SandboxSms
from motcua.notifications.services import deliveries_retry_due, delivery_send
from tests.dossiers.conftest import intake, race

pytestmark = pytest.mark.django_db(transaction=True)

QUEUE_ONLY = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class SlowSms:
    """A gateway that takes a while to answer, so the other run arrives meanwhile."""

    def send(self, *, recipient: str, subject: str, body: str) -> None:
        time.sleep(0.3)
        SandboxSms.objects.create(phone=recipient, body=body)


@override_settings(
    TASKS=QUEUE_ONLY, NOTIFICATIONS_SMS_ADAPTER="tests.notifications.test_delivery_race.SlowSms"
)
def test_the_job_and_the_sweep_at_once_send_the_text_once(
    clerk: User, version: ProcedureVersion
) -> None:
    intake(clerk, version)  # its sending job waits in the queue, the rows are due
    sms = Delivery.objects.get(channel="sms")
    outcomes = race(lambda: delivery_send(delivery_id=sms.pk), deliveries_retry_due)
    assert not [o for o in outcomes if isinstance(o, BaseException)], outcomes
    assert SandboxSms.objects.count() == 1
    sms.refresh_from_db()
    assert (sms.state, sms.attempts) == ("sent", 1)
    assert Delivery.objects.get(channel="email").state == "sent"  # the sweep's other row


@override_settings(
    TASKS=QUEUE_ONLY, NOTIFICATIONS_SMS_ADAPTER="tests.notifications.test_delivery_race.SlowSms"
)
def test_one_job_run_twice_at_once_sends_the_text_once(
    clerk: User, version: ProcedureVersion
) -> None:
    intake(clerk, version)
    sms = Delivery.objects.get(channel="sms")
    outcomes = race(*[lambda: delivery_send(delivery_id=sms.pk)] * 2)
    assert sorted(map(str, outcomes)) == ["None", "sent"], outcomes
    assert SandboxSms.objects.count() == 1
