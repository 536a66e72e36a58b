"""The server under test, started the production way (``motcua serve``: granian WSGI) and
the database it runs against, all on this machine."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def bench_env(database_url: str, data_dir: Path) -> dict[str, str]:
    """Production settings (DEBUG off, a secret key, persistent connections) plus the bench
    URLs; the repository on the path so workers import ``bench.app``."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="bench.app.settings",
        MOTCUA_DEBUG="false",
        MOTCUA_SECRET_KEY=env.get("MOTCUA_SECRET_KEY") or os.urandom(24).hex(),
        MOTCUA_DATA_DIR=str(data_dir),
        MOTCUA_DB_CONN_MAX_AGE="600",
        MOTCUA_SECURE_COOKIES="false",
        MOTCUA_ALLOWED_HOSTS="127.0.0.1,localhost",
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")])),
    )
    return env


def postgres_ready() -> None:
    """Start the local PostgreSQL if it is not answering (installs it when absent)."""
    subprocess.run(["bash", str(REPO / ".ci" / "postgres.sh")], check=True)


def postgres_recreate(name: str) -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        c.execute(f'CREATE DATABASE "{name}"')


def postgres_connection_budget() -> int:
    """Connections this run may open: the server's limit minus those in use, with room
    left for other clients and the superuser reserve."""
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres") as c:
        limit = int(c.execute("SHOW max_connections").fetchone()[0])  # type: ignore[index]
        used = int(c.execute("SELECT count(*) FROM pg_stat_activity").fetchone()[0])  # type: ignore[index]
    return max(4, limit - used - 15)


class Server:
    def __init__(self, env: dict[str, str], *, port: int, workers: int, threads: int, log: Path):
        self.env, self.port, self.workers, self.threads, self.log = env, port, workers, threads, log
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        command = [
            sys.executable, "-m", "motcua.cli", "serve", "--host", "127.0.0.1",
            "--port", str(self.port), "--workers", str(self.workers),
            "--threads", str(self.threads),
        ]  # fmt: skip
        out = self.log.open("ab")
        self.process = subprocess.Popen(
            command,
            env=self.env,
            cwd=REPO,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited; see {self.log}")
            try:
                urllib.request.urlopen(f"{self.base}/bench/baseline/1", timeout=2)
                return
            except urllib.error.HTTPError:
                return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("the server did not answer within 120 s")

    def worker_rss_mb(self) -> list[float]:
        """Resident memory of each granian worker process (children of the server)."""
        if self.process is None:
            return []
        pids = _descendants(self.process.pid)
        sizes = []
        for pid in pids:
            status = Path(f"/proc/{pid}/status")
            cmdline = Path(f"/proc/{pid}/cmdline")
            try:
                if b"granian" not in cmdline.read_bytes() and "spawn" not in cmdline.read_text():
                    continue
                rss = next(x for x in status.read_text().splitlines() if x.startswith("VmRSS:"))
            except (OSError, StopIteration):
                continue
            sizes.append(int(rss.split()[1]) / 1024)
        # The first granian process is the supervisor; its workers follow.
        return sizes[1:] if len(sizes) > self.workers else sizes

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def _descendants(pid: int) -> list[int]:
    found = []
    stack = [pid]
    while stack:
        current = stack.pop(0)
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                stack += [int(x) for x in (task / "children").read_text().split()]
            except OSError:
                continue
    return found
