"""Run background jobs, claimed in batches (`motcua worker` runs this)."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import CommandError
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand
from django_tasks_db.management.commands.db_worker import valid_max_tasks

from motcua.core import jobs


class Command(DbWorkerCommand):
    help = (
        "Chạy tác vụ nền từ hàng đợi trong cơ sở dữ liệu, mỗi lần nhận một lô "
        f"(--claim, mặc định {jobs.DEFAULT_CLAIM})."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(worker_id=None)
        parser.add_argument(
            "--claim",
            type=valid_max_tasks,
            default=jobs.DEFAULT_CLAIM,
            help="số tác vụ nhận trong một giao dịch (mặc định %(default)s)",
        )

    def handle(self, *, verbosity: int, **options: Any) -> None:
        self.configure_logging(verbosity)
        queue_names = options["queue_name"].split(",")
        excluded = options["exclude_queues"].split(",") if options["exclude_queues"] else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues chỉ dùng được cùng --queue-name='*'")
        worker = jobs.BatchWorker(
            claim=options["claim"],
            queue_names=queue_names,
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"] or jobs.new_worker_id(),
            excluded_queue_names=excluded,
        )
        worker.configure_signals()
        jobs.requeue_abandoned()
        worker.run()
