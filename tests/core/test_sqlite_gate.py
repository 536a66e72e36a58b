"""SQLite's writers take their turn in a line (motcua/core/sqlite/): within a process,
across processes, and never longer than the database's timeout."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import OperationalError, connection, connections, transaction

from motcua.core.sqlite.gate import GateTimeout, WriterGate, gate_for

# Another process holding the line's file until told to let go (a line on stdin) or
# killed; it says "held" once it has it.
HOLDER = """
import fcntl, os, sys
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
fcntl.flock(fd, fcntl.LOCK_EX)
print("held", flush=True)
sys.stdin.readline()
"""


def hold_elsewhere(gate: WriterGate) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, gate.path],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    return holder


def let_go(holder: subprocess.Popen[str]) -> None:
    assert holder.stdin is not None
    holder.stdin.write("\n")
    holder.stdin.flush()
    holder.wait(timeout=10)


@pytest.fixture
def gate(tmp_path: Path) -> WriterGate:
    return WriterGate(str(tmp_path / "db.sqlite3"))


def test_one_writer_at_a_time_in_a_process(gate: WriterGate) -> None:
    inside = 0
    most = 0
    lock = threading.Lock()

    def write() -> None:
        nonlocal inside, most
        for _ in range(30):
            gate.enter(10)
            with lock:
                inside += 1
                most = max(most, inside)
            time.sleep(0.0005)
            with lock:
                inside -= 1
            gate.leave()

    threads = [threading.Thread(target=write) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert (most, inside) == (1, 0)


def test_another_process_holding_it_makes_a_writer_wait_then_go(gate: WriterGate) -> None:
    holder = hold_elsewhere(gate)
    entered = threading.Event()

    def write() -> None:
        gate.enter(10)
        entered.set()
        gate.leave()

    writer = threading.Thread(target=write)
    writer.start()
    assert not entered.wait(0.3)  # the other process has it
    let_go(holder)
    assert entered.wait(5)
    writer.join()


def test_the_wait_ends_at_the_timeout_and_leaves_nothing_held(gate: WriterGate) -> None:
    holder = hold_elsewhere(gate)
    started = time.monotonic()
    with pytest.raises(GateTimeout):
        gate.enter(0.3)
    assert 0.25 <= time.monotonic() - started < 3
    # The abandoned wait's keeper lets go of the file as soon as it gets it, and the
    # process's turn is free: the next writer goes once the other process is done.
    let_go(holder)
    gate.enter(5)
    gate.leave()
    holder = hold_elsewhere(gate)  # nobody here kept it
    let_go(holder)


def test_a_holder_that_dies_frees_the_line(gate: WriterGate) -> None:
    holder = hold_elsewhere(gate)
    holder.kill()
    holder.wait(timeout=10)
    gate.enter(5)
    gate.leave()


# Another process's writer through the same line: once it has its turn it notes so in a
# file, keeps the turn a moment, and leaves.
WRITER = """
import sys, time
from motcua.core.sqlite.gate import WriterGate
gate = WriterGate(sys.argv[1])
gate.enter(10)
with open(sys.argv[2], "w") as note:
    note.write("in")
time.sleep(0.2)
gate.leave()
"""


def someone_waiting(gate: WriterGate) -> bool:
    fd = os.open(gate.path + "-waiting", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def test_a_writer_waiting_in_another_process_goes_before_this_ones_next(
    gate: WriterGate, tmp_path: Path
) -> None:
    note = tmp_path / "other-was-in"
    gate.enter(5)
    other = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(tmp_path / "db.sqlite3"), str(note)]
    )
    deadline = time.monotonic() + 10
    while not someone_waiting(gate):
        assert time.monotonic() < deadline and other.poll() is None
        time.sleep(0.01)
    # This process lets go and asks again at once, as a busy server's next writer does:
    # the other process, which was waiting, has the turn first.
    gate.leave()
    gate.enter(10)
    try:
        assert note.exists()
    finally:
        gate.leave()
        other.wait(timeout=10)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork is POSIX")
def test_a_forked_child_does_not_share_its_parents_turn(gate: WriterGate) -> None:
    gate.enter(5)  # the parent holds it while the child asks
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child reports through the pipe
        try:
            gate.enter(0.3)
            os.write(write, b"entered")
        except GateTimeout:
            os.write(write, b"waited")
        os._exit(0)
    os.close(write)
    answer = os.read(read, 16)
    os.waitpid(pid, 0)
    gate.leave()
    assert answer == b"waited"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the line is SQLite's")
@pytest.mark.django_db(transaction=True)
def test_transactions_wait_their_turn_and_say_locked_at_the_timeout() -> None:
    from motcua.organizations.models import AdministrativeUnit

    line = gate_for(str(connection.settings_dict["NAME"]))
    assert line is not None
    holder = hold_elsewhere(line)
    options = connection.settings_dict["OPTIONS"]
    timeout = options.get("timeout")
    options["timeout"] = 0.3
    try:
        with pytest.raises(OperationalError, match="database is locked"), transaction.atomic():
            AdministrativeUnit.objects.create(code="99", name="Thử", level="province")
        assert not connection.in_atomic_block
    finally:
        options["timeout"] = timeout
        let_go(holder)
    # Two threads of this process, each with its own connection, one after the other.
    order: list[str] = []

    def write(name: str, hold: float) -> None:
        try:
            with transaction.atomic():
                order.append(f"{name} begins")
                AdministrativeUnit.objects.create(code=name, name=name, level="province")
                time.sleep(hold)
                order.append(f"{name} ends")
        finally:
            connections.close_all()

    first = threading.Thread(target=write, args=("01", 0.3))
    first.start()
    time.sleep(0.1)
    second = threading.Thread(target=write, args=("02", 0))
    second.start()
    first.join()
    second.join()
    assert order == ["01 begins", "01 ends", "02 begins", "02 ends"]
    assert AdministrativeUnit.objects.filter(code__in=["01", "02"]).count() == 2
