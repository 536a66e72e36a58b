"""Settings come from the environment; a wrong value stops start-up with a sentence that
names the variable (checked in a fresh interpreter, as the server would start)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import fresh_python, subprocess_database_url

PRINT_CACHE = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.CACHES['default']['BACKEND'])"
)


def start(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return fresh_python(tmp_path, PRINT_CACHE, **env)


@pytest.mark.parametrize(
    ("env", "sentence"),
    [
        ({"MOTCUA_MAX_INFLIGHT": "many"}, "MOTCUA_MAX_INFLIGHT must be a whole number, not 'many'"),
        ({"MOTCUA_MAX_INFLIGHT": "0"}, "MOTCUA_MAX_INFLIGHT must be at least 1"),
        ({"MOTCUA_DEBUG": "maybe"}, "MOTCUA_DEBUG must be true or false"),
        ({"MOTCUA_DB_PREPARE": "sometimes"}, "MOTCUA_DB_PREPARE must be true or false"),
        ({"MOTCUA_CACHE_URL": "memcached://cache:11211"}, "MOTCUA_CACHE_URL must be a Redis"),
        ({"MOTCUA_SECRET_KEY": ""}, "MOTCUA_SECRET_KEY is not set"),
    ],
    ids=[
        "not-a-number",
        "below-minimum",
        "not-a-boolean",
        "prepare-not-a-boolean",
        "not-redis",
        "no-secret",
    ],
)
def test_a_wrong_value_is_named_in_one_sentence(
    tmp_path: Path, env: dict[str, str], sentence: str
) -> None:
    started = start(tmp_path, **env)
    assert started.returncode != 0
    assert sentence in started.stderr
    assert (
        started.stderr.strip()
        .splitlines()[-1]
        .startswith("django.core.exceptions.ImproperlyConfigured")
    )


def test_one_process_keeps_its_own_cache_and_a_redis_url_shares_one(tmp_path: Path) -> None:
    assert start(tmp_path).stdout.strip().endswith("LocMemCache")
    shared = start(tmp_path, MOTCUA_CACHE_URL="redis://127.0.0.1:6379/3")
    assert shared.returncode == 0, shared.stderr
    assert shared.stdout.strip() == "django.core.cache.backends.redis.RedisCache"


def test_a_mail_server_that_hangs_gives_its_delivery_back_within_the_lease(
    tmp_path: Path,
) -> None:
    probe = (
        "import django; django.setup(); from django.conf import settings; "
        "from motcua.notifications.services import LEASE; "
        "print(settings.EMAIL_BACKEND, settings.EMAIL_TIMEOUT, LEASE.total_seconds())"
    )
    run = fresh_python(tmp_path, probe, MOTCUA_EMAIL_HOST="mail.example.vn")
    assert run.returncode == 0, run.stderr
    backend, timeout, lease = run.stdout.split()
    assert backend == "django.core.mail.backends.smtp.EmailBackend"
    assert 0 < float(timeout) < float(lease) / 4


POOL_PROBE = """
import threading
import django
django.setup()
from django.conf import settings
from django.db import connection

pids, lock, errors = set(), threading.Lock(), []

def requests():
    try:
        for _ in range(20):
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                (pid,) = cursor.fetchone()
            with lock:
                pids.add(pid)
            connection.close()  # what the end of a request does with CONN_MAX_AGE 0
    except Exception as error:
        errors.append(repr(error))

threads = [threading.Thread(target=requests) for _ in range(12)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
if errors:
    raise SystemExit(errors[0])
print(settings.DATABASES["default"]["CONN_MAX_AGE"], len(pids))
"""


@pytest.mark.django_db
def test_pooled_postgresql_serves_many_threads_with_a_few_connections(tmp_path: Path) -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the connection pool is for PostgreSQL (set DATABASE_URL)")
    probe = fresh_python(
        tmp_path,
        POOL_PROBE,
        DATABASE_URL=subprocess_database_url(),
        MOTCUA_DB_POOL="true",
        MOTCUA_MAX_INFLIGHT="3",
    )
    assert probe.returncode == 0, probe.stderr[-2000:]
    max_age, sessions = probe.stdout.split()
    # 12 threads × 20 "requests", each closing its connection: 240 sessions without the
    # pool, at most max_size (3 + 2) with it.
    assert max_age == "0"
    assert 1 <= int(sessions) <= 5


PREPARED_PROBE = """
import django; django.setup()
from django.db import connection
from motcua.dossiers.models import Dossier
for _ in range(8):
    Dossier.objects.filter(pk=1).exists()
with connection.cursor() as cursor:
    cursor.execute(
        "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
        ['%FROM "dossiers_dossier"%'],
    )
    print(cursor.fetchone()[0])
"""


@pytest.mark.django_db
@pytest.mark.parametrize(("prepare", "prepared"), [("true", 1), ("false", 0)])
def test_postgresql_plans_a_frequent_query_once_unless_told_not_to(
    tmp_path: Path, prepare: str, prepared: int
) -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's (set DATABASE_URL)")
    probe = fresh_python(
        tmp_path,
        PREPARED_PROBE,
        DATABASE_URL=subprocess_database_url(),
        MOTCUA_DB_PREPARE=prepare,
    )
    assert probe.returncode == 0, probe.stderr[-2000:]
    # Run eight times on one connection: prepared from the sixth on, when allowed. A
    # pooler in transaction mode (MOTCUA_DB_PREPARE=false) gets none.
    assert int(probe.stdout.split()[-1]) == prepared
