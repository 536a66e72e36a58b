"""Notifications go out after the change commits, by email and SMS, and a failing channel
retries on its own without touching the dossier."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.test import override_settings
from django.utils import timezone
from pytest_django import DjangoCaptureOnCommitCallbacks, Settings

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import services
from motcua.dossiers.models import Dossier, Status
from motcua.notifications import adapters
from motcua.notifications.models import Delivery, SandboxSms
from motcua.notifications.services import MAX_ATTEMPTS, deliveries_retry_due, delivery_send
from tests.dossiers.conftest import WEDNESDAY_9AM, intake

pytestmark = pytest.mark.django_db


class BrokenSms:
    def send(self, *, recipient: str, subject: str, body: str) -> None:
        raise ConnectionError("SMS gateway unreachable")


BROKEN = "tests.notifications.test_delivery.BrokenSms"


@pytest.fixture(autouse=True)
def clock() -> Iterator[time_machine.Traveller]:
    adapters._load.cache_clear()
    with time_machine.travel(WEDNESDAY_9AM, tick=False) as traveller:
        yield traveller
    adapters._load.cache_clear()


def test_reception_notifies_by_email_and_sms_after_commit(
    clerk: User,
    version: ProcedureVersion,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        dossier = intake(clerk, version)

    assert [m.to for m in mail.outbox] == [["hoa@example.vn"]]
    assert "Đã tiếp nhận" in str(mail.outbox[0].subject)
    assert dossier.code is not None
    assert dossier.code in mail.outbox[0].body
    sms = SandboxSms.objects.get()
    assert sms.phone == "0912345678" and dossier.code in sms.body
    assert set(Delivery.objects.values_list("state", flat=True)) == {"sent"}


def test_nothing_is_sent_for_a_change_that_rolled_back(
    clerk: User,
    version: ProcedureVersion,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    from django.db import transaction

    def jammed() -> None:
        with transaction.atomic():
            intake(clerk, version)
            raise RuntimeError("printer jammed")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        jammed()
    assert mail.outbox == [] and not Delivery.objects.exists()


@override_settings(NOTIFICATIONS_SMS_ADAPTER=BROKEN)
def test_a_broken_sms_gateway_retries_and_never_blocks_the_dossier(
    clerk: User,
    version: ProcedureVersion,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
    clock: time_machine.Traveller,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        dossier = intake(clerk, version)

    assert Dossier.objects.get(pk=dossier.pk).status == Status.RECEIVED
    assert len(mail.outbox) == 1  # email went out regardless
    sms = Delivery.objects.get(channel="sms")
    assert (sms.state, sms.attempts) == ("pending", 1)
    assert sms.next_attempt_at == WEDNESDAY_9AM + timedelta(minutes=1)
    assert "unreachable" in sms.last_error

    assert deliveries_retry_due() == 0  # not due yet
    for _attempt in range(2, MAX_ATTEMPTS + 1):
        clock.shift(timedelta(hours=5))
        assert deliveries_retry_due() == 1
    sms.refresh_from_db()
    assert (sms.state, sms.attempts) == ("failed", MAX_ATTEMPTS)


def test_a_recovered_gateway_sends_on_retry(
    clerk: User,
    version: ProcedureVersion,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
    clock: time_machine.Traveller,
) -> None:
    broken = override_settings(NOTIFICATIONS_SMS_ADAPTER=BROKEN)
    with broken, django_capture_on_commit_callbacks(execute=True):
        intake(clerk, version)
    adapters._load.cache_clear()
    clock.shift(timedelta(minutes=2))
    assert deliveries_retry_due() == 1
    assert Delivery.objects.get(channel="sms").state == "sent"
    assert SandboxSms.objects.count() == 1


def test_a_delivery_is_sent_once_even_if_its_job_runs_twice(
    clerk: User,
    version: ProcedureVersion,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    from motcua.notifications.services import delivery_send

    with django_capture_on_commit_callbacks(execute=True):
        intake(clerk, version)
    sms = Delivery.objects.get(channel="sms")
    assert delivery_send(delivery_id=sms.pk) is None
    assert SandboxSms.objects.count() == 1


class BrokenMail:
    def send(self, *, recipient: str, subject: str, body: str) -> None:
        raise ConnectionError("mail server refused the connection")


@override_settings(
    NOTIFICATIONS_EMAIL_ADAPTER="tests.notifications.test_delivery.BrokenMail",
    TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
)
def test_one_job_sends_both_channels_and_a_failing_one_spares_the_other(
    clerk: User, version: ProcedureVersion
) -> None:
    from django_tasks_db.models import DBTaskResult

    from motcua.notifications.tasks import send_deliveries

    dossier = intake(clerk, version)
    job = DBTaskResult.objects.get(task_path="motcua.notifications.tasks.send_deliveries")
    ids = job.args_kwargs["args"][0]
    assert sorted(ids) == sorted(Delivery.objects.values_list("pk", flat=True))
    assert len(ids) == 2
    # The email comes first in the job and fails: the SMS goes all the same.
    assert send_deliveries.call(ids) == ["pending", "sent"]
    sms = SandboxSms.objects.get()
    assert dossier.code is not None and dossier.code in sms.body
    email = Delivery.objects.get(channel="email")
    assert (email.state, email.attempts) == ("pending", 1) and "refused" in email.last_error
    # Run again (a worker died before marking the job done): nothing goes twice, and the
    # email is not tried before its back-off.
    assert send_deliveries.call(ids) == [None, None]
    assert SandboxSms.objects.count() == 1
    assert Delivery.objects.get(channel="email").attempts == 1


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_a_job_queued_one_row_at_a_time_by_an_earlier_version_still_sends(
    clerk: User, version: ProcedureVersion
) -> None:
    from motcua.notifications.tasks import send_delivery

    intake(clerk, version)
    sms = Delivery.objects.get(channel="sms")
    assert send_delivery.call(sms.pk) == "sent"
    assert send_delivery.call(sms.pk) is None
    assert SandboxSms.objects.count() == 1
    assert Delivery.objects.get(channel="email").state == "pending"


def test_every_status_change_notifies_the_applicant(
    citizen: User,
    clerk: User,
    version: ProcedureVersion,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    from tests.dossiers.conftest import submit_online

    with django_capture_on_commit_callbacks(execute=True):
        dossier = submit_online(citizen, version)
        dossier = services.dossier_receive(
            dossier=dossier, actor=clerk, expected_version=dossier.version
        )
        services.dossier_forward(dossier=dossier, actor=clerk, expected_version=dossier.version)
    texts = list(SandboxSms.objects.order_by("id").values_list("body", flat=True))
    assert len(texts) == 3
    assert "Mới đăng ký" in texts[0]
    assert "Đã tiếp nhận" in texts[1]
    assert "Đang xử lý" in texts[2]


def _sms(phone: str, body: str = "Ho so da duoc tiep nhan") -> Delivery:
    return Delivery.objects.create(
        channel="sms",
        recipient=phone,
        body=body,
        topic="t",
        dedupe_key=f"sms:{phone}:{len(body)}",
        next_attempt_at=timezone.now(),
    )


@pytest.mark.django_db
def test_sandbox_sms_refuses_a_malformed_number_for_good() -> None:
    delivery = _sms("12345")
    assert delivery_send(delivery_id=delivery.pk) == Delivery.State.FAILED
    delivery.refresh_from_db()
    assert delivery.attempts == 1
    assert "không hợp lệ" in delivery.last_error
    assert not SandboxSms.objects.exists()


@pytest.mark.django_db
def test_sandbox_sms_refuses_an_overlong_text_for_good() -> None:
    delivery = _sms("0912345678", "x" * 460)
    assert delivery_send(delivery_id=delivery.pk) == Delivery.State.FAILED


@pytest.mark.django_db
def test_sandbox_sms_outage_is_retried_then_delivered(settings: Settings) -> None:
    settings.NOTIFICATIONS_SMS_SANDBOX_DOWN = ["0912345678"]
    delivery = _sms("0912345678")
    assert delivery_send(delivery_id=delivery.pk) == Delivery.State.PENDING
    delivery.refresh_from_db()
    assert delivery.next_attempt_at is not None
    settings.NOTIFICATIONS_SMS_SANDBOX_DOWN = []
    Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    assert delivery_send(delivery_id=delivery.pk) == Delivery.State.SENT
    assert SandboxSms.objects.get().phone == "0912345678"


class SmsThatMeetsAnotherRun:
    """While it sends, another run of the same delivery starts: the periodic sweep and
    the delivery's own job, say, both reaching a row that is due."""

    def send(self, *, recipient: str, subject: str, body: str) -> None:
        row = Delivery.objects.get(channel="sms", recipient=recipient)
        SandboxSms.objects.create(phone=recipient, body=body)
        if SandboxSms.objects.count() == 1:
            assert delivery_send(delivery_id=row.pk) is None  # in flight: not claimed


@override_settings(
    NOTIFICATIONS_SMS_ADAPTER="tests.notifications.test_delivery.SmsThatMeetsAnotherRun"
)
def test_a_delivery_in_flight_is_not_claimed_by_another_run(
    clerk: User,
    version: ProcedureVersion,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        intake(clerk, version)
    assert SandboxSms.objects.count() == 1
    sms = Delivery.objects.get(channel="sms")
    assert (sms.state, sms.attempts) == ("sent", 1)


def test_a_worker_that_died_while_sending_is_taken_over_after_its_lease(
    clerk: User, version: ProcedureVersion, clock: time_machine.Traveller
) -> None:
    """A claim is a lease: a worker that dies between its claim and its outcome leaves
    the row to the sweep once the lease has run out, never to a run meanwhile."""
    from motcua.notifications.services import LEASE, deliveries_claim

    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        intake(clerk, version)  # the jobs wait in the queue
    sms = Delivery.objects.get(channel="sms")
    assert [d.pk for d in deliveries_claim(delivery_ids=[sms.pk])] == [sms.pk]
    # ...and the worker dies here.
    assert delivery_send(delivery_id=sms.pk) is None
    clock.shift(LEASE - timedelta(seconds=1))
    assert deliveries_retry_due() == 1  # the email, still due; not the SMS in flight
    assert not SandboxSms.objects.exists()
    clock.shift(timedelta(seconds=2))
    assert deliveries_retry_due() == 1
    sms.refresh_from_db()
    assert (sms.state, sms.attempts) == ("sent", 2)
    assert SandboxSms.objects.count() == 1


class StoppedSms:
    """The worker is stopped (a signal, a deploy) while it sends the text."""

    def send(self, *, recipient: str, subject: str, body: str) -> None:
        raise KeyboardInterrupt("worker stopped")


def test_a_worker_stopped_halfway_leaves_only_the_unsent_rows(
    clerk: User, version: ProcedureVersion, clock: time_machine.Traveller
) -> None:
    from motcua.notifications.services import LEASE, deliveries_send

    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        intake(clerk, version)
    email, sms = Delivery.objects.get(channel="email"), Delivery.objects.get(channel="sms")
    stopped = override_settings(
        NOTIFICATIONS_SMS_ADAPTER="tests.notifications.test_delivery.StoppedSms"
    )
    with stopped, pytest.raises(KeyboardInterrupt):
        deliveries_send(delivery_ids=[email.pk, sms.pk])
    assert len(mail.outbox) == 1
    assert Delivery.objects.get(pk=email.pk).state == "sent"  # recorded as it went
    clock.shift(LEASE + timedelta(seconds=1))
    assert deliveries_retry_due() == 1  # the text only
    assert len(mail.outbox) == 1
    assert SandboxSms.objects.count() == 1
    assert set(Delivery.objects.values_list("state", flat=True)) == {"sent"}
