"""The server's WSGI module loads every view before the first request and takes the
loaded code out of the garbage collector's scans (checked in a fresh interpreter, as the
server starts it)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import fresh_python

REPORT = (
    "import gc, json, sys; import motcua.wsgi; "
    "print(json.dumps({'frozen': gc.get_freeze_count(), 'scanned': len(gc.get_objects()), "
    "'views': 'motcua.portal.my_dossier_views' in sys.modules, "
    "'holidays': __import__('motcua.workdays.national').workdays.national._national_days"
    ".cache_info().currsize}))"
)


def test_loaded_code_is_frozen_out_of_full_collections(tmp_path: Path) -> None:
    done = fresh_python(tmp_path, REPORT)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])

    assert report["views"]  # every view module loaded before any request
    assert report["holidays"] == 1  # the national holidays, computed before any deadline
    assert report["frozen"] > 50_000  # Django, motcua and their libraries
    # What a full collection still walks is what the process creates from here on.
    assert report["scanned"] < report["frozen"] / 50
