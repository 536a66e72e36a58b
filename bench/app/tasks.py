"""The no-op job of the background-jobs scenario.

It records that it ran in ``bench_job_run`` (a plain table the harness creates), so the
harness can prove that no job ran twice: a second run leaves a second row.
"""

from django.db import connection
from django_tasks import task


@task(queue_name="bench")
def noop(n: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_job_run (n) VALUES (%s)", [n])
