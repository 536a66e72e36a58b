"""The `motcua` command: `motcua demo` stops what it started, however it is asked to
stop; a missing setting is a sentence, not a traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

# A stand-in for `motcua demo`: a "server" and a "worker" that would run for a minute,
# started and stopped as the demo starts and stops its own; it prints their process ids.
DEMO = """
import subprocess, sys
from motcua.cli import stop_all, stop_on_signals
stop_on_signals()
sleep = [sys.executable, "-c", "import time; time.sleep(60)"]
children = []
try:
    children += [subprocess.Popen(sleep), subprocess.Popen(sleep)]
    print(*(child.pid for child in children), flush=True)
    sys.exit(children[0].wait())
except KeyboardInterrupt:
    sys.exit(0)
finally:
    stop_all(children)
"""


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A child that has ended but not been waited for is a zombie: gone for our purpose.
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_stopping_the_demo_stops_its_server_and_worker(signum: int) -> None:
    demo = subprocess.Popen([sys.executable, "-c", DEMO], stdout=subprocess.PIPE, text=True)
    assert demo.stdout is not None
    children = [int(pid) for pid in demo.stdout.readline().split()]
    assert len(children) == 2 and all(alive(pid) for pid in children)
    demo.send_signal(signum)
    assert demo.wait(timeout=20) == 0
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(pid) for pid in children)


def test_a_command_without_its_settings_says_which_and_how_not_a_traceback() -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("MOTCUA_DEBUG", "MOTCUA_SECRET_KEY", "DJANGO_SETTINGS_MODULE")
    }
    done = subprocess.run(
        [sys.executable, "-m", "motcua.cli", "due-date", "--agency", "X", "--duration", "1d"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "MOTCUA_SECRET_KEY is not set" in done.stderr and "MOTCUA_DEBUG" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_second_server_on_a_taken_port_says_so_and_starts_nothing() -> None:
    import socket

    with socket.socket() as first:
        first.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)  # as granian binds
        first.bind(("127.0.0.1", 0))
        first.listen()
        port = first.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "motcua.cli", "demo", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 2
    assert f"không mở được cổng {port} trên 127.0.0.1" in done.stderr
    assert f"--port {port + 1}" in done.stderr
    assert "Traceback" not in done.stderr and "Cổng dịch vụ công" not in done.stdout


def test_a_free_port_is_free() -> None:
    import socket

    from motcua.cli import port_taken

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert port_taken("127.0.0.1", port) == ""


def test_a_second_demo_on_the_same_data_directory_says_so(tmp_path: object) -> None:
    import fcntl
    import socket
    from pathlib import Path

    data = Path(str(tmp_path))
    with (data / "demo.lock").open("w") as held, socket.socket() as probe:
        fcntl.flock(held, fcntl.LOCK_EX)  # a first demo holds it
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        probe.close()
        done = subprocess.run(
            [sys.executable, "-m", "motcua.cli", "demo", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "MOTCUA_DATA_DIR": str(data)},
        )
    assert done.returncode == 2
    assert f"một bản motcua demo khác đang chạy với thư mục dữ liệu {data}" in done.stderr
    assert "Traceback" not in done.stderr and not (data / "motcua.sqlite3").exists()


# granian's logging set up as `motcua serve` sets it, then two warnings: the thread pool's
# (large by design) and one an operator must see.
GRANIAN_LOGS = """
import json, sys
from granian.log import LogLevels, configure_logging, logger
configure_logging(LogLevels.info, json.loads(open(sys.argv[1]).read()))
logger.warning("Configuration allows spawning up to 32 Python threads, which seems quite high")
logger.warning("Killing worker-1 after it refused to gracefully stop")
"""


def test_the_server_keeps_granian_s_warnings_but_the_thread_pool_s() -> None:
    from motcua.cli import _serve_command

    command = _serve_command("127.0.0.1", 8000, 2, 8)
    config = command[command.index("--log-config") + 1]
    shown = subprocess.run(
        [sys.executable, "-c", GRANIAN_LOGS, config], capture_output=True, text=True, check=True
    ).stdout
    assert "Killing worker-1" in shown
    assert "Python threads" not in shown
