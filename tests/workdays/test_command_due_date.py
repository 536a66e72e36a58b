"""`motcua due-date`: the deadline on the command line, local Vietnamese time by default."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from motcua.organizations.models import Agency

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = StringIO()
    call_command("due_date", *args, stdout=out)
    return out.getvalue()


def test_prints_the_deadline(commune_agency: Agency) -> None:
    output = _run(
        "--agency", commune_agency.code, "--start", "2027-02-03T16:10", "--duration", "5d"
    )
    assert output.strip() == "2027-02-17T16:10:00+07:00"


def test_explain_prints_each_day(commune_agency: Agency) -> None:
    output = _run(
        "--agency",
        commune_agency.code,
        "--start",
        "2027-02-03T16:10",
        "--duration",
        "5d",
        "--explain",
    )
    lines = output.splitlines()
    assert lines[0] == "Tiếp nhận: Thứ Tư 03/02/2027 16:10"
    assert any("Thứ Năm 04/02/2027: không tính — Tết Nguyên Đán" in line for line in lines)
    assert lines[-1] == "Hạn giải quyết: Thứ Tư 17/02/2027 16:10"


def test_cutoff_option(commune_agency: Agency) -> None:
    output = _run(
        "--agency",
        commune_agency.code,
        "--start",
        "2027-03-01T15:01",
        "--duration",
        "sd",
        "--cutoff",
        "15:00",
    )
    assert output.strip() == "2027-03-02T17:00:00+07:00"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--agency", "000.00.00.X99"], "không tìm thấy cơ quan"),
        (["--start", "03/02/2027"], "--start"),
        (["--duration", "5 tuần"], "--duration"),
        (["--duration", "99999d"], "vượt quá 10 năm"),
        (["--cutoff", "25:00"], "--cutoff"),
        (["--start", "2060-01-01T09:00"], "2015–2040"),
    ],
)
def test_bad_input_stops_with_a_message(
    commune_agency: Agency, args: list[str], message: str
) -> None:
    base = {"--agency": commune_agency.code, "--start": "2027-02-03T16:10", "--duration": "5d"}
    base.update(dict(zip(args[::2], args[1::2], strict=True)))
    with pytest.raises(CommandError, match=message):
        _run(*[part for pair in base.items() for part in pair])
