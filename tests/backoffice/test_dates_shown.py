"""Every page writes a moment the same way, "H:i d/m/Y" (a day alone "d/m/Y"): the
queue's step deadline carries its year, and the citizen's pages put the time first."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import services
from tests.dossiers.conftest import intake

SRC = Path(__file__).resolve().parents[2] / "src" / "motcua"
ALLOWED = {"H:i d/m/Y", "d/m/Y"}


def test_templates_use_one_date_time_format() -> None:
    found: dict[str, set[str]] = {}
    for template in SRC.rglob("templates/**/*.html"):
        for fmt in re.findall(r"""\|date:["']([^"']*)["']""", template.read_text()):
            found.setdefault(fmt, set()).add(str(template.relative_to(SRC)))
    assert found, "no |date: filter found: the scan is looking in the wrong place"
    assert {fmt: where for fmt, where in found.items() if fmt not in ALLOWED} == {}


@pytest.mark.django_db
def test_the_queue_step_deadline_shows_its_year(
    web: Client, clerk: User, version: ProcedureVersion
) -> None:
    dossier = intake(clerk, version)
    assert dossier.current_step_due_at is not None
    due = timezone.localtime(dossier.current_step_due_at)
    web.force_login(clerk)

    html = web.get("/can-bo/").content.decode()

    assert f"{due:%H:%M %d/%m/%Y}" in html
    assert f"{due:%H:%M %d/%m}<" not in html


@pytest.mark.django_db
def test_the_citizen_sees_time_before_date_on_drafts(
    web: Client, citizen: User, version: ProcedureVersion
) -> None:
    draft = services.dossier_draft_save(
        actor=citizen,
        version=version,
        agency=version.procedure.agencies.get(),
        declaration={},
    )
    created = f"{timezone.localtime(draft.created_at):%H:%M %d/%m/%Y}"
    web.force_login(citizen)

    mine = web.get("/ho-so-cua-toi/").content.decode()
    start = web.get(f"/nop-ho-so/{version.procedure.code}/").content.decode()

    assert f"Tạo {created}" in mine
    assert f"Tiếp tục bản nháp tạo lúc {created}" in start
