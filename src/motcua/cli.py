"""The `motcua` command: demo, serve, worker, load-demo, manage and the domain commands.

Sub-commands that are not special here run the Django management command of the same
name with dashes turned into underscores (`motcua due-date ...` → `due_date`).
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

DEMO_ACCOUNTS = """\
Tài khoản trình diễn (mật khẩu chung: motcua-demo):
  Công dân          : 001090001234  (đăng nhập bằng số định danh)
  Cán bộ tiếp nhận  : tiepnhan.phuonghoankiem
  Chuyên viên       : chuyenvien.phuonghoankiem
  Trưởng bộ phận    : truongphong.phuonghoankiem
  Lãnh đạo          : lanhdao.phuonghoankiem
  (Phường Ba Đình: thay phuonghoankiem bằng phuongbadinh)
  Quản trị cơ quan  : quantri.hanoi
  Giám sát          : giamsat.hanoi
"""


def _django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    import django

    django.setup()


def _manage(argv: Sequence[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["motcua", *argv])


# Server threads per admission slot. The extra threads only answer 503 quickly.
THREADS_PER_SLOT = 4
# granian's own logging, less one warning about the thread pool (core.logs).
GRANIAN_LOGGING = Path(__file__).with_name("granian_logging.json")


def _serve_command(host: str, port: int, workers: int, threads: int) -> list[str]:
    """granian with ``threads`` requests running per process, and room to refuse more.

    granian hands requests to a pool of Python threads and keeps the ones waiting for a
    thread in its own queue, where Django cannot see them: with as many threads as
    running requests, a surge just waits there (seconds at 256 connections) and is never
    refused. So the pool is ``THREADS_PER_SLOT`` times larger (plus any line longer than
    the slots, ``MOTCUA_ADMISSION_LINE``) and ``MOTCUA_MAX_INFLIGHT``
    (``motcua.core.admission``) is set to ``threads``: the surplus reaches Django and is
    answered 503 with Retry-After in well under a millisecond, and only ``threads``
    requests per process run (and keep a database connection) at once.

    granian's ``--backpressure`` is left at its default: it bounds the connections a
    worker accepts, and keep-alive clients over that bound would wait with no answer at
    all rather than get a 503.
    """
    slots = os.environ.setdefault("MOTCUA_MAX_INFLIGHT", str(threads))
    os.environ.setdefault("MOTCUA_DB_POOL", "true")  # PostgreSQL only; see settings
    line = os.environ.get("MOTCUA_ADMISSION_LINE", "0")
    if slots.isdigit() and line.isdigit():
        # The running requests, the line, and two threads a slot that only answer 503.
        waiting = int(line) or int(slots)
        threads_in_pool = int(slots) * (THREADS_PER_SLOT - 1) + waiting
    else:
        threads_in_pool = threads
    return [
        sys.executable,
        "-m",
        "granian",
        "--interface",
        "wsgi",
        "--host",
        host,
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--blocking-threads",
        str(threads_in_pool),
        "--no-ws",
        "--log-config",
        str(GRANIAN_LOGGING),
        "motcua.wsgi:application",
    ]


def _collectstatic() -> None:
    _manage(["collectstatic", "--noinput", "--verbosity", "0"])


SEPARATE_COUNTS = (
    "Cảnh báo: {workers} tiến trình, mỗi tiến trình tự đếm số lần tra cứu và đăng nhập sai "
    "vì chưa đặt MOTCUA_CACHE_URL; giới hạn vì thế lỏng gấp {workers} lần. Đặt "
    "MOTCUA_CACHE_URL=redis://... (xem README, «Deployment past one machine»)."
)


def _shared_cache() -> bool:
    from django.conf import settings

    backend = str(settings.CACHES["default"]["BACKEND"])
    return not backend.endswith("LocMemCache")


def port_taken(host: str, port: int) -> str:
    """Why the server could not listen on ``host:port`` ("" when it can). granian binds
    with ``SO_REUSEPORT``, so a second server on a taken port would start and share it
    with the first instead of failing; a plain bind here finds out first."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        # Lets a port whose last connections are closing (TIME_WAIT) be used again, but
        # not one that another process listens on.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            return error.strerror or str(error)
    return ""


def _require_port(host: str, port: int) -> None:
    reason = port_taken(host, port)
    if reason:
        raise InUse(
            f"không mở được cổng {port} trên {host} ({reason}): có thể một bản motcua "
            f"khác đang chạy. Dừng bản đó, hoặc chọn cổng khác: --port {port + 1} "
            f"(với make: make demo PORT={port + 1})."
        )


class InUse(Exception):
    """What the demo or the server needs is in use by another one (a port, a data
    directory): said in a sentence, not a traceback."""


def cmd_serve(args: argparse.Namespace) -> int:
    _require_port(args.host, args.port)
    _django_setup()
    _collectstatic()
    print(f"motcua đang chạy tại http://{args.host}:{args.port}/", flush=True)
    if args.workers > 1 and not _shared_cache():
        print(SEPARATE_COUNTS.format(workers=args.workers), file=sys.stderr, flush=True)
    return subprocess.call(_serve_command(args.host, args.port, args.workers, args.threads))


def cmd_worker(args: argparse.Namespace) -> int:
    """Run jobs, and enqueue the periodic sweeps (deadline warnings, delivery retries)."""
    import threading

    _django_setup()
    from motcua.core.periodic import run_forever

    stop = threading.Event()
    scheduler = threading.Thread(target=run_forever, args=(stop,), daemon=True)
    if not args.no_sweeps:
        scheduler.start()
    try:
        claim = ["--claim", str(args.claim)] if args.claim is not None else []
        _manage(["jobs_worker", "--interval", str(args.interval), *claim])
    finally:
        stop.set()
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    stop_on_signals()
    _require_port(args.host, args.port)
    os.environ.setdefault("MOTCUA_DEBUG", "false")
    os.environ.setdefault("MOTCUA_SECRET_KEY", "demo-only-secret-key-not-for-production")
    os.environ.setdefault("MOTCUA_SECURE_COOKIES", "false")
    os.environ.setdefault("MOTCUA_SIGNING_PASSPHRASE", "motcua-demo-passphrase")  # demo keys only
    # No SMS leaves the machine in the demo: the login-code page shows the sandbox's text.
    os.environ.setdefault("MOTCUA_SANDBOX_INBOX", "true")
    # QR codes on slips and results point at the address the demo actually listens on.
    os.environ.setdefault("MOTCUA_PUBLIC_URL", f"http://{args.host}:{args.port}")
    _django_setup()
    from django.conf import settings

    _hold_demo_lock(settings.DATA_DIR)
    _manage(["migrate", "--noinput", "--verbosity", "0"])
    _manage(["load_demo", "--if-empty"])
    _collectstatic()

    # The worker logs every job it runs; keep that out of the terminal the person reads.
    worker_log_path = settings.DATA_DIR / "worker.log"
    worker_log = worker_log_path.open("ab")
    children: list[subprocess.Popen[bytes]] = []
    try:
        children.append(
            subprocess.Popen(
                [sys.executable, "-m", "motcua.cli", "worker"],
                stdout=worker_log,
                stderr=worker_log,
            )
        )
        url = f"http://{args.host}:{args.port}/"
        print(f"\nCổng dịch vụ công motcua: {url}\nTrang cán bộ: {url}can-bo/", flush=True)
        print(f"Nhật ký tác vụ nền (gửi SMS, lập phiếu): {worker_log_path}\n", flush=True)
        print(DEMO_ACCOUNTS, flush=True)
        server = subprocess.Popen(_serve_command(args.host, args.port, args.workers, 4))
        children.insert(0, server)
        return server.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        stop_all(children)


_demo_lock: object = None


def _hold_demo_lock(data_dir: Path) -> None:
    """One demo per data directory: a second one (on another port) would run a second
    worker and scheduler on the same database. The lock is the kernel's, so it goes
    with the process however it ends."""
    import fcntl

    global _demo_lock
    data_dir.mkdir(parents=True, exist_ok=True)
    handle = (data_dir / "demo.lock").open("w")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise InUse(
            f"một bản motcua demo khác đang chạy với thư mục dữ liệu {data_dir}. Dừng bản "
            "đó, hoặc chạy bản này với thư mục khác: MOTCUA_DATA_DIR=/đường/dẫn/khác."
        ) from None
    _demo_lock = handle


def stop_on_signals() -> None:
    """End this process on SIGTERM and SIGHUP (``kill``, the terminal closing) as on
    Ctrl-C: through its ``finally`` blocks, which stop what it started. Without it, they
    ended this process alone and left the demo's server listening."""

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(0)

    for name in ("SIGTERM", "SIGHUP"):
        signal.signal(getattr(signal, name), stop)


def stop_all(processes: Sequence[subprocess.Popen[bytes]]) -> None:
    """Ask each process still running to stop; kill it after 10 s."""
    for proc in processes:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


def main(argv: Sequence[str] | None = None) -> int:
    from django.core.exceptions import ImproperlyConfigured

    try:
        return _main(argv)
    except InUse as error:
        print(f"motcua: {error}", file=sys.stderr)
        return 2
    except ImproperlyConfigured as error:
        # A setting missing or wrong (settings.py says which, and how to fix it): that
        # sentence, not a traceback through Django's start-up.
        print(f"motcua: {error}", file=sys.stderr)
        return 2


def _main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(prog="motcua", description=__doc__)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    for name in ("serve", "demo"):
        helptext = "chạy cổng dịch vụ công" if name == "serve" else "dữ liệu mẫu và chạy"
        p = sub.add_parser(name, help=helptext)
        p.add_argument("--host", default="127.0.0.1")
        p.add_argument("--port", type=int, default=8000)
        # The demo runs one process: its rate limits are counted in that process's memory,
        # and two would each count their own (there is no shared cache in the demo).
        p.add_argument("--workers", type=int, default=2 if name == "serve" else 1)
        if name == "serve":
            p.add_argument(
                "--threads", type=int, default=8, help="số yêu cầu xử lý cùng lúc mỗi tiến trình"
            )
    worker = sub.add_parser("worker", help="xử lý công việc nền")
    worker.add_argument("--interval", type=float, default=1.0)
    worker.add_argument(
        "--claim", type=int, help="số tác vụ nhận trong một giao dịch (mặc định 20)"
    )
    worker.add_argument(
        "--no-sweeps", action="store_true", help="không tự đưa các việc định kỳ vào hàng đợi"
    )
    sub.add_parser("load-demo", help="nạp dữ liệu mẫu", add_help=False)
    sub.add_parser("manage", help="lệnh quản trị Django bất kỳ", add_help=False)

    if not argv or argv[0] in {"-h", "--help"}:
        parser.print_help()
        return 0
    command, rest = argv[0], argv[1:]
    if command == "manage":
        _manage(rest)
        return 0
    if command in {"serve", "demo", "worker"}:
        args = parser.parse_args(argv)
        handler = {"serve": cmd_serve, "demo": cmd_demo, "worker": cmd_worker}[command]
        return handler(args)
    _manage([command.replace("-", "_"), *rest])
    return 0


if __name__ == "__main__":
    sys.exit(main())
