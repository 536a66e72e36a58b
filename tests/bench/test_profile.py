"""The suite's py-spy summaries: what a collapsed profile is read as, on a made-up profile
and on one py-spy really wrote."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bench.harness.loadgen import Load
from bench.harness.profile import parse, py_spy
from bench.harness.scenarios import Plan, Row

COLLAPSED = """\
process 10:"granian";process 11:"worker";run (granian/server.py:5);WSGIHandler.__call__ (django/core/handlers/wsgi.py:124);lookup (motcua/dossiers/lookup.py:40);execute (psycopg/cursor.py:97) 6
process 10:"granian";process 12:"worker";run (granian/server.py:5);WSGIHandler.__call__ (django/core/handlers/wsgi.py:124);lookup (motcua/dossiers/lookup.py:41) 3
process 10:"granian";process 12:"worker";run (granian/server.py:5);WSGIHandler.__call__ (django/core/handlers/wsgi.py:130);dumps (json/__init__.py:231) 1
not a stack line
"""


def test_collapsed_stacks_are_counted_by_package_and_by_frame() -> None:
    found = parse(COLLAPSED)

    assert found.samples == 10
    assert dict(found.by_package) == {"psycopg": 6, "motcua": 3, "json": 1}
    # Frames in every sample (the server's loop, the WSGI handler) tell nothing: dropped.
    assert "run (granian/server.py)" not in found.by_frame
    assert "WSGIHandler.__call__ (django/core/handlers/wsgi.py)" not in found.by_frame
    # Lines of one function count once per sample, not once per line.
    assert found.by_frame["lookup (motcua/dossiers/lookup.py)"] == 9
    assert found.summary()["inclusive_pct"] == {
        "lookup (motcua/dossiers/lookup.py)": 90.0,
        "execute (psycopg/cursor.py)": 60.0,
        "dumps (json/__init__.py)": 10.0,
    }
    assert found.packages_line() == "psycopg 60% · motcua 30% · json 10%"


def test_an_empty_profile_has_no_shares() -> None:
    found = parse("")

    assert found.samples == 0
    assert found.summary()["self_by_package_pct"] == {}
    assert found.packages_line() == ""


SPIN = """
import json, time
def encode():
    json.dumps({"a": list(range(200))})
def add():
    sum(range(2000))
def spin():
    end = time.monotonic() + 1.5
    while time.monotonic() < end:
        encode()
        add()
spin()
"""


def test_what_py_spy_writes_is_read(tmp_path: Path) -> None:
    # py-spy starts the program itself, so no permission to attach to another process
    # is needed; the suite attaches to the server it started in the same way.
    out = tmp_path / "spin.txt"
    script = tmp_path / "spin.py"
    script.write_text(SPIN)
    subprocess.run(
        [py_spy(), "record", "--gil", "--rate", "200", "--format", "raw", "--output", str(out),
         "--", sys.executable, str(script)],
        check=True,
        capture_output=True,
        timeout=60,
    )  # fmt: skip

    found = parse(out.read_text())

    assert found.samples > 50
    # spin() may be in every sample (and so dropped as a root); its two halves are not.
    frames = {name.split(" (")[0] for name in found.by_frame}
    assert {"encode", "add"} <= frames
    assert "json" in found.by_package


def test_a_recorded_load_is_named_after_its_row_and_summed_up_in_the_results(
    tmp_path: Path,
) -> None:
    plan = Plan("http://127.0.0.1:1", 1, 1, tmp_path, [], profile_pid=1, profile_dir=tmp_path)
    raw = tmp_path / "load-1.txt"
    raw.write_text(COLLAPSED)
    plan._recorded = (raw, parse(COLLAPSED))
    said: list[str] = []

    plan.add(Row("3 work queue (page of 50)", 16, Load(100, 10, 5, 9, 0)), said.append)

    kept = tmp_path / "3-work-queue-page-of-50-c16.txt"
    assert kept.read_text() == COLLAPSED and not raw.exists()
    summary = plan.extra["profiles"]["3 work queue (page of 50) c=16"]
    assert summary["file"] == str(kept)
    assert summary["samples"] == 10
    assert said[-1] == "    py-spy, 10 samples with the GIL: psycopg 60% · motcua 30% · json 10%"
    # The next row, without a recording of its own, gets none.
    plan.add(Row("6 my dossiers", 16, Load(100, 10, 5, 9, 0)), said.append)
    assert list(plan.extra["profiles"]) == ["3 work queue (page of 50) c=16"]
