"""Jobs a change asks for exist exactly when the change does: with the database queue
they are written in the change's own transaction; with other backends, on commit."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.core.outbox import enqueue_with_change, jobs_together
from motcua.dossiers.models import Dossier
from motcua.notifications.models import Delivery
from motcua.notifications.tasks import send_delivery
from tests.dossiers.conftest import intake
from tests.statements import sent

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def database_queue(settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _job_paths() -> list[str]:
    return sorted(DBTaskResult.objects.values_list("task_path", flat=True))


def test_a_reception_commits_its_jobs_in_its_own_transaction(
    database_queue: None, clerk: User, version: ProcedureVersion
) -> None:
    with transaction.atomic():
        dossier = intake(clerk, version)
        # Inside the transaction, before it commits: the change's jobs are there.
        inside = _job_paths()
    # One job sends the notice on both channels (email and SMS).
    assert inside == [
        "motcua.documents.tasks.generate_slip",
        "motcua.notifications.tasks.send_deliveries",
    ]
    assert _job_paths() == inside
    slip = DBTaskResult.objects.get(task_path="motcua.documents.tasks.generate_slip")
    assert slip.args_kwargs["args"][0] == dossier.pk
    send = DBTaskResult.objects.get(task_path="motcua.notifications.tasks.send_deliveries")
    assert sorted(send.args_kwargs["args"][0]) == sorted(
        Delivery.objects.values_list("pk", flat=True)
    )
    assert Delivery.objects.count() == 2


def test_a_reception_writes_its_jobs_in_one_statement(
    database_queue: None, clerk: User, version: ProcedureVersion
) -> None:
    table = DBTaskResult._meta.db_table
    with CaptureQueriesContext(connection) as queries:
        intake(clerk, version)
    writes = [sql for sql in sent(queries.captured_queries) if f'"{table}"' in sql]
    assert len(writes) == 1 and writes[0].startswith("INSERT"), writes
    assert len(_job_paths()) == 2


def test_jobs_gathered_are_written_when_the_outer_block_ends(database_queue: None) -> None:
    table = DBTaskResult._meta.db_table
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        with jobs_together():
            enqueue_with_change(send_delivery, 1)
            with jobs_together():
                enqueue_with_change(send_delivery, 2)
            assert _job_paths() == []  # the inner block left its row to the outer one
            enqueue_with_change(send_delivery, 3)
            assert _job_paths() == []
        assert len(_job_paths()) == 3
    writes = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("INSERT")]
    assert len(writes) == 1 and f'"{table}"' in writes[0]
    args = sorted(job.args_kwargs["args"][0] for job in DBTaskResult.objects.all())
    assert args == [1, 2, 3]


def test_an_error_in_the_block_writes_none_of_its_jobs(database_queue: None) -> None:
    def refused() -> None:
        with jobs_together():
            enqueue_with_change(send_delivery, 1)
            raise ValueError("checked too late")

    with transaction.atomic():
        with pytest.raises(ValueError, match="checked too late"):
            refused()
        enqueue_with_change(send_delivery, 2)  # the transaction itself goes on
    assert [job.args_kwargs["args"][0] for job in DBTaskResult.objects.all()] == [2]


def test_a_change_that_rolls_back_leaves_no_job(
    database_queue: None, clerk: User, version: ProcedureVersion
) -> None:
    seen = []

    def jammed() -> None:
        with transaction.atomic():
            intake(clerk, version)
            seen.extend(_job_paths())
            raise RuntimeError("the counter printer jammed")

    with pytest.raises(RuntimeError):
        jammed()
    assert len(seen) == 2
    assert _job_paths() == [] and not Dossier.objects.exists()
    assert not Delivery.objects.exists()


def test_with_another_backend_the_job_waits_for_the_commit(
    clerk: User, version: ProcedureVersion, mailoutbox: list[Any]
) -> None:
    # The tests' immediate backend runs a job when it is enqueued: inside the transaction
    # it would mail about a change that may still roll back.
    with transaction.atomic():
        intake(clerk, version)
        assert mailoutbox == []
    assert len(mailoutbox) == 1


def test_a_job_outside_a_transaction_is_refused(database_queue: None) -> None:
    with pytest.raises(RuntimeError, match="inside the transaction"):
        enqueue_with_change(send_delivery, 1)
    assert _job_paths() == []


def test_the_job_row_is_the_one_the_library_writes(database_queue: None) -> None:
    """The job row is written without ``Task.enqueue``; it must be the row ``enqueue``
    writes, column for column, for a plain task and one deferred with a priority."""
    later = send_delivery.using(priority=7, run_after=timezone.now() + timedelta(hours=1))
    for task in (send_delivery, later):
        with transaction.atomic():
            theirs = task.enqueue(41).id
            enqueue_with_change(task, 41)
        ours = DBTaskResult.objects.exclude(id=theirs).get()
        library = DBTaskResult.objects.get(id=theirs)
        assert ours.enqueued_at >= library.enqueued_at

        def columns(job: DBTaskResult[Any, Any]) -> dict[str, Any]:
            skip = {"id", "enqueued_at"}
            return {
                f.attname: getattr(job, f.attname)
                for f in job._meta.concrete_fields
                if f.attname not in skip
            }

        assert columns(ours) == columns(library)
        # What the worker reads back from it is the task as enqueued.
        assert ours.task == task and ours.task_result.args == [41]
        DBTaskResult.objects.all().delete()
